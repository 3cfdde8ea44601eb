/**
 * The add-in's local API: what the task pane and the ribbon commands call, one router per resource, each route
 * checked against its endpoint in the contract (api-contract/) by http/api-route.ts. Every /api/ request has passed
 * the local API guard (Host, Origin, pairing token, JSON) before it gets here. Also the pane's pages, with the
 * pairing token written in.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HttpError } from "../http/server.js";
import { sendHtml } from "../http/responses.js";
import type { Route, RouteContext, SocketRoute } from "../http/server.js";
import type { AddinApiDeps } from "./addin-api-deps.js";
import { choiceRoutes } from "./choice-routes.js";
import { contactRoutes } from "./contact-routes.js";
import { eventsSocket } from "./events-socket.js";
import { historyRoutes } from "./history-routes.js";
import { statusRoutes } from "./status-route.js";
import { teamRoutes } from "./team-routes.js";
import { telefumRoutes } from "./telefum-routes.js";

export type { AddinApiDeps } from "./addin-api-deps.js";

/** Pages that get the token written in: the pane and the ribbon's function file. */
export const PANE_PAGES = ["taskpane.html", "commands.html"] as const;
export const TOKEN_PLACEHOLDER = "__BRIDGE_TOKEN__";

export interface AddinApi {
  routes: Route[];
  sockets: SocketRoute[];
  /** True while at least one pane holds the events socket open (cards and forms then go to it). */
  paneConnected(): boolean;
}

export function addinApi(deps: AddinApiDeps): AddinApi {
  const servePage =
    (file: string) =>
    ({ res }: RouteContext) => {
      const path = join(deps.addinDir, file);
      if (!existsSync(path)) throw new HttpError(404, `${file} is not built yet: run npm run build:addin`);
      sendHtml(res, readFileSync(path, "utf8").replaceAll(TOKEN_PLACEHOLDER, deps.token));
    };
  const pages: Route[] = [
    ...PANE_PAGES.map((file): Route => ({ method: "GET", path: `/${file}`, handle: servePage(file) })),
    {
      method: "GET",
      path: "/",
      handle: ({ res }) => {
        res.writeHead(302, { location: "/taskpane.html" });
        res.end();
      },
    },
  ];
  const events = eventsSocket(deps.core);
  return {
    routes: [
      ...pages,
      ...statusRoutes(deps),
      ...contactRoutes(deps),
      ...telefumRoutes(deps),
      ...choiceRoutes(deps),
      ...historyRoutes(deps),
      ...(deps.team ? teamRoutes(deps.team) : []),
    ],
    sockets: [events.socket],
    paneConnected: events.paneConnected,
  };
}
