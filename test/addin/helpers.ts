/** A real bridge on a temp data folder and a free port, with a LoopbackTransport standing in for TelefUM. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBridge, type RunningBridge } from "../../bridge/app.js";
import type { AddinTlsSetting } from "../../bridge/addin-api/addin-config.js";
import { selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { loadConfig } from "../../bridge/config/config.js";
import { NO_POLICIES, type Policies } from "../../bridge/config/policies.js";
import { silentLogger } from "../../bridge/log/log.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";

export interface TestBridge {
  bridge: RunningBridge;
  transport: LoopbackTransport;
  dataDir: string;
  url: string;
  port: number;
  token: string;
  /** The CA that signed the bridge's certificate (HTTPS only). */
  ca: Buffer | undefined;
  /** Links the bridge opened in "the default browser" (recorded here instead). */
  opened: string[];
  stop(): Promise<void>;
}

/** `microsoft365`: the config.json section (e.g. FakeGraph.microsoft365Config(…)); absent = not configured. */
export async function startTestBridge(
  tls: AddinTlsSetting = "self-signed",
  options: {
    microsoft365?: unknown;
    settings?: Record<string, unknown>;
    /** Puts files into the data folder before the bridge starts (a damaged store, a backup). */
    prepare?: (dataDir: string) => void;
    /** What the administrator's policy keys hold (the seam the Win32 registry reader fills on Windows). */
    policies?: Policies;
  } = {},
): Promise<TestBridge> {
  const dataDir = mkdtempSync(join(tmpdir(), "telefum-addin-"));
  options.prepare?.(dataDir);
  const { microsoft365 } = options;
  const sections = {
    language: "en",
    ...options.settings,
    addin: { tls },
    ...(microsoft365 !== undefined && { microsoft365 }),
  };
  writeFileSync(join(dataDir, "config.json"), JSON.stringify(sections));
  const overrides = { dataDir, port: 0, transport: "simulator", seedDemo: true };
  const config = loadConfig(overrides, {}, undefined, options.policies ?? NO_POLICIES);
  const transport = new LoopbackTransport();
  const opened: string[] = [];
  const openUrl = async (url: string) => void opened.push(url);
  const bridge = await startBridge(config, { transport, log: silentLogger, openUrl });
  const http = bridge.http!;
  return {
    bridge,
    transport,
    dataDir,
    url: http.url,
    port: http.port,
    token: readFileSync(tokenPath(dataDir), "utf8").trim(),
    ca: tls === "self-signed" ? readFileSync(selfSignedPaths(dataDir).ca) : undefined,
    opened,
    async stop() {
      await bridge.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as it came (a file the route answers). */
  bytes: Buffer;
  json(): unknown;
}

/** A request with full control over Host and Origin (fetch would not let us forge Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; ca?: Buffer } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(body !== undefined
      ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }
      : {}),
    ...options.headers,
  };
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        hostname: "127.0.0.1",
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        headers: { host: target.host, ...headers },
        ...(target.protocol === "https:" ? { ca: options.ca, servername: "localhost" } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            bytes,
            json: () => JSON.parse(text) as unknown,
          });
        });
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
