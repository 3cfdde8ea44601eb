/**
 * The Microsoft 365 sign-in as the running bridge lives it. Signed in: the core uses the Outlook card opener and
 * contact creator, and the background work (timed sync, outbox worker) runs. Signed out, or the sign-in stopped
 * working: the core's own adapters are back and the background work stops. While nobody is signed in, the sign-in
 * watch picks up a sign-in made by another process (`bridge signin`) from the shared token cache.
 */
import type { AccountInfo } from "@azure/msal-node";
import { ReasonError, type SignInReason } from "../../api-contract/reasons.js";
import { emitFailure } from "../../core/emit-failure.js";
import type { AdapterHost, CardOpener, ContactCreator, Restore } from "../../core/ports.js";
import type { Logger } from "../../log/log.js";
import { DeviceCodeSignIn } from "./device-sign-in.js";
import { signInReason } from "./sign-in-reason.js";
import { errorMessage } from "../../log/error-message.js";
import type { UrlOpener } from "../../desktop/launchers.js";
import { SignInWatch } from "./sign-in-watch.js";
import type { DeviceCodeInfo } from "../../http/m365-status.js";

/** What the session needs from MSAL (M365Auth). */
export interface SessionAuth {
  /** The account in the token cache, re-read each time. */
  account(): Promise<AccountInfo | undefined>;
  signInWithDeviceCode(onCode: (info: DeviceCodeInfo) => void, signal?: AbortSignal): Promise<AccountInfo>;
  signInInteractive(openBrowser: UrlOpener): Promise<AccountInfo>;
  signOut(): Promise<void>;
}

/** How background work (the outbox worker, the timed sync) checks and gives up the sign-in, through GET /me. */
export interface SignInCheck {
  /** True when Graph confirms that only a new sign-in helps. */
  confirmLost(): Promise<boolean>;
  lost(reason: string): void;
}

/** Work that runs only while signed in. */
export interface SignedInWork {
  start(): void;
  stop(): Promise<void>;
}

export interface M365SessionDeps {
  auth: SessionAuth;
  core: AdapterHost;
  /** Put in place in the core while signed in. */
  adapters: { cardOpener: CardOpener; contactCreator: ContactCreator };
  /** Started on sign-in, stopped on sign-out; none for one-shot commands. */
  whileSignedIn: SignedInWork[];
  /** Clears what the account left in the store (sync state) once it has signed out. */
  forgetAccountData(): void;
  /** While nobody is signed in, how often to look for a sign-in made elsewhere (0 or less: never). */
  signInCheckMs: number;
  log: Logger;
}

export class M365Session {
  private restoreAdapters: Restore[] = [];
  private user: string | undefined;
  private stopped = false;
  /** The sign-in stopped working here (lost()), until someone signs in again. */
  lostSignIn = false;
  /** The browser sign-in's failure (from the tray), kept so the status can say why. */
  private browserFailure: { error: unknown } | undefined;
  private readonly deviceSignIn: DeviceCodeSignIn;
  private readonly watch: SignInWatch;

  constructor(private readonly deps: M365SessionDeps) {
    this.deviceSignIn = new DeviceCodeSignIn((onCode, signal) => deps.auth.signInWithDeviceCode(onCode, signal));
    this.watch = new SignInWatch(
      {
        account: () => deps.auth.account(),
        isSignedIn: () => this.signedIn,
        onFound: (found) => {
          this.activate(found.username);
          this.deviceSignIn.cancel(); // signed in elsewhere: the code shown here is moot
        },
        log: deps.log,
      },
      deps.signInCheckMs,
    );
  }

  get signedIn(): boolean {
    return this.restoreAdapters.length > 0;
  }

  /** The last account signed in (kept after the sign-in stopped working, so the status says whose it was). */
  get account(): string | undefined {
    return this.user;
  }

  /** The code of a device code sign-in that is waiting for the user. */
  get deviceCode(): DeviceCodeInfo | undefined {
    return this.deviceSignIn.pending;
  }

  get signInError(): string | undefined {
    return this.browserFailure ? errorMessage(this.browserFailure.error) : this.deviceSignIn.lastError;
  }

  /** Why the last sign-in started here failed (the browser's from the tray, else the device code's). */
  get signInReason(): SignInReason | undefined {
    return this.browserFailure ? signInReason(this.browserFailure.error) : this.deviceSignIn.lastReason;
  }

  /** Takes up the sign-in the token cache holds, if any, then watches for one made elsewhere. */
  async resume(): Promise<void> {
    const cached = await this.deps.auth.account();
    if (cached) this.activate(cached.username);
    else this.deps.log("info", "Microsoft 365 is configured but nobody is signed in");
    this.watch.start();
  }

  /** A call while one is waiting joins it (same code). */
  async signInWithDeviceCode(onCode: (info: DeviceCodeInfo) => void): Promise<{ account: string }> {
    this.browserFailure = undefined;
    return this.signedInHere((await this.deviceSignIn.run(onCode)).username);
  }

  async signInInteractive(openBrowser: UrlOpener): Promise<{ account: string }> {
    this.browserFailure = undefined;
    try {
      return this.signedInHere((await this.deps.auth.signInInteractive(openBrowser)).username);
    } catch (error) {
      this.browserFailure = { error };
      throw error;
    }
  }

  /** The sign-in stopped working (revoked, say): back to the local adapters, reported as a failure. */
  lost(reason: string): void {
    if (!this.signedIn) return;
    // Until the cache holds a new sign-in, the watch must not bring this dead one back.
    this.watch.dismissCurrent();
    this.deactivate();
    this.lostSignIn = true;
    // Signed out for good: the token cache says so to every process (`bridge status`, the tray, the next start).
    void this.deps.auth.signOut().catch((error: unknown) =>
      this.deps.log("warn", "could not remove the lost sign-in from the token cache", {
        reason: (error as Error).message,
      }),
    );
    this.deps.log("warn", "signed out of Microsoft 365: the sign-in no longer works", { reason });
    const why = new ReasonError("SIGNED_OUT", reason, { detail: reason });
    emitFailure(this.deps.core.events, "microsoft365", why);
  }

  /** More work while signed in (the store takes writes again after a read-only start): started now if signed in. */
  addWork(work: SignedInWork[]): void {
    this.deps.whileSignedIn.push(...work);
    if (this.signedIn) for (const w of work) w.start();
  }

  /** Forgets the sign-in (and cancels a device code sign-in that is waiting). */
  async signOut(): Promise<void> {
    this.deviceSignIn.cancel();
    // The watch must not see the account again while it is being removed from the cache.
    await this.watch.suspendWhile(async () => {
      this.deactivate();
      this.deps.log("info", "signed out of Microsoft 365", { ...(this.user ? { account: this.user } : {}) });
      await this.deps.auth.signOut();
      this.deps.forgetAccountData();
      this.user = undefined;
      this.watch.forget();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.deviceSignIn.cancel();
    await this.watch.stop();
  }

  private signedInHere(username: string): { account: string } {
    this.watch.forget();
    this.activate(username);
    return { account: username };
  }

  private activate(username: string): void {
    if (this.stopped) return;
    this.user = username;
    this.lostSignIn = false;
    if (this.signedIn) return;
    const { core, adapters } = this.deps;
    this.restoreAdapters = [core.useCardOpener(adapters.cardOpener), core.useContactCreator(adapters.contactCreator)];
    for (const work of this.deps.whileSignedIn) work.start();
  }

  private deactivate(): void {
    if (!this.signedIn) return;
    for (const restore of this.restoreAdapters.splice(0)) restore();
    for (const work of this.deps.whileSignedIn) void work.stop();
  }
}
