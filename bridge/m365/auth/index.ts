/**
 * The auth room wires itself: MSAL over a token cache in the data folder (`createAuth`), and the session that puts
 * the other rooms' adapters into the core and runs their background work while someone is signed in
 * (`startSession`, last, once those rooms exist).
 */
import { join } from "node:path";
import type { ICachePlugin } from "@azure/msal-node";
import type { Logger } from "../../log/log.js";
import type { M365Config } from "../config.js";
import { M365Auth } from "./auth.js";
import { M365Session, type M365SessionDeps } from "./session.js";
import { createCachePlugin } from "./token-cache.js";

export { SignInRequiredError, type M365Auth, type TokenSource } from "./auth.js";
export type { M365Session, SignInCheck, SignedInWork } from "./session.js";

export interface AuthDeps {
  config: M365Config;
  dataDir: string;
  /** Token cache persistence (default: DPAPI-protected on Windows when available, else a private file in dataDir). */
  cachePlugin?: ICachePlugin;
  log: Logger;
}

export async function createAuth(deps: AuthDeps): Promise<M365Auth> {
  const cachePlugin =
    deps.cachePlugin ?? (await createCachePlugin(join(deps.dataDir, "msal-token-cache.json"), deps.log));
  return new M365Auth(deps.config, { cachePlugin, log: deps.log });
}

/** The session, having taken up the sign-in the token cache holds (if any). */
export async function startSession(deps: M365SessionDeps): Promise<M365Session> {
  const session = new M365Session(deps);
  await session.resume();
  return session;
}
