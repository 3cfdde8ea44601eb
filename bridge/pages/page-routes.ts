/** The bridge's own pages (contact, chooser, new-contact form) and their script and style, for app.ts to mount. */
import type { CallLog } from "../calls/call-log.js";
import type { Directory } from "../directory/directory.js";
import type { Route } from "../http/server.js";
import { sendHtml } from "../http/responses.js";
import type { Language } from "../i18n/language.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { chooserPage } from "./chooser-page.js";
import { contactPage } from "./contact-page.js";
import { newContactPage } from "./new-contact-page.js";
import { pageAssetRoutes } from "./page-assets.js";
import { CHOOSER_PAGE, CONTACT_PAGE, NEW_CONTACT_PAGE } from "./page-urls.js";

export interface PageRouteDeps {
  directory: Directory;
  callLog: CallLog;
  /** The pairing token, written into each page's meta tag for its calls to /api/. */
  token: string;
  language: Language;
}

export function pageRoutes(deps: PageRouteDeps): Route[] {
  const { directory, language, token } = deps;
  const region = directory.options.defaultRegion;
  const numberParam = (url: URL): string | undefined => url.searchParams.get("number")?.trim() || undefined;
  return [
    ...pageAssetRoutes(),
    {
      method: "GET",
      path: `${CONTACT_PAGE}/:id`,
      handle: ({ res, url, params }) => {
        const contact = directory.get(params.id ?? "");
        const number = numberParam(url);
        const onNumber = number ? directory.lookup(number) : [];
        const remembered = number && contact && onNumber.length > 1 && directory.chosenFor(number) === contact.id;
        const calls = contact ? deps.callLog.recent({ contactId: contact.id, limit: 20 }) : [];
        const rememberedFor = remembered ? { number, ids: onNumber.map((c) => c.id) } : undefined;
        sendHtml(
          res,
          contactPage({ language, token, region, contact, calls, ...(rememberedFor && { rememberedFor }) }),
        );
      },
    },
    {
      method: "GET",
      path: CHOOSER_PAGE,
      handle: ({ res, url }) => {
        const number = numberParam(url);
        const ids = (url.searchParams.get("ids") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter((s) => /^\d+$/.test(s));
        // With the number: every contact on it (a reply carries at most 50 ids), else the ids given.
        const onNumber = number ? directory.lookup(number) : [];
        const contacts = onNumber.length > 0 ? onNumber : directory.getMany(ids);
        if (contacts.length === 0) throw new InvalidInputError("BAD_QUERY", "ids or a number with contacts needed");
        const chosen = number ? directory.chosenFor(number) : undefined;
        sendHtml(
          res,
          chooserPage({ language, token, region, contacts, ...(number && { number }), ...(chosen && { chosen }) }),
        );
      },
    },
    {
      method: "GET",
      path: NEW_CONTACT_PAGE,
      handle: ({ res, url }) => sendHtml(res, newContactPage({ language, token, number: numberParam(url) ?? "" })),
    },
  ];
}
