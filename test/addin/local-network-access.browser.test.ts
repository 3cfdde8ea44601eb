/**
 * Local Network Access (Chrome 142+, Edge 143+, so Outlook on the web and the new Outlook): a page of a public
 * origin may frame or fetch a loopback address only once the user (or a policy) allows it. Here chromium maps
 * outlook.office.com to a fake Outlook page served by this test over HTTPS, treats that address as public
 * (`--ip-address-space-overrides`) and the page frames the pane and the ribbon's function file from the bridge
 * the way Outlook does (`allow="local-network-access"`). Allowed: the pane connects and a ribbon Call reaches
 * TelefUM. Blocked: what the user gets is recorded exactly.
 */
import { execFileSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAddinBuilt, haveChromium, launchChromium } from "../support/browser.js";
import { useTempDir } from "../support/temp-dir.js";
import { selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { startTestBridge, type TestBridge } from "./helpers.js";

const OUTLOOK = "https://outlook.office.com";
const tempDir = useTempDir("telefum-outlook-cert-");

let t: TestBridge;
let outlook: Server;
let browser: Browser;

/** A self-signed certificate for outlook.office.com; chromium trusts it by its key, as Outlook's real one. */
function outlookCertificate(): { key: Buffer; cert: Buffer } {
  const dir = tempDir();
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=outlook.office.com"],
      ...["-addext", "subjectAltName=DNS:outlook.office.com", "-keyout", "key.pem", "-out", "cert.pem"],
    ],
    { cwd: dir, stdio: "ignore" },
  );
  return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
}

/** A certificate's key as chromium's --ignore-certificate-errors-spki-list names it: base64 SHA-256 of the SPKI. */
function spki(pem: Buffer): string {
  const der = new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

/** Outlook's page: the pane and the function file in frames delegated the local-network permission. */
function outlookPage(bridge: string): string {
  return `<!doctype html><title>Outlook</title>
<iframe id="pane" src="${bridge}/taskpane.html" allow="local-network-access" width="400" height="600"></iframe>
<iframe id="commands" src="${bridge}/commands.html" allow="local-network-access" width="1" height="1"></iframe>`;
}

const haveBrowser = haveChromium("the Local Network Access browser tests");

beforeAll(async () => {
  if (!haveBrowser) return;
  await ensureAddinBuilt();
  t = await startTestBridge("self-signed");
  const bridge = `https://localhost:${t.port}`;
  const outlookTls = outlookCertificate();
  outlook = createServer(outlookTls, (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(outlookPage(bridge));
  });
  await new Promise<void>((resolve) => outlook.listen(0, "127.0.0.1", resolve));
  const port = (outlook.address() as AddressInfo).port;
  const bridgeCert = readFileSync(selfSignedPaths(t.dataDir).cert);
  browser = await launchChromium([
    `--host-resolver-rules=MAP outlook.office.com:443 127.0.0.1:${port}`,
    `--ip-address-space-overrides=127.0.0.1:${port}=public`,
    `--ignore-certificate-errors-spki-list=${[outlookTls.cert, bridgeCert].map(spki)}`,
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => outlook?.close(resolve));
  await t?.stop();
});

/** Outlook's page in a fresh profile where the user answered the loopback-network prompt (or never did). */
async function openOutlook(answer: "allowed" | "blocked" | "unanswered"): Promise<{ page: Page; failed: string[] }> {
  const context = await browser.newContext({ locale: "uk-UA" });
  const page = await context.newPage();
  const { targetInfo } = await (await context.newCDPSession(page)).send("Target.getTargetInfo");
  const cdp = await browser.newBrowserCDPSession();
  const scope = { origin: OUTLOOK, browserContextId: targetInfo.browserContextId };
  // Chromium 146+ splits Local Network Access: loopback-network is the one a localhost bridge needs. One call
  // with the whole list: grantPermissions rejects every permission it does not name.
  if (answer === "allowed") await cdp.send("Browser.grantPermissions", { ...scope, permissions: ["loopbackNetwork"] });
  if (answer === "blocked")
    await cdp.send("Browser.setPermission", { ...scope, permission: { name: "loopback-network" }, setting: "denied" });
  const failed: string[] = [];
  page.on("requestfailed", (r) => failed.push(`${new URL(r.url()).pathname} ${r.failure()?.errorText}`));
  await page.goto(`${OUTLOOK}/mail/`);
  return { page, failed };
}

function frameOf(page: Page, id: string): Promise<Frame> {
  return page
    .locator(`#${id}`)
    .elementHandle()
    .then(async (element) => (await element!.contentFrame())!);
}

async function permissionState(page: Page): Promise<string> {
  return page.evaluate(async () => (await navigator.permissions.query({ name: "loopback-network" } as never)).state);
}

describe.skipIf(!haveBrowser)("Local Network Access: Outlook's origin framing the bridge", () => {
  it("allowed: the pane connects in Outlook's frame and a ribbon Call sends CALL^0675355355^ to TelefUM", async () => {
    const { page, failed } = await openOutlook("allowed");
    try {
      expect(await permissionState(page)).toBe("granted");
      const pane = await frameOf(page, "pane");
      // office.js finds no Outlook host behind this fake page, so the pane goes on standalone after its wait.
      await pane.waitForSelector("#status[data-state='connected']", { timeout: 20_000 });
      const commands = await frameOf(page, "commands");
      await commands.waitForFunction(
        () => typeof (window as unknown as { callFromItem?: unknown }).callFromItem === "function",
      );
      const before = t.transport.sent.length;
      // Outlook's part: a read message from someone with no contact, a number in its body, then the button.
      const completed = await commands.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const item = {
              from: { displayName: "Невідомий", emailAddress: "nobody@elsewhere.example" },
              body: {
                getAsync: (_type: unknown, callback: (r: { status: string; value: string }) => void) =>
                  callback({ status: "succeeded", value: "Передзвоніть, будь ласка: 0675355355" }),
              },
            };
            const w = window as unknown as { Office: object };
            w.Office = Object.create(w.Office, { context: { value: { mailbox: { item } } } }) as object;
            const run = (window as unknown as { callFromItem(event: { completed(): void }): void }).callFromItem;
            run({ completed: () => resolve(true) });
          }),
      );
      expect(completed).toBe(true);
      expect(t.transport.sent.slice(before)).toEqual(["CALL^0675355355^"]);
      expect(failed.filter((f) => f.includes("LOCAL_NETWORK"))).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  // What a user who clicked "Block" gets: both frames are chromium's own error page, the bridge is never asked,
  // so nothing of ours can run there to explain it (the welcome page, README and tray do).
  for (const answer of ["blocked", "unanswered"] as const)
    it(`${answer}: neither pane nor function file loads (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS)`, async () => {
      const { page, failed } = await openOutlook(answer);
      try {
        // Headless chromium shows no prompt: a question nobody answers is a refusal, as after "Block".
        expect(await permissionState(page)).toBe("denied");
        await expect.poll(() => failed.length, { timeout: 10_000 }).toBe(2);
        expect(failed.sort()).toEqual([
          "/commands.html net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS",
          "/taskpane.html net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS",
        ]);
        for (const id of ["pane", "commands"]) {
          const frame = await frameOf(page, id);
          expect(frame.url()).toBe("chrome-error://chromewebdata/");
          expect(await frame.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("undefined");
        }
      } finally {
        await page.context().close();
      }
    }, 60_000);
});
