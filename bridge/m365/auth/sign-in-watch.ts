/**
 * Notices a sign-in made by another process (`bridge signin` writes the shared token cache): while nobody is
 * signed in here, the token cache is re-read every so often and a new account is handed to `onFound`.
 * An account that was just found not to work (revoked sign-in) is ignored until the cache holds a new sign-in of it,
 * so a dead sign-in is not re-activated over and over.
 */
import type { AccountInfo } from "@azure/msal-node";
import type { Logger } from "../../log/log.js";
import { errorMessage } from "../../log/error-message.js";

export interface SignInWatchDeps {
  /** The account in the token cache (re-read from the cache each time). */
  account(): Promise<AccountInfo | undefined>;
  isSignedIn(): boolean;
  onFound(account: AccountInfo): void;
  log: Logger;
}

/** Same account and same ID token = the same sign-in; a new sign-in gets a new ID token. */
function fingerprint(account: AccountInfo | undefined): string | undefined {
  return account ? `${account.homeAccountId}\n${account.idToken ?? ""}` : undefined;
}

export class SignInWatch {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<boolean> | undefined;
  private dismissed: Promise<string | undefined> | undefined;
  private stopped = false;
  private suspended = 0;
  /** Bumped whenever the cache may change under a running check (sign-out): that check's account is stale. */
  private epoch = 0;

  constructor(
    private readonly deps: SignInWatchDeps,
    private readonly intervalMs: number,
  ) {}

  /** Checks every `intervalMs` (never when it is 0 or less); the timer does not keep the process alive. */
  start(): void {
    this.stopped = false;
    if (this.timer || this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.checkNow(), this.intervalMs);
    this.timer.unref?.();
  }

  /** One check now (joins a running one); true when it handed an account to `onFound`. */
  checkNow(): Promise<boolean> {
    this.current ??= this.check().finally(() => (this.current = undefined));
    return this.current;
  }

  /** The sign-in now in the cache does not work: skip it until the cache holds another one. */
  dismissCurrent(): void {
    this.dismissed = this.deps.account().then(fingerprint, () => undefined);
  }

  /** Any account found from now on is taken (after a sign-out or a sign-in made here). */
  forget(): void {
    this.dismissed = undefined;
  }

  /** Runs `change` (a sign-out) with no account handed over meanwhile, nor one read before it ended. */
  async suspendWhile<T>(change: () => Promise<T>): Promise<T> {
    this.suspended++;
    this.epoch++;
    try {
      return await change();
    } finally {
      this.suspended--;
      this.epoch++;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private async check(): Promise<boolean> {
    const quiet = () => this.stopped || this.suspended > 0 || this.deps.isSignedIn();
    if (quiet()) return false;
    const epoch = this.epoch;
    try {
      const account = await this.deps.account();
      if (!account) return false;
      const dismissed = await this.dismissed;
      if (dismissed !== undefined && dismissed === fingerprint(account)) return false;
      if (quiet() || epoch !== this.epoch) return false;
      this.dismissed = undefined;
      this.deps.log("info", "Microsoft 365 sign-in found in the token cache", { account: account.username });
      this.deps.onFound(account);
      return true;
    } catch (error) {
      this.deps.log("debug", "could not read the Microsoft 365 token cache", { reason: errorMessage(error) });
      return false;
    }
  }
}
