/**
 * Local web endpoints of the Microsoft 365 module, for app.ts to mount on the bridge's server, each checked against
 * its endpoint in the contract (api-contract/m365-endpoints.ts): the status, a sync now, a device code sign-in
 * (answers the code at once; the status shows `signedIn` once the user has entered it), sign-out, switching a
 * source of numbers, retrying the calls Outlook refused, "I'll call back" on a team call (team-claim-endpoints.ts),
 * the team log's settings (team-settings-endpoints.ts: 409 `setting.managed` for one set by policy).
 * The local API guard (http/local-api-guard.ts) admits them.
 */
import {
  m365Retry,
  m365SignIn,
  m365SignOut,
  m365Sources,
  m365Status,
  m365Sync,
} from "../api-contract/m365-endpoints.js";
import type { DeviceCodeInfo } from "../api-contract/m365-status.js";
import { teamClaim } from "../api-contract/team-claim-endpoints.js";
import { saveTeamSettings, teamSettings } from "../api-contract/team-settings-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { HttpError, type Route } from "../http/server.js";
import { errorMessage } from "../log/error-message.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { signInReason } from "./auth/sign-in-reason.js";
import type { Microsoft365 } from "./microsoft365.js";
import { UnknownSourceError } from "./sources/sync-sources.js";
import { ManagedSettingError } from "./config.js";

export function microsoft365Routes({ m365 }: { m365: Microsoft365 }): Route[] {
  return [
    apiRoute(m365Status, () => m365.status()),
    apiRoute(m365Sync, async () => {
      await m365.syncNow();
      return m365.status();
    }),
    apiRoute(m365SignIn, async () => {
      const now = await m365.status();
      if (now.signedIn)
        throw new HttpError(409, `already signed in${now.account ? ` as ${now.account}` : ""}: sign out first`);
      return new Promise<DeviceCodeInfo>((resolve, reject) => {
        // Failed before a code was shown (no network, say): the pane says why in its language.
        m365.signInWithDeviceCode(resolve).catch((error: unknown) => {
          const { code, params } = signInReason(error);
          reject(new HttpError(502, errorMessage(error), code, params));
        });
      });
    }),
    apiRoute(m365Sources, async ({ body }) => {
      try {
        return await m365.switchSource(body.key, body.enabled);
      } catch (error) {
        if (error instanceof UnknownSourceError) throw new InvalidInputError("BAD_FIELD", error.message);
        if (error instanceof ManagedSettingError) throw new HttpError(409, error.message, "setting.managed");
        throw error;
      }
    }),
    apiRoute(m365Retry, async () => {
      const requeued = m365.retryFailedCalls();
      return { requeued, status: await m365.status() };
    }),
    apiRoute(teamClaim, ({ body }) => {
      const claim = m365.claimTeamCall(body.itemId);
      if (claim === "off") throw new HttpError(409, "the team call log is off or nobody is signed in", "team.off");
      if (claim === "unknown") throw new HttpError(404, `no team call ${body.itemId}`, "team.unknown");
      return claim;
    }),
    apiRoute(teamSettings, () => m365.teamSettings()),
    apiRoute(saveTeamSettings, async ({ body }) => {
      try {
        return await m365.saveTeamSettings(body);
      } catch (error) {
        if (error instanceof ManagedSettingError) throw new HttpError(409, error.message, "setting.managed");
        throw error;
      }
    }),
    apiRoute(m365SignOut, async () => {
      await m365.signOut();
      return m365.status();
    }),
  ];
}
