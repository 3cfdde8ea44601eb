import type { BridgeConfig } from "../config.js";
import { LoopbackTransport } from "./loopback.js";
import { StdioTransport } from "./stdio.js";
import type { Transport } from "./transport.js";

/** The real TelefUM transport on Windows; elsewhere the simulator, so the whole flow still runs. */
export function resolveTransportKind(kind: BridgeConfig["transport"], platform = process.platform): Exclude<BridgeConfig["transport"], "auto"> {
  if (kind !== "auto") return kind;
  return platform === "win32" ? "win32" : "simulator";
}

export async function createTransport(config: Pick<BridgeConfig, "transport" | "encoding">): Promise<Transport> {
  switch (resolveTransportKind(config.transport)) {
    case "win32": {
      // Loaded only when asked for: koffi's Win32 bindings mean nothing on other systems. A literal
      // specifier, so the Windows bundle (packaging/windows) carries the module.
      const win32 = await import("./win32/index.js");
      return win32.createWin32Transport({ encoding: config.encoding });
    }
    case "stdio":
      return new StdioTransport();
    case "simulator":
      return new LoopbackTransport("simulator");
  }
}
