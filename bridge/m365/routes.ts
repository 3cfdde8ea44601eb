/**
 * Local web endpoints of the Microsoft 365 module, for app.ts to mount on the bridge's server (the chooser for
 * several contacts is the bridge's own page, bridge/pages):
 *   GET  /api/m365/status
 *   POST /api/m365/sync
 *   POST /api/m365/signin/device   starts a device code sign-in (or joins the waiting one), answers the code at once;
 *                                  the status shows `signedIn` once the user has entered it
 *   POST /api/m365/signout         forgets the sign-in, answers the status
 *   POST /api/m365/sources         { key, enabled }: switches a source of numbers on or off, answers the status
 * The local API guard (http/local-api-guard.ts) admits /api/ requests; bodies are typed in http/api-contract.ts.
 */
import type { M365RetryAnswer, M365SourceSwitchRequest } from "../http/api-contract.js";
import { HttpError, readJson, requireString, sendJson, type Route } from "../http/server.js";
import { InvalidInputError } from "../protocol/inputs.js";
import type { Microsoft365 } from "./microsoft365.js";
import type { DeviceCodeInfo } from "../http/m365-status.js";
import { UnknownSourceError } from "./sources/sync-sources.js";

export function microsoft365Routes(deps: { m365: Microsoft365 }): Route[] {
  return [
    {
      method: "GET",
      path: "/api/m365/status",
      handle: async ({ res }) => sendJson(res, 200, await deps.m365.status()),
    },
    {
      method: "POST",
      path: "/api/m365/sync",
      async handle({ res }) {
        await deps.m365.syncNow();
        sendJson(res, 200, await deps.m365.status());
      },
    },
    {
      method: "POST",
      path: "/api/m365/signin/device",
      async handle({ res }) {
        const now = await deps.m365.status();
        if (now.signedIn)
          throw new HttpError(409, `already signed in${now.account ? ` as ${now.account}` : ""}: sign out first`);
        const code = await new Promise<DeviceCodeInfo>((resolve, reject) => {
          deps.m365.signInWithDeviceCode(resolve).catch(reject);
        });
        sendJson(res, 200, code);
      },
    },
    {
      method: "POST",
      path: "/api/m365/sources",
      async handle({ req, res }) {
        const body = await readJson(req);
        const key = requireString(body, "key");
        if (typeof body.enabled !== "boolean")
          throw new InvalidInputError("BAD_FIELD", "enabled must be true or false");
        const change: M365SourceSwitchRequest = { key, enabled: body.enabled };
        try {
          sendJson(res, 200, await deps.m365.switchSource(change.key, change.enabled));
        } catch (error) {
          if (error instanceof UnknownSourceError) throw new InvalidInputError("BAD_FIELD", error.message);
          throw error;
        }
      },
    },
    {
      // Calls Outlook refused for good (403, say) go back into the queue once the cause is fixed.
      method: "POST",
      path: "/api/m365/retry",
      async handle({ res }) {
        const requeued = deps.m365.retryFailedCalls();
        sendJson(res, 200, { requeued, status: await deps.m365.status() } satisfies M365RetryAnswer);
      },
    },
    {
      method: "POST",
      path: "/api/m365/signout",
      async handle({ res }) {
        await deps.m365.signOut();
        sendJson(res, 200, await deps.m365.status());
      },
    },
  ];
}
