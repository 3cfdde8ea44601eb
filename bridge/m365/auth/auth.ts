/**
 * Signing in to Microsoft 365 with MSAL (public client): device code or the system browser with a loopback
 * redirect, then silent tokens from a persistent cache. Everything else asks `getToken()`.
 */
import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
  type ICachePlugin,
} from "@azure/msal-node";
import type { Logger } from "../../log/log.js";
import type { M365Config } from "../config.js";
import type { DeviceCodeInfo } from "../../http/m365-status.js";
import { SignInRequiredError } from "./sign-in-required.js";

/** What the Graph client needs: a bearer token, fresh when asked. */
export interface TokenSource {
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export { SignInRequiredError } from "./sign-in-required.js";

export type { DeviceCodeInfo } from "../../http/m365-status.js";

export interface M365AuthOptions {
  cachePlugin: ICachePlugin;
  log: Logger;
}

export class M365Auth implements TokenSource {
  private readonly app: PublicClientApplication;
  /** What a sign-in asks for (the settings' scopes). */
  private scopes: string[];
  /** What the sign-in holds for sure: the scopes it was made with (at start, the settings' own). */
  private signedInScopes: string[];
  /** Scopes asked for since the sign-in that Entra would give only through a new sign-in (consent). */
  private waiting: string[] = [];

  constructor(
    config: M365Config,
    private readonly options: M365AuthOptions,
  ) {
    this.scopes = config.scopes;
    this.signedInScopes = config.scopes;
    const auth: Configuration["auth"] = {
      clientId: config.clientId,
      authority: config.authority,
      ...(config.knownAuthorities.length > 0 ? { knownAuthorities: config.knownAuthorities } : {}),
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
      ...(config.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: config.cloudDiscoveryMetadata } : {}),
    };
    const log = options.log;
    this.app = new PublicClientApplication({
      auth,
      cache: { cachePlugin: options.cachePlugin },
      system: {
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: 1, // Warning
          loggerCallback: (_level, message) => log("debug", "msal", { message }),
        },
      },
    });
  }

  async account(): Promise<AccountInfo | undefined> {
    const accounts = await this.app.getAllAccounts();
    return accounts[0];
  }

  /** `signal` stops the polling (msal-node checks its request's `cancel` flag before each poll). */
  async signInWithDeviceCode(onCode: (info: DeviceCodeInfo) => void, signal?: AbortSignal): Promise<AccountInfo> {
    const request = {
      scopes: this.scopes,
      cancel: false,
      deviceCodeCallback: (response: { userCode: string; verificationUri: string; message: string }) =>
        onCode({ userCode: response.userCode, verificationUri: response.verificationUri, message: response.message }),
    };
    // msal-node Object.assign()s its defaults onto this very object and polls `request.cancel` from it.
    signal?.addEventListener("abort", () => (request.cancel = true), { once: true });
    const result = await this.app.acquireTokenByDeviceCode(request);
    if (!result?.account) throw new SignInRequiredError("device code sign-in returned no account");
    this.granted();
    this.options.log("info", "signed in to Microsoft 365", { account: result.account.username, flow: "device-code" });
    return result.account;
  }

  /** System browser + loopback redirect (http://localhost:<random port>); `openBrowser` opens the URL. */
  async signInInteractive(openBrowser: (url: string) => Promise<void>, successTemplate?: string): Promise<AccountInfo> {
    const result = await this.app.acquireTokenInteractive({
      scopes: this.scopes,
      openBrowser,
      successTemplate:
        successTemplate ?? "<p>Signed in. You can close this window and return to the TelefUM bridge.</p>",
      errorTemplate: "<p>Sign-in failed: {{error}}</p>",
    });
    if (!result.account) throw new SignInRequiredError("interactive sign-in returned no account");
    this.granted();
    this.options.log("info", "signed in to Microsoft 365", { account: result.account.username, flow: "interactive" });
    return result.account;
  }

  /**
   * The settings changed their scopes (the team log's site permission): the next sign-in asks for them, and tokens
   * are asked for them at once; where Entra wants the user's consent first, the tokens stay as the sign-in was.
   */
  askFor(scopes: string[]): void {
    this.scopes = scopes;
    this.waiting = [];
  }

  /** Scopes asked for that only a new sign-in can give (the status tells the user). */
  needsSignInFor(scope: string): boolean {
    return this.waiting.includes(scope);
  }

  async getToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const account = await this.account();
    if (!account) throw new SignInRequiredError("nobody is signed in");
    const forceRefresh = options.forceRefresh ?? false;
    const widened = this.scopes.filter((s) => !this.signedInScopes.includes(s));
    try {
      const scopes = widened.length > 0 && this.waiting.length === 0 ? this.scopes : this.signedInScopes;
      return (await this.app.acquireTokenSilent({ account, scopes, forceRefresh })).accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      // A scope the user has not consented to yet must not cost the sign-in everything else works with.
      if (widened.length > 0 && this.waiting.length === 0) {
        this.waiting = widened;
        this.options.log("warn", "a new permission needs a new sign-in", { scopes: widened.join(" ") });
        return this.getToken(options);
      }
      throw new SignInRequiredError(error.errorMessage || error.errorCode || "the stored sign-in is no longer valid");
    }
  }

  private granted(): void {
    this.signedInScopes = this.scopes;
    this.waiting = [];
  }

  async signOut(): Promise<void> {
    const cache = this.app.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
  }
}
