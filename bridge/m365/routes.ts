/**
 * Local web endpoints of the Microsoft 365 module, for app.ts to mount on the bridge's server:
 *   GET  /m365/chooser?ids=1,2&number=…   the local chooser page (name, company, note of each contact)
 *   POST /api/m365/choose {contactId, number?}   the choice: remembered for the number, contact opened
 *   GET  /api/m365/status
 *   POST /api/m365/sync
 *   POST /api/m365/signin/device   starts a device code sign-in (or joins the waiting one), answers the code at once;
 *                                  the status shows `signedIn` once the user has entered it
 *   POST /api/m365/signout         forgets the sign-in, answers the status
 */
import type { Directory } from "../directory/directory.js";
import { HttpError, readJson, sendHtml, sendJson, type Route } from "../http/server.js";
import { isSameOriginOrNone } from "../http/local-guards.js";
import { TOKEN_HEADER } from "../addin-api/addin-security.js";
import { CHOOSER_PAGE } from "./chooser.js";
import type { Microsoft365 } from "./microsoft365.js";
import type { DeviceCodeInfo } from "./status.js";

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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Which contact?</title>
<meta name="telefum-bridge-token" content="${escapeHtml(token)}">
<style>body{font:15px system-ui,sans-serif;margin:2em;max-width:40em}ul{list-style:none;padding:0}
button{display:grid;width:100%;text-align:left;padding:.7em;margin:.3em 0;border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer}
button:hover{background:#eef4ff}span{color:#444}em{color:#666;font-size:90%}</style></head><body>
<h1>Which contact${number ? ` is ${escapeHtml(number)}` : ""}?</h1>
<ul>${rows}</ul><p id="status"></p>
<script>
const number = ${JSON.stringify(number ?? null)};
for (const b of document.querySelectorAll("button[data-id]")) b.addEventListener("click", async () => {
  const r = await fetch("/api/m365/choose", { method: "POST", headers: { "content-type": "application/json", ${JSON.stringify(TOKEN_HEADER)}: ${JSON.stringify(token)} },
    body: JSON.stringify({ contactId: b.dataset.id, number }) });
  document.getElementById("status").textContent = r.ok ? "Opening…" : "Could not open: " + (await r.text());
  if (r.ok) setTimeout(() => window.close(), 800);
});
</script></body></html>`;
}

export function microsoft365Routes(deps: { m365: Microsoft365; directory: Directory; origin: () => string; token: string }): Route[] {
  const sameOrigin = (req: Parameters<Route["handle"]>[0]["req"]) => {
    if (!isSameOriginOrNone(req, deps.origin())) throw new HttpError(403, "cross-origin request refused");
  };
  return [
    {
      method: "GET",
      path: CHOOSER_PAGE,
      handle: ({ res, url }) => {
        const ids = (url.searchParams.get("ids") ?? "").split(",").map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
        if (ids.length === 0) throw new HttpError(400, "ids are required");
        sendHtml(res, chooserPage(deps.directory, ids, url.searchParams.get("number") ?? undefined, deps.token));
      },
    },
    {
      method: "POST",
      path: "/api/m365/choose",
      async handle({ req, res }) {
        sameOrigin(req);
        const body = await readJson(req);
        const contactId = typeof body.contactId === "string" ? body.contactId : "";
        if (!/^\d+$/.test(contactId)) throw new HttpError(400, '"contactId" must be a contact id');
        const number = typeof body.number === "string" && body.number.trim() ? body.number : undefined;
        const contact = await deps.m365.choose(number, contactId);
        sendJson(res, 200, { opened: contact.id });
      },
    },
    { method: "GET", path: "/api/m365/status", handle: async ({ res }) => sendJson(res, 200, await deps.m365.status()) },
    {
      method: "POST",
      path: "/api/m365/sync",
      async handle({ req, res }) {
        sameOrigin(req);
        await deps.m365.syncNow();
        sendJson(res, 200, await deps.m365.status());
      },
    },
    {
      method: "POST",
      path: "/api/m365/signin/device",
      async handle({ req, res }) {
        sameOrigin(req);
        const now = await deps.m365.status();
        if (now.signedIn) throw new HttpError(409, `already signed in${now.account ? ` as ${now.account}` : ""}: sign out first`);
        const code = await new Promise<DeviceCodeInfo>((resolve, reject) => {
          deps.m365.signInWithDeviceCode(resolve).catch(reject);
        });
        sendJson(res, 200, code);
      },
    },
    {
      // Calls Outlook refused for good (403, say) go back into the queue once the cause is fixed.
      method: "POST",
      path: "/api/m365/retry",
      async handle({ req, res }) {
        sameOrigin(req);
        const requeued = deps.m365.retryFailedCalls();
        sendJson(res, 200, { requeued, status: await deps.m365.status() });
      },
    },
    {
      method: "POST",
      path: "/api/m365/signout",
      async handle({ req, res }) {
        sameOrigin(req);
        await deps.m365.signOut();
        sendJson(res, 200, await deps.m365.status());
      },
    },
  ];
}
