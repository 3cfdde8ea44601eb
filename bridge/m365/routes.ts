/**
 * Local web endpoints of the Microsoft 365 module, for app.ts to mount on the bridge's server:
 *   GET  /m365/chooser?ids=1,2&number=…   the local chooser page (name, company, note of each contact); the choice
 *                                         goes to POST /api/choose, which remembers it and opens the contact
 *   GET  /api/m365/status
 *   POST /api/m365/sync
 *   POST /api/m365/signin/device   starts a device code sign-in (or joins the waiting one), answers the code at once;
 *                                  the status shows `signedIn` once the user has entered it
 *   POST /api/m365/signout         forgets the sign-in, answers the status
 *   POST /api/m365/sources         { key, enabled }: switches a source of numbers on or off, answers the status
 * The local API guard (http/local-api-guard.ts) admits /api/ requests; bodies are typed in http/api-contract.ts.
 */
import type { Directory } from "../directory/directory.js";
import { type M365RetryAnswer, type M365SourceSwitchRequest, TOKEN_HEADER, TOKEN_META } from "../http/api-contract.js";
import { HttpError, readJson, requireString, sendHtml, sendJson, type Route } from "../http/server.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { CHOOSER_PAGE } from "./chooser.js";
import type { Microsoft365 } from "./microsoft365.js";
import type { DeviceCodeInfo } from "../http/m365-status.js";
import { UnknownSourceError } from "./sources/sync-sources.js";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `token` is the pairing token: /api/ needs it, and only a page this bridge served can know it. */
export function chooserPage(directory: Directory, ids: string[], number: string | undefined, token: string): string {
  const contacts = directory.getMany(ids);
  const rows = contacts
    .map(
      (c) => `<li><button type="button" data-id="${escapeHtml(c.id)}"><strong>${escapeHtml(c.name)}</strong>
        <span>${escapeHtml(c.company)}</span><em>${escapeHtml(c.note)}</em></button></li>`,
    )
    .join("\n");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Which contact?</title>
<meta name="${TOKEN_META}" content="${escapeHtml(token)}">
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:40em}ul{list-style:none;padding:0}
button{display:grid;width:100%;text-align:left;padding:.7em;margin:.3em 0;` +
    `border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer}
button:hover{background:#eef4ff}span{color:#444}em{color:#666;font-size:90%}</style></head><body>
<h1>Which contact${number ? ` is ${escapeHtml(number)}` : ""}?</h1>
<ul>${rows}</ul><p id="status"></p>
<script>
const number = ${JSON.stringify(number ?? null)};
for (const b of document.querySelectorAll("button[data-id]")) b.addEventListener("click", async () => {
  const choice = number === null ? { id: b.dataset.id } : { id: b.dataset.id, number };
  const headers = { "content-type": "application/json", ${JSON.stringify(TOKEN_HEADER)}: ${JSON.stringify(token)} };
  const r = await fetch("/api/choose", { method: "POST", headers, body: JSON.stringify(choice) });
  document.getElementById("status").textContent = r.ok ? "Opening…" : "Could not open: " + (await r.text());
  if (r.ok) setTimeout(() => window.close(), 800);
});
</script></body></html>`
  );
}

export function microsoft365Routes(deps: { m365: Microsoft365; directory: Directory; token: string }): Route[] {
  return [
    {
      method: "GET",
      path: CHOOSER_PAGE,
      handle: ({ res, url }) => {
        const ids = (url.searchParams.get("ids") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter((s) => /^\d+$/.test(s));
        if (ids.length === 0) throw new InvalidInputError("BAD_QUERY", "ids are required");
        sendHtml(res, chooserPage(deps.directory, ids, url.searchParams.get("number") ?? undefined, deps.token));
      },
    },
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
