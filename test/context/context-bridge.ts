/** A real bridge on a data folder the test keeps (so it can restart on it), and its local API as the pane uses it. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startBridge, type RunningBridge } from "../../bridge/app.js";
import { selfSignedPaths } from "../../bridge/addin-api/addin-tls.js";
import { loadConfig } from "../../bridge/config/config.js";
import { tokenPath } from "../../bridge/http/local-api-guard.js";
import { silentLogger } from "../../bridge/log/log.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { rawRequest } from "../addin/helpers.js";

export interface ContextBridge {
  bridge: RunningBridge;
  transport: LoopbackTransport;
  url: string;
  /** One /api/ request with the pairing token; answers [status, body]. */
  api(method: "GET" | "POST" | "PUT", path: string, body?: unknown): Promise<[number, unknown]>;
  /** TelefUM sends a message; resolves once the core has handled it. */
  deliver(text: string): Promise<void>;
}

export async function startContextBridge(dataDir: string, sections: Record<string, unknown>): Promise<ContextBridge> {
  writeFileSync(join(dataDir, "config.json"), JSON.stringify({ addin: { tls: "self-signed" }, ...sections }));
  const config = loadConfig({ dataDir, port: 0, transport: "simulator", seedDemo: false }, {});
  const transport = new LoopbackTransport();
  const bridge = await startBridge(config, { transport, log: silentLogger });
  const url = bridge.http!.url;
  const token = readFileSync(tokenPath(dataDir), "utf8").trim();
  const ca = readFileSync(selfSignedPaths(dataDir).ca);
  return {
    bridge,
    transport,
    url,
    async api(method, path, body) {
      const response = await rawRequest(`${url}${path}`, {
        method,
        headers: { "x-bridge-token": token },
        ca,
        ...(body !== undefined ? { body } : {}),
      });
      return [response.status, response.json()];
    },
    async deliver(text) {
      transport.deliver(text);
      await bridge.core.idle();
    },
  };
}
