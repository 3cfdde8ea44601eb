/**
 * Prepares everything the Wine end-to-end run needs, cached under .cache/ (gitignored):
 * - a Windows node.exe and koffi's Windows binary (packaging/windows/windows-tools.ts fetches both;
 *   node:sqlite stands in for better-sqlite3, whose native addon in node_modules is a Linux build),
 * - the bridge compiled into a staging folder whose node_modules holds a copy of koffi next to
 *   that binary (koffi looks for it beside itself); every other package resolves upward from
 *   there to the project's node_modules, so nothing in package.json or node_modules changes,
 * - the fake TelefUM and the native floor program (the bench's floor) built with mingw, and the shared Wine prefix
 *   reporting Windows 10.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CACHE,
  PROJECT_ROOT,
  koffiWindowsPackage,
  onPath,
  prepareWinePrefix,
  run,
  windowsNodeExe,
  wineEnvironment,
} from "../../packaging/windows/windows-tools.js";

export { PROJECT_ROOT } from "../../packaging/windows/windows-tools.js";

const STAGE = join(CACHE, "win32-e2e");

function log(message: string): void {
  process.stderr.write(`[win32-e2e] ${message}\n`);
}

export interface WineEnv {
  /** Environment for every wine/wineserver call: the cached prefix, quiet, no Mono/Gecko prompts. */
  env: NodeJS.ProcessEnv;
  nodeExe: string;
  cliJs: string;
  /** The staged app (dist + koffi): run node.exe from here. */
  appDir: string;
  fakeExe: string;
  /** native-floor.c: the least a native program does to answer CONTACT? (the Win32 figures' floor). */
  floorExe: string;
}

/** Which of the tools this test needs are missing (wine, wineserver, mingw gcc; Xvfb when there is no display). */
export function missingWineTools(): string[] {
  const tools = ["wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc", ...(process.env.DISPLAY ? [] : ["Xvfb"])];
  return tools.filter((tool) => !onPath(tool));
}

async function prepareApp(): Promise<{ appDir: string; cliJs: string }> {
  const appDir = join(STAGE, "app");
  const modules = join(appDir, "node_modules");
  const binary = join(modules, "@koromix", "koffi-win32-x64");
  rmSync(binary, { recursive: true, force: true });
  cpSync(await koffiWindowsPackage(), binary, { recursive: true });
  rmSync(join(modules, "koffi"), { recursive: true, force: true });
  cpSync(join(PROJECT_ROOT, "node_modules", "koffi"), join(modules, "koffi"), { recursive: true });
  writeFileSync(
    join(appDir, "package.json"),
    `${JSON.stringify({ name: "telefum-bridge-wine-stage", private: true, type: "module" })}\n`,
  );

  log("compiling the bridge into the staging folder");
  const tscJs = join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
  const tscArgs = [tscJs, "-p", join(PROJECT_ROOT, "tsconfig.bridge.json"), "--outDir", join(appDir, "dist")];
  // Asynchronously: a worker blocked for a minute (a loaded CI machine) loses its link to vitest.
  let problems = "";
  await run(process.execPath, tscArgs, { cwd: PROJECT_ROOT }).catch((error: { stdout?: string; stderr?: string }) => {
    problems = `${error.stdout ?? ""}${error.stderr ?? ""}`;
  });
  const cliJs = join(appDir, "dist", "bridge", "cli.js");
  // tsc still emits when unrelated files have type errors; only a missing output is fatal here.
  if (problems) log(`tsc reported problems (continuing with the emitted files):\n${problems}`);
  if (!existsSync(cliJs)) throw new Error(`bridge build failed:\n${problems}`);
  return { appDir, cliJs };
}

/** A C program of test/win32 built with mingw (again only when its source changed): the fake TelefUM, the floor. */
export async function buildNative(name: "fake-telefum" | "native-floor"): Promise<string> {
  const source = join(PROJECT_ROOT, "test", "win32", `${name}.c`);
  const exe = join(STAGE, `${name}.exe`);
  if (!existsSync(exe) || statSync(exe).mtimeMs < statSync(source).mtimeMs) {
    mkdirSync(STAGE, { recursive: true });
    await run("x86_64-w64-mingw32-gcc", ["-O2", "-Wall", "-o", exe, source, "-luser32", "-ladvapi32"]);
  }
  return exe;
}

/** The fake TelefUM. */
export function prepareFake(): Promise<string> {
  return buildNative("fake-telefum");
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

export async function prepareWineEnv(display?: VirtualDisplay): Promise<WineEnv> {
  mkdirSync(STAGE, { recursive: true });
  const env = { ...wineEnvironment(), ...(display && { DISPLAY: display.display }) };
  await prepareWinePrefix(env);
  const nodeExe = await windowsNodeExe();
  const { appDir, cliJs } = await prepareApp();
  const fakeExe = await prepareFake();
  const floorExe = await buildNative("native-floor");
  return { env, nodeExe, cliJs, appDir, fakeExe, floorExe };
}
