/**
 * Publishes our window handle as hwndProgr and takes it back ("0") however the process ends:
 * stop(), process exit (which Node also runs after an uncaught exception), and console signals.
 * TelefUM reads the value before sending, so a stale handle would make it talk to a dead window.
 */
import { readUserString, writeUserString } from "../../win32/index.js";
import { OUR_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
type Signal = (typeof SIGNALS)[number];
const SIGNAL_EXIT_CODES: Record<Signal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 };

export class HandlePublication {
  private published = false;
  private readonly onExit = (): void => this.withdraw();
  private readonly onSignal = (signal: Signal): void => {
    this.withdraw();
    // Listening to a signal cancels Node's default "terminate"; keep that default when nobody else
    // (such as the CLI's graceful shutdown, registered after us) is there to end the process.
    if (process.listenerCount(signal) <= 1) process.exit(SIGNAL_EXIT_CODES[signal]);
  };

  constructor(
    private readonly subKey: string,
    private readonly valueName: string,
    private readonly handle: string,
  ) {}

  publish(): void {
    writeUserString(this.subKey, this.valueName, this.handle);
    this.published = true;
    process.on("exit", this.onExit);
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** Writes "0" unless another bridge has since published its own handle there. Safe to call twice. */
  withdraw(): void {
    if (!this.published) return;
    this.published = false;
    process.off("exit", this.onExit);
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    try {
      if (readUserString(this.subKey, this.valueName) === this.handle)
        writeUserString(this.subKey, this.valueName, "0");
    } catch {
      // Exit paths cannot report anything useful; TelefUM's IsWindow check covers a leftover handle.
    }
  }
}

/** Sets a leftover handle back to "0" (the uninstaller, once no bridge runs: whatever is there is stale). */
export function withdrawLeftoverHandle(subKey = TELEFUM_SENDMSG_KEY, valueName = OUR_HANDLE_VALUE): void {
  const left = readUserString(subKey, valueName);
  if (left !== undefined && left !== "0") writeUserString(subKey, valueName, "0");
}
