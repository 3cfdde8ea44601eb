/**
 * The fake Microsoft Graph as the tests and bench/ use it, one entry point: start it (its certificate trusted by
 * this process), and sign in to it with the real MSAL for a real Graph SDK client. Its parts stay behind this file.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { silentLogger } from "../../../bridge/log/log.js";
import { M365Auth } from "../../../bridge/m365/auth/auth.js";
import { fileCachePlugin } from "../../../bridge/m365/auth/token-cache.js";
import type { M365Config } from "../../../bridge/m365/config.js";
import { graphClientFor } from "../../../bridge/m365/graph-client.js";
import { FakeGraph } from "./fake-graph.js";
import { trustFakeGraphCertificate } from "./trust.js";

export {
  FAKE_TENANT,
  FAKE_TLS,
  FAKE_USER,
  FakeGraph,
  FakeMailbox,
  fakeEntryId,
  submitFormPost,
  type Fault,
  type FakeMessage,
  type GraphContact,
  type GraphOrgContact,
  type GraphUser,
} from "./fake-graph.js";
export { trustFakeGraphCertificate } from "./trust.js";

export interface StartFakeGraphOptions {
  /** Polls a device code sign-in waits before it is approved (the fake's default: 1; 0 approves at once). */
  devicePendingPolls?: number;
}

/** A fake Graph listening over HTTPS, which this process's fetch (MSAL's, the SDK's) trusts. */
export async function startFakeGraph(options: StartFakeGraphOptions = {}): Promise<FakeGraph> {
  await trustFakeGraphCertificate();
  const graph = await new FakeGraph().start();
  if (options.devicePendingPolls !== undefined) graph.devicePendingPolls = options.devicePendingPolls;
  return graph;
}

/**
 * Signs in to the fake by device code (the fake approves it), the tokens cached in `cacheFile` as the bridge would
 * find them, and gives the Graph client the config asks for.
 */
export async function signInToFakeGraph(
  config: M365Config,
  cacheFile: string,
): Promise<{ auth: M365Auth; client: Client }> {
  const auth = new M365Auth(config, { cachePlugin: fileCachePlugin(cacheFile), log: silentLogger });
  await auth.signInWithDeviceCode(() => undefined);
  return { auth, client: graphClientFor(config, auth) };
}
