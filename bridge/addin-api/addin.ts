/**
 * Everything the add-in needs from the local web server, in one call for app.ts: the API routes and event
 * socket, the pairing token, security headers and the TLS certificate.
 */
import type { CallLog } from "../calls/call-log.js";
import { ConfigError, type BridgeConfig } from "../config.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { Directory } from "../directory/directory.js";
import { loadOrCreateToken, tokenPath } from "../http/local-api-guard.js";
import type { Route, SocketRoute } from "../http/server.js";
import type { Logger } from "../log.js";
import { parseAddinConfig } from "./addin-config.js";
import { addinApi } from "./addin-routes.js";
import { securityHeaders } from "./addin-security.js";
import { resolveAddinTls, type TlsMaterial } from "./addin-tls.js";

const LOOPBACK_BINDS = new Set(["127.0.0.1", "::1", "localhost"]);

export interface AddinSetupDeps {
  config: BridgeConfig;
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  log: Logger;
  addinDir: string;
}

export interface AddinSetup {
  routes: Route[];
  sockets: SocketRoute[];
  headers: typeof securityHeaders;
  tls: TlsMaterial | undefined;
  token: string;
}

export async function setupAddin(deps: AddinSetupDeps): Promise<AddinSetup> {
  // The API trusts the local machine's loopback: never offer it on a network interface.
  if (!LOOPBACK_BINDS.has(deps.config.http.host)) {
    throw new ConfigError(`http.host must be 127.0.0.1 (or ::1, localhost) for the add-in API, got "${deps.config.http.host}"`);
  }
  const settings = parseAddinConfig(deps.config.addin);
  const token = loadOrCreateToken(deps.config.dataDir);
  const tls = await resolveAddinTls(settings.tls, deps.config.dataDir);
  if (tls) {
    deps.log("info", "add-in: serving HTTPS", { certificate: tls.source, ...(tls.validTo ? { validTo: tls.validTo } : {}) });
    if (tls.validTo && tls.validTo < new Date().toISOString()) {
      deps.log("warn", "add-in: the HTTPS certificate has expired; Outlook will refuse the pane", {
        fix: "npx office-addin-dev-certs install --days 365, then restart the bridge",
      });
    }
  }
  else {
    deps.log("warn", "add-in: no HTTPS certificate, serving plain HTTP; Outlook loads add-ins only over https", {
      fix: "npx office-addin-dev-certs install, then restart the bridge (or set addin.tls in config.json)",
      tls: settings.tls,
    });
  }
  const api = addinApi({
    core: deps.core,
    directory: deps.directory,
    callLog: deps.callLog,
    token,
    addinDir: deps.addinDir,
    scheme: () => (tls ? "https" : "http"),
  });
  deps.log("info", "add-in: pairing token ready", { file: tokenPath(deps.config.dataDir) });
  return {
    routes: api.routes,
    sockets: api.sockets,
    headers: securityHeaders,
    tls,
    token,
  };
}
