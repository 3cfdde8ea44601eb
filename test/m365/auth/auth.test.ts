/** msal-node against the fake token service: device code, interactive with loopback, persistent cache, config. */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../bridge/log/log.js";
import { M365Auth, SignInRequiredError } from "../../../bridge/m365/auth/auth.js";
import { ConfigError } from "../../../bridge/config/config-checks.js";
import { parseM365Config } from "../../../bridge/m365/config.js";
import { fileCachePlugin } from "../../../bridge/m365/auth/token-cache.js";
import { startHarness, type Harness } from "../harness.js";
import { submitFormPost } from "../../fakes/graph/index.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("sign-in", () => {
  it("device code: shows the code, polls while pending, caches tokens for the next run", async () => {
    h.graph.devicePendingPolls = 1;
    const auth = new M365Auth(h.config(), { cachePlugin: fileCachePlugin(h.cacheFile), log: silentLogger });
    await expect(auth.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    const codes: string[] = [];
    const account = await auth.signInWithDeviceCode((info) => codes.push(`${info.userCode} ${info.verificationUri}`));
    expect(codes).toEqual([`FAKE-CODE ${h.graph.url}/devicelogin`]);
    expect(account.username).toBe("anna@contoso.test");
    expect(h.graph.tokenRequests.map((t) => t.grantType)).toEqual(["device_code", "device_code"]);
    expect(existsSync(h.cacheFile)).toBe(true);
    expect(readFileSync(h.cacheFile, "utf8")).toContain("RefreshToken");

    // A new process: same cache file, silent token without any network call.
    const again = new M365Auth(h.config(), { cachePlugin: fileCachePlugin(h.cacheFile), log: silentLogger });
    expect((await again.account())?.username).toBe("anna@contoso.test");
    expect(await again.getToken()).toMatch(/^fake-at-/);
    expect(h.graph.tokenRequests).toHaveLength(2);
    // forceRefresh uses the refresh token
    await again.getToken({ forceRefresh: true });
    expect(h.graph.tokenRequests.at(-1)!.grantType).toBe("refresh_token");

    await again.signOut();
    expect(await again.account()).toBeUndefined();
  });

  it("interactive: the system browser (here: fetch) follows the authorize redirect to MSAL's loopback", async () => {
    const auth = new M365Auth(h.config(), { cachePlugin: fileCachePlugin(h.cacheFile), log: silentLogger });
    const opened: string[] = [];
    const account = await auth.signInInteractive(async (url) => {
      opened.push(url);
      const page = await fetch(url);
      expect(new URL(url).searchParams.get("response_mode")).toBe("form_post");
      const html = await page.text();
      expect(html).toMatch(/action="http:\/\/(localhost|127\.0\.0\.1):\d+/);
      void submitFormPost(html).then((r) => r.text());
    });
    expect(account.username).toBe("anna@contoso.test");
    expect(new URL(opened[0]!).pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);
    expect(new URL(opened[0]!).searchParams.get("code_challenge_method")).toBe("S256");
    expect(h.graph.tokenRequests.map((t) => t.grantType)).toEqual(["authorization_code"]);
    expect(await auth.getToken()).toMatch(/^fake-at-/);
  });

  it("discovers the authority itself when no metadata is configured", async () => {
    const config = h.config();
    delete config.authorityMetadata;
    delete config.cloudDiscoveryMetadata;
    const auth = new M365Auth(config, { cachePlugin: fileCachePlugin(h.cacheFile), log: silentLogger });
    await auth.signInWithDeviceCode(() => undefined);
    expect(h.graph.requests("GET", /openid-configuration$/).length).toBeGreaterThan(0);
  });
});

describe("microsoft365 config", () => {
  it("is off when absent, has defaults, and rejects bad values clearly", () => {
    expect(parseM365Config(undefined).enabled).toBe(false);
    const c = parseM365Config({ clientId: "abc" });
    expect(c).toMatchObject({
      enabled: true,
      authority: "https://login.microsoftonline.com/organizations",
      graphBaseUrl: "https://graph.microsoft.com",
      sync: { intervalMinutes: 5, directory: false },
      card: { mode: "web" },
      // No calendar name: the mailbox writer names it in the bridge's language ("Calls", "Дзвінки").
      calls: { calendarName: undefined, recording: "none", missedCallTask: true },
    });
    expect(c.scopes).toContain("Contacts.ReadWrite");
    expect(parseM365Config({ clientId: "abc", sync: { directory: true } }).scopes).toContain("User.Read.All");
    expect(parseM365Config({ clientId: "abc", sync: { sharedMailboxes: ["desk@contoso.test"] } }).scopes.at(-1)).toBe(
      "Contacts.Read.Shared",
    );
    const refusal = (section: unknown) => () => parseM365Config(section);
    expect(refusal({ enabled: true })).toThrow(
      new ConfigError("microsoft365.clientId is required (the app registration's Application ID)"),
    );
    expect(refusal({ clientId: "a", card: { mode: "fax" } })).toThrow(
      new ConfigError('microsoft365.card.mode must be one of web, classic, pane, got "fax"'),
    );
    expect(refusal({ clientId: "a", graphBaseUrl: "http://graph" })).toThrow(
      new ConfigError('microsoft365.graphBaseUrl must be an https:// URL, got "http://graph"'),
    );
    expect(refusal({ clientId: "a", calls: { uploadChunkBytes: 1_000_000 } })).toThrow(
      new ConfigError("microsoft365.calls.uploadChunkBytes must be a multiple of 327680 (320 KiB)"),
    );
    expect(refusal({ clientId: "a", sync: { sharedMailboxes: ["desk@contoso.test", "reception"] } })).toThrow(
      new ConfigError('microsoft365.sync.sharedMailboxes must list e-mail addresses, got "reception"'),
    );
    expect(refusal({ clientId: "a", sync: 5 })).toThrow(new ConfigError("microsoft365.sync must be an object, got 5"));
    expect(refusal("yes")).toThrow(new ConfigError('microsoft365 must be an object, got "yes"'));
  });
});
