/**
 * The local web server: the add-in's API and pane, the caller context, the bridge's own pages, the simulator when
 * asked for, and Microsoft 365's routes; every route behind the one guard. Its modules (ws among them) load only
 * when the server is configured.
 */
import { existsSync } from "node:fs";
import { addinDistDir } from "../addin-api/addin-files.js";
import type { CallLog } from "../calls/call-log.js";
import type { BridgeConfig } from "../config/config.js";
import type { ContextSetup } from "../context/index.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { EventHub } from "../core/events.js";
import type { UrlOpener } from "../desktop/launchers.js";
import type { Directory } from "../directory/directory.js";
import type { Route, RunningHttpServer, SocketRoute } from "../http/server.js";
import type { NotUnderstoodLog } from "../inbox/not-understood.js";
import type { Logger } from "../log/log.js";
import type { Microsoft365 } from "../m365/microsoft365.js";
import { platformPeerCheck } from "../same-user/peer-check.js";
import { sameUserConnections } from "../same-user/connection-gate.js";
import type { StoreHealth } from "../store/store-file.js";
import type { Database } from "../store/sqlite.js";
import { LoopbackTransport } from "../transport/loopback.js";
import { simulatorMountReason } from "../transport/select.js";
import type { Transport } from "../transport/transport.js";

export interface LocalServerParts {
  config: BridgeConfig;
  /** The store: the reports and the team views read the call log and the team's copy from it. */
  db: Database;
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  notUnderstood: NotUnderstoodLog;
  events: EventHub;
  transport: Transport;
  store: StoreHealth;
  context: ContextSetup;
  m365: Microsoft365;
  /** The Microsoft 365 module when it is configured (its Outlook links and routes). */
  m365Module: typeof import("../m365/index.js") | undefined;
  openUrl: UrlOpener;
  log: Logger;
}

/** The running server, and whether an add-in pane holds its live connection (the tray says so). */
export interface LocalServer extends RunningHttpServer {
  paneConnected(): boolean;
  /** The simulator's page, when it is mounted. */
  simulatorUrl: string | undefined;
}

export async function startLocalServer(parts: LocalServerParts): Promise<LocalServer> {
  const { config, core, directory, callLog, events, transport, m365Module, openUrl, log } = parts;
  const [
    { setupAddin },
    { localApiGuards },
    { pageHeaders },
    { startHttpServer },
    { PaneOrPageViews },
    { pageRoutes },
    { reportRoutes },
  ] = await Promise.all([
    import("../addin-api/addin.js"),
    import("../http/local-api-guard.js"),
    import("../http/page-headers.js"),
    import("../http/server.js"),
    import("../pages/local-views.js"),
    import("../pages/page-routes.js"),
    import("../addin-api/report-routes.js"),
  ]);
  let http: RunningHttpServer | undefined;
  const routes: Route[] = [];
  const sockets: SocketRoute[] = [];
  const url = (): string => http?.url ?? "";
  const addinDir = addinDistDir();
  const addin = await setupAddin({
    config,
    core,
    directory,
    callLog,
    notUnderstood: parts.notUnderstood,
    log,
    addinDir,
    store: parts.store,
    team: {
      db: parts.db,
      region: config.defaultRegion,
      // The pane's settings may switch the team log on or off while the bridge runs.
      configured: () => parts.m365.teamStatus() !== undefined,
      claimsServedByM365: config.microsoft365.enabled,
    },
    teamStatus: () => parts.m365.teamStatus(),
  });
  const outlook = m365Module ? m365Module.outlookLinks(config.microsoft365, directory) : {};
  core.useLocalViews(
    new PaneOrPageViews({ events, paneConnected: addin.paneConnected, openUrl, origin: url, ...outlook }),
  );
  // The simulator plays TelefUM from a browser: mounted only when asked for, never because a test or a
  // script handed in an in-process transport.
  const simulatorReason = transport instanceof LoopbackTransport ? simulatorMountReason(config) : undefined;
  if (simulatorReason && transport instanceof LoopbackTransport) {
    log("info", "simulator: mounted", { at: "/simulator", because: simulatorReason });
    const { simulatorRoutes } = await import("../simulator/simulator-routes.js");
    const simulator = simulatorRoutes({
      core,
      transport,
      token: addin.token,
      language: config.language,
      encoding: config.encoding,
    });
    routes.push(...simulator.routes);
    sockets.push(...simulator.sockets);
  }
  routes.push(...addin.routes, ...(await parts.context.routes()), ...reportRoutes({ db: parts.db }));
  routes.push(...pageRoutes({ directory, callLog, token: addin.token, language: config.language }));
  if (m365Module) routes.push(...m365Module.microsoft365Routes({ m365: parts.m365 }));
  // Without Microsoft 365 only its status answers (not set up, and what is missing): the pane says who can set it up.
  else {
    const [{ apiRoute }, { m365Status }] = await Promise.all([
      import("../http/api-route.js"),
      import("../api-contract/m365-endpoints.js"),
    ]);
    routes.push(apiRoute(m365Status, () => parts.m365.status()));
  }
  sockets.push(...addin.sockets);
  http = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    routes,
    sockets,
    statics: existsSync(addinDir) ? [{ prefix: "/", dir: addinDir }] : [],
    guards: localApiGuards({ token: addin.token, port: () => http?.port ?? config.http.port, url }),
    admit: sameUserConnections({ peerCheck: await platformPeerCheck(), log }),
    headers: pageHeaders({ framedBy: addin.framedBy }),
    log,
    ...(addin.tls ? { tls: addin.tls } : {}),
  });
  const simulatorUrl = simulatorReason ? `${http.url}/simulator` : undefined;
  log("info", "local web server listening", {
    url: http.url,
    pane: `${http.url}/taskpane.html`,
    ...(simulatorUrl ? { simulator: simulatorUrl } : {}),
  });
  return Object.assign(http, { paneConnected: addin.paneConnected, simulatorUrl });
}
