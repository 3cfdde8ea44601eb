/**
 * The installed Windows program under Wine: a fresh Wine prefix (a new user profile, as on a fresh
 * machine), the Setup.exe run in it, the paths and registry values it should have written, and the
 * installed bridge.exe started the way the Run key starts it. Shared by installer.test.ts and the bench.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { prepareWinePrefix, wineEnvironment } from "../../packaging/windows/windows-tools.js";
import { followFile, LineProcess, type FakeHost } from "./harness.js";
import { prepareFake, type VirtualDisplay } from "./wine-env.js";

export const PRODUCT = "TelefUM Outlook Bridge";
export const RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
export const UNINSTALL_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\TelefUMOutlookBridge";
export const SENDMSG_KEY = "HKCU\\Software\\VB and VBA Program Settings\\TelefUM\\SendMSG";
export const USER_ROOT_CERTS = "HKCU\\Software\\Microsoft\\SystemCertificates\\Root\\Certificates";

export interface InstallHost extends FakeHost {
  prefix: string;
  /** Unix paths inside the prefix. */
  installDir: string;
  dataDir: string;
  startMenuLink: string;
  /** The same folder as Windows programs see it. */
  installDirWindows: string;
  dispose(): void;
}

/** A new Wine prefix (reporting Windows 10) with the fake TelefUM ready; the profile belongs to $USER. */
export async function freshInstallHost(display?: VirtualDisplay): Promise<InstallHost> {
  const prefix = mkdtempSync(join(tmpdir(), "telefum-wine-install-"));
  const env = { ...wineEnvironment(), WINEPREFIX: prefix, ...(display && { DISPLAY: display.display }) };
  await prepareWinePrefix(env);
  const user = userInfo().username;
  const profile = join(prefix, "drive_c", "users", user);
  const programs = join(profile, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs");
  return {
    env,
    fakeExe: await prepareFake(),
    prefix,
    installDir: join(profile, "AppData", "Local", "Programs", PRODUCT),
    dataDir: join(profile, "AppData", "Local", PRODUCT),
    startMenuLink: join(programs, `${PRODUCT}.lnk`),
    installDirWindows: `C:\\users\\${user}\\AppData\\Local\\Programs\\${PRODUCT}`,
    dispose() {
      spawnSync("wineserver", ["-k"], { env, stdio: "ignore", timeout: 30_000 });
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export interface Ran {
  status: number | null;
  /** stdout and stderr together. */
  output: string;
}

/** Resolves with the exit code; kills the process after timeoutMs. Never blocks the test worker's event loop. */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Runs a Windows program to its end (output through a file: node.exe cannot write to a Unix pipe). */
export async function runWindowsProgram(host: FakeHost, args: string[], timeoutMs = 120_000): Promise<Ran> {
  const dir = mkdtempSync(join(tmpdir(), "telefum-run-"));
  try {
    const file = join(dir, "out.log");
    const fd = openSync(file, "w");
    const child = spawn("wine", args, { env: host.env, stdio: ["ignore", fd, fd] });
    closeSync(fd);
    const status = await exitOf(child, timeoutMs);
    return { status, output: readFileSync(file, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until every process of the prefix has ended (the NSIS uninstaller runs on from a copy in %TEMP%). */
export async function waitForWineIdle(host: FakeHost, timeoutMs = 120_000): Promise<void> {
  await exitOf(spawn("wineserver", ["-w"], { env: host.env, stdio: "ignore" }), timeoutMs);
}

/** A REG_SZ value as `reg query` prints it; undefined when the key or value is missing. */
export function regValue(host: FakeHost, key: string, name: string): string | undefined {
  const query = ["reg", "query", key, "/v", name];
  const result = spawnSync("wine", query, { env: host.env, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) return undefined;
  // "    <name>    REG_SZ    <data>"
  const line = result.stdout.split(/\r?\n/).find((l) => l.trim().split(/\s+REG_\w+/)[0] === name);
  return line?.trim().split(/\s+REG_\w+\s+/)[1];
}

/** Whether a registry key exists. */
export function regKeyExists(host: FakeHost, key: string): boolean {
  return spawnSync("wine", ["reg", "query", key], { env: host.env, stdio: "ignore", timeout: 60_000 }).status === 0;
}

/** The installed bridge.exe started with the Run key's command line; its output followed line by line. */
export function startInstalledBridge(host: InstallHost, args: string[] = ["--quiet"]): LineProcess {
  const dir = mkdtempSync(join(tmpdir(), "telefum-installed-"));
  const file = join(dir, "out.log");
  const fd = openSync(file, "w");
  const exe = join(host.installDir, "bridge.exe");
  const child = spawn("wine", [exe, ...args], { env: host.env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const output = followFile(file);
  child.on("exit", () =>
    setTimeout(() => {
      output.stop();
      rmSync(dir, { recursive: true, force: true });
    }, 50),
  );
  return new LineProcess("installed bridge", child, output.stream, process.env.TELEFUM_WINE_ECHO === "1");
}

/** Every file under dir, relative, sorted (to compare what the installer left). */
export function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort();
}
