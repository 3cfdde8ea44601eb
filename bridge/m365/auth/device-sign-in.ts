/**
 * One device code sign-in at a time: a second request while one is waiting joins it (same code), the code stays
 * readable while the user has not finished (a reloaded pane shows it again), and it can be cancelled.
 */
import type { AccountInfo } from "@azure/msal-node";
import type { SignInReason } from "../../api-contract/reasons.js";
import { errorMessage } from "../../log/error-message.js";
import { signInReason } from "./sign-in-reason.js";
import type { DeviceCodeInfo } from "../../http/m365-status.js";

type StartDeviceCode = (onCode: (info: DeviceCodeInfo) => void, signal: AbortSignal) => Promise<AccountInfo>;

interface Attempt {
  info: DeviceCodeInfo | undefined;
  waiting: ((info: DeviceCodeInfo) => void)[];
  abort: AbortController;
  done: Promise<AccountInfo>;
}

export class DeviceCodeSignIn {
  private current: Attempt | undefined;
  private error: unknown;
  private failed = false;

  constructor(private readonly start: StartDeviceCode) {}

  /** The code of the sign-in in progress, once the token service has issued it. */
  get pending(): DeviceCodeInfo | undefined {
    return this.current?.info;
  }

  /** Why the last attempt failed (not set for a cancelled one; cleared by a successful one). */
  get lastError(): string | undefined {
    return this.failed ? errorMessage(this.error) : undefined;
  }

  /** The last failure as a reason a person reads (no network, cancelled, consent…). */
  get lastReason(): SignInReason | undefined {
    return this.failed ? signInReason(this.error) : undefined;
  }

  /** Starts a sign-in, or joins the one in progress; `onCode` gets its code either way. */
  run(onCode: (info: DeviceCodeInfo) => void): Promise<AccountInfo> {
    const running = this.current;
    if (running) {
      if (running.info) onCode(running.info);
      else running.waiting.push(onCode);
      return running.done;
    }
    const attempt: Attempt = {
      info: undefined,
      waiting: [onCode],
      abort: new AbortController(),
      done: Promise.resolve(undefined as never),
    };
    this.current = attempt;
    const signal = attempt.abort.signal;
    attempt.done = this.start((info) => {
      attempt.info = info;
      for (const listener of attempt.waiting.splice(0)) listener(info);
    }, signal).then(
      (account) => {
        this.failed = false;
        this.error = undefined;
        return account;
      },
      (error: unknown) => {
        if (!signal.aborted) [this.failed, this.error] = [true, error];
        throw error;
      },
    );
    void attempt.done
      .catch(() => undefined)
      .finally(() => {
        if (this.current === attempt) this.current = undefined;
      });
    return attempt.done;
  }

  /** Stops waiting for the user (sign-out, shutdown); the attempt's promise rejects. */
  cancel(): void {
    this.current?.abort.abort();
    this.current = undefined;
  }
}
