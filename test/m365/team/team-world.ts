/**
 * The world of the team call log's tests: the fake Graph with the office's site, users of one tenant, data folders
 * signed in as them, built bridges as real processes (stdio, optionally with the local web server), and what their
 * copies (their SQLite files) and the list hold.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { connect } from "../../../bridge/store/sqlite.js";
import { TeamCopy } from "../../../bridge/team/team-copy.js";
import { type FakeGraph, startFakeGraph } from "../../fakes/graph/index.js";
import { type BuiltBridge, buildBridge, startCli } from "../../support/built-cli.js";
import { GRAPH_CA, homeSignedIn, startStdioBridge, type StdioBridge } from "../../support/stdio-bridge.js";
import { useTempDir } from "../../support/temp-dir.js";

export const SITE = "https://contoso.sharepoint.com/sites/office";
export const LIST = "TelefUM calls";
export const OLENA = { oid: "0000000a-0000-0000-0000-00000000000a", upn: "olena@contoso.test", name: "Olena" };
export const PETRO = { oid: "0000000b-0000-0000-0000-00000000000b", upn: "petro@contoso.test", name: "Petro" };
export type User = typeof OLENA;

export const teamConfig = (extra: Record<string, unknown> = {}) => ({
  team: { site: SITE, list: LIST, ...extra },
  sync: { intervalMinutes: 0.05, contacts: false },
  retry: { outboxBaseSeconds: 0.2, outboxMaxSeconds: 2, requestTimeoutSeconds: 2, graphDownMaxSeconds: 2 },
});

/** A bridge with its local web server: `api` sends a request with the pairing token. */
export interface HttpBridge extends StdioBridge {
  api(method: string, path: string, body?: unknown): Promise<[number, unknown]>;
}

export interface CopyRow {
  item_id: string;
  call_key: string;
  kind: string;
  claimed_by: string;
  recording_url: string;
  employee_name: string;
}

export interface TeamWorld {
  /** The built bridge's cli.js (for `bridge status`). */
  cli(): string;
  /** Merges `patch` into the data folder's config.json (top level). */
  configure(home: string, patch: Record<string, unknown>): void;
  graph(): FakeGraph;
  siteId(): string;
  /** A data folder signed in as `user`, granted the site (Sites.Selected) unless told otherwise. */
  homeOf(user: User, granted?: boolean, m365?: Record<string, unknown>): Promise<string>;
  start(home: string): Promise<StdioBridge>;
  startWithHttp(home: string): Promise<HttpBridge>;
  /** Stops a bridge now (SIGTERM, or SIGKILL when `kill`); it is no longer stopped after the test. */
  stop(bridge: StdioBridge, kill?: "kill"): Promise<void>;
  copyOf(home: string): { count: number; rows: CopyRow[]; keys: string[]; claimedBy: string[] };
  items(): Record<string, unknown>[];
  keysOnce(): boolean;
}

export function teamWorld(name: string): TeamWorld {
  const tempDir = useTempDir(`${name}-`);
  let build: BuiltBridge;
  let graph: FakeGraph;
  let siteId: string;
  const running: StdioBridge[] = [];

  beforeAll(async () => {
    build = await buildBridge(name);
  }, 120_000);
  afterAll(() => build?.dispose());
  beforeEach(async () => {
    graph = await startFakeGraph({ devicePendingPolls: 0 });
    siteId = graph.sharePoint.addSite(SITE);
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.stop();
    await graph.stop();
  });

  const items = () => graph.sharePoint.items(siteId, LIST) as Record<string, unknown>[];
  const configure = (home: string, patch: Record<string, unknown>): void => {
    const file = join(home, "config.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...patch }));
  };
  return {
    cli: () => build.cli,
    configure,
    graph: () => graph,
    siteId: () => siteId,
    async homeOf(user, granted = true, m365 = {}) {
      const home = tempDir();
      graph.nextSignIn = user;
      await homeSignedIn(home, graph, { ...teamConfig(), ...m365 });
      if (granted) graph.sharePoint.grant(siteId, user.oid);
      return home;
    },
    async start(home) {
      const bridge = await startStdioBridge(build.cli, home);
      running.push(bridge);
      return bridge;
    },
    async startWithHttp(home) {
      configure(home, { addin: { tls: "off" } });
      const { child, lines, readyLine, exited } = await startCli(
        build.cli,
        ["--transport", "stdio", "--port", "0", "--home", home],
        (line) => line.msg === "local web server listening",
        GRAPH_CA,
      );
      const url = String(readyLine.url);
      const token = readFileSync(join(home, "addin-token"), "utf8").trim();
      const bridge: HttpBridge = {
        lines,
        replies: [],
        pid: child.pid!,
        send: (text) => void child.stdin.write(`${text}\n`),
        async stop() {
          child.kill("SIGTERM");
          return exited;
        },
        async kill() {
          child.kill("SIGKILL");
          await exited;
        },
        async api(method, path, body) {
          const answer = await fetch(`${url}${path}`, {
            method,
            headers: { "x-bridge-token": token, "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          return [answer.status, (await answer.json()) as unknown];
        },
      };
      running.push(bridge);
      return bridge;
    },
    async stop(bridge, kill) {
      running.splice(running.indexOf(bridge), 1);
      if (kill) await bridge.kill();
      else await bridge.stop();
    },
    copyOf(home) {
      const db = connect(join(home, "bridge.db"));
      try {
        const count = new TeamCopy(db).count();
        const columns = "item_id, call_key, kind, claimed_by, recording_url, employee_name";
        const rows = db.prepare(`SELECT ${columns} FROM team_calls ORDER BY call_key`).all() as unknown as CopyRow[];
        return { count, rows, keys: rows.map((r) => r.call_key), claimedBy: rows.map((r) => r.claimed_by) };
      } finally {
        db.close();
      }
    },
    items,
    keysOnce: () => new Set(items().map((i) => i.callKey)).size === items().length,
  };
}
