/**
 * `bridge install` and `bridge uninstall`, run by the Windows installer (packaging/windows/installer.nsi):
 * install writes the certificate, manifest and welcome page and trusts the CA for this user; uninstall
 * stops the running bridge, makes sure hwndProgr reads "0" and removes the CA's trust. Windows only.
 */
import type { BridgeConfig } from "../config/config.js";
import type { Logger } from "../log/log.js";
import { projectRoot } from "../addin-api/addin-files.js";
import { LOCAL_CA_NAME } from "../tls/local-ca.js";
import { quitRunningInstance, trustForCurrentUser, untrustBySubject } from "../win32/index.js";
import { withdrawLeftoverHandle } from "../transport/win32/index.js";
import { writeInstallFiles } from "./install-files.js";
import type { Language } from "../i18n/language.js";

export function installCommand(config: BridgeConfig, language: Language, log: Logger): number {
  const files = writeInstallFiles(config, projectRoot(), language);
  // A new CA replaces the ones earlier installs trusted; an existing one is trusted again (no-op if it is).
  const replaced = files.caCreated ? untrustBySubject(LOCAL_CA_NAME) : 0;
  trustForCurrentUser(files.caDer);
  log("info", "installed", {
    manifest: files.manifestPath,
    welcome: files.welcomePath,
    caCreated: files.caCreated,
    certificateCreated: files.leafCreated,
    untrustedOldCa: replaced,
  });
  return 0;
}

export function uninstallCommand(log: Logger): number {
  const quit = quitRunningInstance();
  withdrawLeftoverHandle();
  const untrusted = untrustBySubject(LOCAL_CA_NAME);
  log("info", "uninstalled", { quit, untrusted });
  return 0;
}
