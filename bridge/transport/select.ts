import type { CountryCode } from "libphonenumber-js";
import type { Logger } from "../log/log.js";
import type { WireEncoding } from "../protocol/wire-encoding.js";
import { LoopbackTransport } from "./loopback.js";
import { StdioTransport } from "./stdio.js";
import type { Transport } from "./transport.js";

export const TRANSPORT_KINDS = ["auto", "win32", "simulator", "stdio"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/** The real TelefUM transport on Windows; elsewhere the simulator, so the whole flow still runs. */
export function resolveTransportKind(kind: TransportKind, platform = process.platform): Exclude<TransportKind, "auto"> {
  if (kind !== "auto") return kind;
  return platform === "win32" ? "win32" : "simulator";
}

/**
 * Why the simulator's page and endpoints are mounted, or undefined when they must not be: only an explicit
 * `--transport simulator`, or `auto` off Windows (where it is what `npm start` runs on).
 */
export function simulatorMountReason(
  config: { transport: TransportKind },
  platform = process.platform,
): string | undefined {
  if (config.transport === "simulator") return "transport simulator was asked for";
  if (config.transport === "auto" && resolveTransportKind("auto", platform) === "simulator") {
    return `transport auto on ${platform} (not Windows) runs the simulator`;
  }
  return undefined;
}

/**
 * `contactIndex`: the index file the Win32 window's own thread may answer CONTACT? from (when a reply needs nothing
 * but the index); without it the main thread answers.
 */
export async function createTransport(
  config: { transport: TransportKind; encoding: WireEncoding; stdioEncoding: WireEncoding },
  log?: Logger,
  contactIndex?: { path: string; defaultRegion: CountryCode },
): Promise<Transport> {
  switch (resolveTransportKind(config.transport)) {
    case "win32": {
      // Loaded only when asked for: koffi's Win32 bindings mean nothing on other systems. A literal
      // specifier, so the Windows bundle (packaging/windows) carries the module.
      const win32 = await import("./win32/index.js");
      const onForeign = (dwData: bigint, size: number): void =>
        log?.("debug", "WM_COPYDATA that is not TelefUM's, ignored", { dwData: String(dwData), size });
      const onAnswered = (): void => log?.("debug", "CONTACT? answered on the window's thread");
      return win32.createWin32Transport({
        encoding: config.encoding,
        onForeign,
        ...(contactIndex && { contactIndex, onAnswered }),
      });
    }
    case "stdio":
      return new StdioTransport(process.stdin, process.stdout, config.stdioEncoding);
    case "simulator":
      return new LoopbackTransport("simulator");
  }
}
