/**
 * Makes this test process trust the fake's self-signed certificate for Node's built-in fetch (which both msal-node 7
 * and the Graph SDK use), without turning certificate checks off: the fake's certificate joins Node's default CA
 * certificates (`tls.setDefaultCACertificates`, Node 22.15+), which every TLS client that names no CA of its own uses.
 */
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { FAKE_TLS } from "./fake-graph.js";

let installed = false;

export async function trustFakeGraphCertificate(): Promise<void> {
  if (installed) return;
  setDefaultCACertificates([...getCACertificates("default"), FAKE_TLS.cert]);
  installed = true;
}
