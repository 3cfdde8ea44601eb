/**
 * Turns the bundled bridge into bridge.exe, a Node single executable application:
 * 1. the SEA blob is made by the very node.exe it goes into (under Wine on Linux, directly on Windows),
 *    so its code cache matches that binary;
 * 2. node.exe's Authenticode signature is stripped first: injecting a resource invalidates it, and a
 *    broken signature is worse than none (SmartScreen, postject's own warning);
 * 3. its version resource and icon are made the product's (branding.ts);
 * 4. postject injects the blob; 5. the PE header is switched to the GUI subsystem, so starting it at
 *    logon opens no console window (Node then writes stdout/stderr nowhere; the log file has it all).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brandExecutable, type Branding } from "./branding.js";
import { prepareWinePrefix, run, windowsPath, wineEnvironment } from "./windows-tools.js";

/** The fuse string Node's SEA support looks for (documented with `postject`). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const IMAGE_SUBSYSTEM_WINDOWS_GUI = 2;

/** Runs the Windows node.exe: directly on Windows, through Wine elsewhere. */
async function runWindowsNode(nodeExe: string, args: string[], cwd: string): Promise<void> {
  if (process.platform === "win32") {
    await run(nodeExe, args, { cwd });
    return;
  }
  const env = wineEnvironment();
  await prepareWinePrefix(env);
  const windowsArgs = args.map((arg) => (arg.startsWith("/") ? windowsPath(arg) : arg));
  await run("wine", [nodeExe, ...windowsArgs], { cwd, env, timeout: 180_000 });
}

export async function makeSeaBlob(nodeExe: string, bundle: string, workDir: string): Promise<Buffer> {
  const blob = join(workDir, "sea-prep.blob");
  const config = join(workDir, "sea-config.json");
  // Paths as the Windows node.exe sees them.
  const path = process.platform === "win32" ? (p: string): string => p : windowsPath;
  const seaConfig = {
    main: path(bundle),
    output: path(blob),
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    useSnapshot: false,
  };
  writeFileSync(config, JSON.stringify(seaConfig, null, 2));
  await runWindowsNode(nodeExe, ["--experimental-sea-config", config], workDir);
  return readFileSync(blob);
}

/** Copies node.exe without its Authenticode signature (osslsigncode remove-signature). */
export function unsignedCopy(nodeExe: string, out: string): void {
  rmSync(out, { force: true }); // osslsigncode does not overwrite
  const args = ["remove-signature", "-in", nodeExe, "-out", out];
  execFileSync("osslsigncode", args, { stdio: ["ignore", "ignore", "inherit"] });
}

/** The PE optional header's Subsystem field: GUI programs get no console window. */
export function setGuiSubsystem(exe: string): void {
  const image = readFileSync(exe);
  const pe = image.readUInt32LE(0x3c);
  if (image.toString("latin1", pe, pe + 4) !== "PE\0\0") throw new Error(`${exe} is not a PE image`);
  const optionalHeader = pe + 24;
  image.writeUInt16LE(IMAGE_SUBSYSTEM_WINDOWS_GUI, optionalHeader + 68);
  writeFileSync(exe, image);
}

export function subsystemOf(exe: string): number {
  const image = readFileSync(exe);
  return image.readUInt16LE(image.readUInt32LE(0x3c) + 24 + 68);
}

export interface SeaBuild {
  nodeExe: string;
  bundle: string;
  workDir: string;
  out: string;
  brand: Branding;
}

export async function buildSeaExe(options: SeaBuild): Promise<void> {
  const blob = await makeSeaBlob(options.nodeExe, options.bundle, options.workDir);
  unsignedCopy(options.nodeExe, options.out);
  brandExecutable(options.out, options.brand);
  const { inject } = await import("postject");
  // postject reports progress with console.log; the build prints its own steps.
  const log = console.log;
  console.log = () => {};
  try {
    await inject(options.out, "NODE_SEA_BLOB", blob, { sentinelFuse: SEA_FUSE, overwrite: true });
  } finally {
    console.log = log;
  }
  setGuiSubsystem(options.out);
}
