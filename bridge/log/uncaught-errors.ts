/**
 * The long-running bridge's last resort: an error nothing else caught (a socket 'error' nobody listened to, a
 * promise nobody awaited) is logged and the bridge keeps serving, since one bad request or frame must not leave
 * TelefUM without caller names. Installed only once the bridge has started: a failing start still exits with its
 * message.
 */
import type { Logger } from "./log.js";

/** Installs the handlers; the answer removes them again. */
export function keepServingOnUncaughtErrors(log: Logger): () => void {
  const report =
    (kind: string) =>
    (error: unknown): void => {
      const detail = error instanceof Error ? { reason: error.message, stack: error.stack } : { reason: String(error) };
      log("error", "uncaught error; the bridge keeps serving", { kind, ...detail });
    };
  const onException = report("exception");
  const onRejection = report("rejection");
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return () => {
    process.off("uncaughtException", onException);
    process.off("unhandledRejection", onRejection);
  };
}
