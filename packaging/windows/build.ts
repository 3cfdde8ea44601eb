/**
 * `npm run package:windows`: dist/windows/TelefUM-Outlook-Bridge-Setup-<version>.exe, on Linux or Windows.
 * Needs the add-in built (the npm script runs build:addin first), makensis and osslsigncode; on Linux also
 * wine (64-bit) to let node.exe make its own SEA blob. Signs bridge.exe and the installer when
 * TELEFUM_SIGN_PFX is set (see sign.ts).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleBridge, bundleMessageThread } from "./bundle.js";
import { APP_ICON_SIZES, icoFile, TRAY_ICONS, writeTrayIcons } from "./icons.js";
import { buildSeaExe } from "./sea.js";
import { signCommandLine, signFile, signingConfig, type SigningConfig } from "./sign.js";
import { CACHE, PROJECT_ROOT, koffiWindowsPackage, windowsNodeExe } from "./windows-tools.js";

export const PRODUCT_NAME = "TelefUM Outlook Bridge";

export function productVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

export function installerPath(version = productVersion()): string {
  return join(PROJECT_ROOT, "dist", "windows", `TelefUM-Outlook-Bridge-Setup-${version}.exe`);
}

function step(message: string): void {
  process.stderr.write(`[package:windows] ${message}\n`);
}

/**
 * The install folder as it will be on the user's machine. package.json is there so the bridge finds its
 * root (the add-in files, the manifest template) exactly as it does in a checkout.
 */
async function stageInstallFolder(stage: string, work: string): Promise<void> {
  const addin = join(PROJECT_ROOT, "dist", "addin");
  if (!existsSync(join(addin, "taskpane.html"))) throw new Error(`${addin} is missing: run npm run build:addin first`);
  const bundle = join(work, "bridge.cjs");
  step("bundling the bridge (esbuild)");
  await bundleBridge(bundle);
  step("building bridge.exe (SEA blob by node.exe, postject)");
  const icon = icoFile(TRAY_ICONS["connected.ico"]!, APP_ICON_SIZES);
  const brand = { productName: PRODUCT_NAME, version: productVersion(), icon };
  const nodeExe = await windowsNodeExe();
  await buildSeaExe({ nodeExe, bundle, workDir: work, out: join(stage, "bridge.exe"), brand });
  await bundleMessageThread(join(stage, "message-thread.js"));
  copyFileSync(join(await koffiWindowsPackage(), "win32_x64", "koffi.node"), join(stage, "koffi.node"));
  copyFileSync(join(PROJECT_ROOT, "manifest.xml"), join(stage, "manifest.xml"));
  // Source maps stay out: they would double the add-in's size for nobody.
  cpSync(addin, join(stage, "dist", "addin"), { recursive: true, filter: (source) => !source.endsWith(".map") });
  writeTrayIcons(join(stage, "icons"));
  const stub = { name: "telefum-outlook-bridge", version: productVersion(), private: true };
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(stub, null, 2)}\n`);
}

export interface PackageOptions {
  /** Defaults to the TELEFUM_SIGN_* environment; undefined leaves both files unsigned. */
  signing?: SigningConfig | undefined;
}

export async function packageWindows(options: PackageOptions = { signing: signingConfig() }): Promise<string> {
  const work = join(CACHE, "windows-build");
  const stage = join(work, "stage");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const signing = options.signing;
  await stageInstallFolder(stage, work);
  if (signing) {
    step("signing bridge.exe");
    signFile(join(stage, "bridge.exe"), signing, PRODUCT_NAME);
  }
  const out = installerPath();
  mkdirSync(join(out, ".."), { recursive: true });
  step("building the installer (makensis)");
  execFileSync(
    "makensis",
    [
      "-V2",
      "-INPUTCHARSET",
      "UTF8",
      `-DVERSION=${productVersion()}`,
      `-DSTAGE=${stage}`,
      `-DOUTFILE=${out}`,
      ...(signing ? [`-DSIGN_UNINSTALLER=${signCommandLine(signing, `${PRODUCT_NAME} Uninstaller`)}`] : []),
      join(PROJECT_ROOT, "packaging", "windows", "installer.nsi"),
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (signing) {
    step("signing the installer");
    signFile(out, signing, `${PRODUCT_NAME} Setup`);
  }
  step(`${out} (${(statSync(out).size / 1048576).toFixed(1)} MB)`);
  return out;
}
