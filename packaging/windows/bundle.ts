/**
 * The bridge as one CommonJS file for the Node single executable: every dependency inlined except the
 * ones with native parts, which the bridge already treats as optional (better-sqlite3 → node:sqlite,
 * msal-node-extensions → a private token file).
 */
import { build } from "esbuild";
import { join } from "node:path";
import { PROJECT_ROOT } from "./windows-tools.js";

const OPTIONAL_NATIVE = ["better-sqlite3", "@azure/msal-node-extensions", "bufferutil", "utf-8-validate"];

/** One CommonJS file for `entry`: the bridge itself, or the thread that owns TelefUM's window. */
async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    external: OPTIONAL_NATIVE,
    alias: { koffi: join(PROJECT_ROOT, "packaging", "windows", "koffi-beside-exe.cjs") },
    // ESM sources ask import.meta.url for their own location; in the executable that is the exe itself.
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    legalComments: "none",
    logLevel: "warning",
  });
}

export async function bundleBridge(outfile: string): Promise<void> {
  await bundle(join("bridge", "cli.ts"), outfile);
}

/**
 * The window's thread (transport/win32/message-pump.ts) starts `./message-thread.js` beside import.meta.url, which
 * in the executable is bridge.exe: the installer puts this file there. A worker cannot run from the SEA blob. It
 * carries its own copy of the Windows platform room (bridge/win32), whose koffi is the koffi.node beside the exe.
 */
export async function bundleMessageThread(outfile: string): Promise<void> {
  await bundle(join("bridge", "transport", "win32", "message-thread.ts"), outfile);
}
