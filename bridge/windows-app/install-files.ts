/**
 * What `bridge install` writes (the installer runs it after copying the files): the localhost
 * certificate and its CA in the data folder, the add-in manifest for the configured port and the
 * welcome page in the install folder. Platform-neutral; trusting the CA is the Windows part.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { selfSignedPaths } from "../addin-api/addin-tls.js";
import { manifestForPort } from "../addin-api/manifest-for-port.js";
import type { BridgeConfig } from "../config/config.js";
import { logFilePath } from "../log/log-file.js";
import { ensureLocalCertificates, type EnsureResult } from "../tls/local-ca.js";
import type { Language } from "../i18n/language.js";
import { welcomePage } from "./welcome-page.js";

export const INSTALLED_MANIFEST = "TelefUM-manifest.xml";
export const WELCOME_PAGE = "welcome.html";

export interface InstallFiles extends EnsureResult {
  manifestPath: string;
  welcomePath: string;
}

export function writeInstallFiles(config: BridgeConfig, installDir: string, language: Language): InstallFiles {
  const certificates = ensureLocalCertificates(selfSignedPaths(config.dataDir));
  const manifestPath = join(installDir, INSTALLED_MANIFEST);
  writeFileSync(manifestPath, manifestForPort(config.http.port));
  const welcomePath = join(installDir, WELCOME_PAGE);
  const page = welcomePage(language, {
    manifestPath,
    paneUrl: `https://localhost:${config.http.port}/taskpane.html`,
    configPath: join(config.dataDir, "config.json"),
    logPath: logFilePath(config.dataDir),
  });
  writeFileSync(welcomePath, page);
  return { ...certificates, manifestPath, welcomePath };
}
