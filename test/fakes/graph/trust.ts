/**
 * Makes this test process trust the fake's self-signed certificate for Node's built-in fetch (which both msal-node 7
 * and the Graph SDK use), without turning certificate checks off: undici's global dispatcher is replaced by one of its
 * own Agents whose TLS connector knows the Node root CAs plus the fake's certificate.
 */
import { rootCertificates } from "node:tls";
import { FAKE_TLS } from "./fake-graph.js";

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");
let installed = false;

export async function trustFakeGraphCertificate(): Promise<void> {
  if (installed) return;
  const holder = globalThis as unknown as Record<symbol, unknown>;
  if (!holder[DISPATCHER]) {
    // The first fetch loads undici, which installs its default Agent as the global dispatcher.
    await fetch("http://127.0.0.1:9/").catch(() => undefined);
  }
  const current = holder[DISPATCHER] as { constructor: new (options: unknown) => unknown } | undefined;
  if (!current) throw new Error("cannot find undici's global dispatcher to trust the fake Graph certificate");
  holder[DISPATCHER] = new current.constructor({ connect: { ca: [...rootCertificates, FAKE_TLS.cert] } });
  installed = true;
}
