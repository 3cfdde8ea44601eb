/**
 * The team call log's settings as the pane edits them: the team site, the list's name and whether call notes go to
 * the list. GET answers them as config.json holds them (with the ones an administrator set by policy); PUT saves
 * them into config.json and applies them without a restart. A site that is not an https address is refused 400
 * `BAD_SITE`, a list name that is empty or over 255 characters `BAD_LIST`, a setting set by policy 409
 * `setting.managed`.
 */
import * as v from "valibot";
import { InvalidInputError } from "../protocol/inputs.js";
import type { Endpoint } from "./endpoint.js";
import { flag } from "./fields.js";
import { TEAM_STATUS } from "./m365-status.js";
import { TEAM_SETTINGS } from "./paths.js";

/** SharePoint's limit for a list's title. */
export const LIST_NAME_MAX = 255;

/** The settings the pane may change, by their names in `microsoft365.team`. */
export const TEAM_SETTING_NAMES = ["site", "list", "shareNotes"] as const;
export type TeamSettingName = (typeof TEAM_SETTING_NAMES)[number];

/** The site's address as saved: https with a host, without a trailing slash; "" turns the team log off. */
const siteUrl = v.pipe(
  v.string('"site" must be a string'),
  v.transform((raw: string) => {
    const site = raw.trim().replace(/\/+$/, "");
    if (site === "") return site;
    let url: URL | undefined;
    try {
      url = new URL(site);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== "https:" || !url.hostname || /\s/.test(site)) {
      throw new InvalidInputError(
        "BAD_SITE",
        `"site" must be an https:// address, e.g. https://contoso.sharepoint.com/sites/office`,
      );
    }
    return site;
  }),
);

const listName = v.pipe(
  v.string('"list" must be a string'),
  v.transform((raw: string) => {
    const list = raw.trim();
    if (list.length < 1 || list.length > LIST_NAME_MAX) {
      throw new InvalidInputError("BAD_LIST", `"list" must be 1-${LIST_NAME_MAX} characters`);
    }
    return list;
  }),
);

export const TEAM_SETTINGS_ANSWER = v.object({
  site: v.string(),
  list: v.string(),
  shareNotes: v.boolean(),
  /** The settings an administrator set by policy: the pane shows them locked. */
  managed: v.array(v.picklist(TEAM_SETTING_NAMES)),
  /** The team log's status after the change; absent while it is off. */
  team: v.optional(TEAM_STATUS),
});
export type TeamSettingsAnswer = v.InferOutput<typeof TEAM_SETTINGS_ANSWER>;

export const teamSettings = {
  method: "GET",
  path: TEAM_SETTINGS,
  answer: TEAM_SETTINGS_ANSWER,
} as const satisfies Endpoint;

export const saveTeamSettings = {
  method: "PUT",
  path: TEAM_SETTINGS,
  body: v.object({ site: siteUrl, list: listName, shareNotes: flag("shareNotes") }),
  answer: TEAM_SETTINGS_ANSWER,
} as const satisfies Endpoint;
export type TeamSettings = v.InferOutput<typeof saveTeamSettings.body>;
