/**
 * Everything the add-in needs from the local web server, in one call for app.ts: the API routes and event
 * socket, the pairing token, which pages Outlook may frame and the TLS certificate.
 */
import type { CallLog } from "../calls/call-log.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { Directory } from "../directory/directory.js";
import type { NotUnderstoodLog } from "../inbox/not-understood.js";
import { loadOrCreateToken, tokenPath } from "../http/local-api-guard.js";
import type { Route, SocketRoute } from "../http/server.js";
import type { Logger } from "../log/log.js";
import type { StoreHealth } from "../store/store-file.js";
import type { WireEncoding } from "../protocol/wire-encoding.js";
import { addinApi } from "./addin-routes.js";
import { PANE_FRAMED_BY } from "./addin-security.js";
import type { AddinConfig } from "./addin-config.js";
import type { TeamStatus } from "../api-contract/m365-status.js";
import { loadTlsMaterial, type TlsFiles, type TlsMaterial } from "./addin-tls.js";
import type { TeamViewDeps } from "./team-routes.js";

/** The settings the add-in needs, as loadConfig checked and derived them (BridgeConfig fits). */
export interface AddinSettings {
  dataDir: string;
  addin: AddinConfig;
  http: { scheme: "http" | "https"; tls: TlsFiles | undefined };
  /** TelefUM's wire encoding (the pane's SMS composer warns about what cp1251 cannot carry). */
  encoding: WireEncoding;
  /** The settings an administrator's policy decided, shown by /api/status. */
  managed?: readonly string[];
}

export interface AddinSetupDeps {
  config: AddinSettings;
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  notUnderstood: NotUnderstoodLog;
  log: Logger;
  addinDir: string;
  /** How the store is (read-only, replaced after damage), shown by /api/status. */
  store?: StoreHealth;
  team?: TeamViewDeps;
  /** The team call log's status, shown by /api/status. */
  teamStatus?: () => TeamStatus | undefined;
}

export interface AddinSetup {
  routes: Route[];
  sockets: SocketRoute[];
  /** The pages Outlook frames, and by whom (every other page refuses frames). */
  framedBy: Readonly<Record<string, string>>;
  tls: TlsMaterial | undefined;
  token: string;
  paneConnected: () => boolean;
}

export async function setupAddin(deps: AddinSetupDeps): Promise<AddinSetup> {
  // loadConfig has checked the section, kept the host on loopback and chosen the certificate files.
  const { addin, dataDir, http } = deps.config;
  const token = loadOrCreateToken(dataDir);
  const tls = http.tls ? await loadTlsMaterial(http.tls) : undefined;
  if (tls) {
    deps.log("info", "add-in: serving HTTPS", {
      certificate: tls.source,
      ...(tls.validTo ? { validTo: tls.validTo } : {}),
    });
    if (tls.validTo && tls.validTo < new Date().toISOString()) {
      deps.log("warn", "add-in: the HTTPS certificate has expired; Outlook will refuse the pane", {
        fix: "npx office-addin-dev-certs install --days 365, then restart the bridge",
      });
    }
  } else {
    deps.log("warn", "add-in: no HTTPS certificate, serving plain HTTP; Outlook loads add-ins only over https", {
      fix: "npx office-addin-dev-certs install, then restart the bridge (or set addin.tls in config.json)",
      tls: addin.tls,
    });
  }
  const api = addinApi({
    core: deps.core,
    directory: deps.directory,
    callLog: deps.callLog,
    notUnderstood: deps.notUnderstood,
    token,
    addinDir: deps.addinDir,
    scheme: () => http.scheme,
    ...(deps.store ? { store: deps.store } : {}),
    ...(deps.team ? { team: deps.team } : {}),
    ...(deps.teamStatus ? { teamStatus: deps.teamStatus } : {}),
    encoding: deps.config.encoding,
    managed: deps.config.managed ?? [],
  });
  deps.log("info", "add-in: pairing token ready", { file: tokenPath(dataDir) });
  return {
    routes: api.routes,
    sockets: api.sockets,
    framedBy: PANE_FRAMED_BY,
    tls,
    token,
    paneConnected: api.paneConnected,
  };
}
