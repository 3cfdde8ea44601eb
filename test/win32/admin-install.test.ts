/**
 * Issue 22, part 3, for real under Wine: an office's rollout. Setup.exe /S /CLIENTID=… /TENANT=… /TEAMSITE=… /LANG=…
 * merges the settings into the user's config.json; policy values written with `reg add` under
 * HKLM/HKCU\Software\Policies\TelefUM Outlook Bridge are what the installed bridge.exe uses, reported as set by
 * the administrator; on Windows 7 Setup /S refuses with the message and an exit code. Reuses the installer test's
 * host (installed-app.ts); skipped loudly without Wine and NSIS, unless TELEFUM_REQUIRE_WINE=1.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installerPath } from "../../packaging/windows/build.js";
import { PROJECT_ROOT, onPath } from "../../packaging/windows/windows-tools.js";
import { ensureAddinBuilt } from "../support/browser.js";
import { freshInstallHost, runWindowsProgram, waitForWineIdle, type InstallHost } from "./installed-app.js";
import { missingWineTools, startVirtualDisplay, type VirtualDisplay } from "./wine-env.js";

const missing = [...missingWineTools(), ...["makensis"].filter((tool) => !onPath(tool))];
const required = process.env.TELEFUM_REQUIRE_WINE === "1";
const skip = missing.length > 0 && !required;
if (skip) console.warn(`\n!! SKIPPING the admin rollout test under Wine: missing ${missing.join(", ")}.\n`);

const STEP = 180_000;
const POLICY_KEY = "Software\\Policies\\TelefUM Outlook Bridge";
const SETUP_CLIENT_ID = "11111111-0000-0000-0000-00000000c0de";
const MACHINE_CLIENT_ID = "22222222-0000-0000-0000-0000000000aa";

function reg(host: InstallHost, args: string[]): void {
  const result = spawnSync("wine", ["reg", ...args], { env: host.env, encoding: "utf8", timeout: 60_000 });
  expect(result.status, `${args.join(" ")}: ${result.stderr}`).toBe(0);
}

describe.skipIf(skip)("an office's rollout under Wine", { sequential: true }, () => {
  let display: VirtualDisplay | undefined;
  let host: InstallHost;
  let setup: string;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`TELEFUM_REQUIRE_WINE=1 but these tools are missing: ${missing}`);
    await ensureAddinBuilt();
    const build = spawn(process.execPath, ["--import", "tsx", join("packaging", "windows", "main.ts")], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    expect(await new Promise((resolve) => build.once("exit", resolve))).toBe(0);
    setup = installerPath();
    display = await startVirtualDisplay();
    host = await freshInstallHost(display);
    host.env.LANG = "en_US.UTF-8";
    // A setting the user already has: the installer's settings are merged beside it.
    mkdirSync(host.dataDir, { recursive: true });
    writeFileSync(join(host.dataDir, "config.json"), `${JSON.stringify({ seedDemo: false, http: { port: 0 } })}\n`);
  }, 900_000);

  afterAll(() => {
    host?.dispose();
    display?.stop();
  });

  it(
    "Setup.exe /S /CLIENTID= /TENANT= /TEAMSITE= /LANG= merges them into config.json and keeps the rest",
    async () => {
      const run = await runWindowsProgram(host, [
        setup,
        "/S",
        `/CLIENTID=${SETUP_CLIENT_ID}`,
        "/TENANT=contoso.onmicrosoft.com",
        "/TEAMSITE=https://contoso.sharepoint.com/sites/office",
        "/LANG=ru",
      ]);
      expect(run.status, run.output).toBe(0);
      await waitForWineIdle(host);
      expect(JSON.parse(readFileSync(join(host.dataDir, "config.json"), "utf8"))).toEqual({
        seedDemo: false,
        http: { port: 0 },
        microsoft365: {
          clientId: SETUP_CLIENT_ID,
          tenant: "contoso.onmicrosoft.com",
          team: { site: "https://contoso.sharepoint.com/sites/office" },
        },
        language: "ru",
      });
    },
    STEP,
  );

  it(
    "uses the policy values over config.json (HKLM over HKCU) and says they are set by the administrator",
    async () => {
      reg(host, ["add", `HKCU\\${POLICY_KEY}`, "/v", "ClientId", "/t", "REG_SZ", "/d", "user-policy-app", "/f"]);
      reg(host, ["add", `HKLM\\${POLICY_KEY}`, "/v", "ClientId", "/t", "REG_SZ", "/d", MACHINE_CLIENT_ID, "/f"]);
      reg(host, ["add", `HKCU\\${POLICY_KEY}`, "/v", "Language", "/t", "REG_SZ", "/d", "uk", "/f"]);
      reg(host, ["add", `HKLM\\${POLICY_KEY}`, "/v", "SyncDirectory", "/t", "REG_DWORD", "/d", "1", "/f"]);
      const folders = ["/v", "RecordingFolders", "/t", "REG_MULTI_SZ", "/d", "C:\\Calls\\0D:\\More", "/f"];
      reg(host, ["add", `HKLM\\${POLICY_KEY}`, ...folders]);
      const exe = join(host.installDir, "bridge.exe");
      const run = await runWindowsProgram(host, [exe, "status"]);
      expect(run.status, run.output).toBe(0);
      // The status is the indented JSON object; a warning the bridge logs is a line of its own before it.
      const start = run.output.search(/^\{\r?$/m);
      const status = JSON.parse(run.output.slice(start, run.output.lastIndexOf("}") + 1)) as Record<string, unknown>;
      expect(status).toMatchObject({
        enabled: true,
        signedIn: false,
        settings: {
          clientId: MACHINE_CLIENT_ID,
          authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com",
        },
        managed: ["clientId", "language", "recordingFolders", "syncDirectory"],
      });
    },
    STEP,
  );

  it(
    "a bad policy value stops the bridge with the value's registry name (exit 2)",
    async () => {
      reg(host, ["add", `HKLM\\${POLICY_KEY}`, "/v", "TeamSite", "/t", "REG_SZ", "/d", "http://intranet", "/f"]);
      const run = await runWindowsProgram(host, [join(host.installDir, "bridge.exe"), "status"]);
      expect(run.status).toBe(2);
      // In the bridge's language (the system's here): the value's registry name, what it got, what it must be.
      for (const part of [`HKLM\\${POLICY_KEY}\\TeamSite`, '"http://intranet"', "https://"])
        expect(run.output).toContain(part);
      reg(host, ["delete", `HKLM\\${POLICY_KEY}`, "/v", "TeamSite", "/f"]);
    },
    STEP,
  );

  it(
    "on Windows 7, Setup /S installs nothing: exit code 3 and the message in the log",
    async () => {
      expect(spawnSync("winecfg", ["-v", "win7"], { env: host.env, timeout: 60_000 }).status).toBe(0);
      await waitForWineIdle(host);
      // Where %TEMP% is in this prefix (Wine's default differs between versions).
      const temp = spawnSync("wine", ["cmd", "/c", "echo %TEMP%"], { env: host.env, encoding: "utf8" }).stdout.trim();
      const log = join(
        host.prefix,
        "drive_c",
        ...temp.replace(/^C:\\/i, "").split("\\"),
        "TelefUM Outlook Bridge Setup.log",
      );
      const run = await runWindowsProgram(host, [setup, "/S"]);
      expect(run.status, run.output).toBe(3);
      expect(existsSync(log)).toBe(true);
      expect(
        readFileSync(log, "utf16le")
          .replace(/^\uFEFF/, "")
          .trim(),
      ).toBe(
        "TelefUM Outlook Bridge needs Windows 10 or later. This PC runs an older Windows, so nothing was installed.",
      );
      expect(spawnSync("winecfg", ["-v", "win10"], { env: host.env, timeout: 60_000 }).status).toBe(0);
    },
    STEP,
  );
});
