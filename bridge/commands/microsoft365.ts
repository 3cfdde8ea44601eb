/** `bridge signin` and `bridge status`: Microsoft 365 from the command line. */
import { startBridge } from "../app.js";
import { CallJournal } from "../calls/call-journal.js";
import { ConfigError } from "../config/config-checks.js";
import { loadConfig } from "../config/config.js";
import { createLogger } from "../log/log.js";
import { LoopbackTransport } from "../transport/loopback.js";
import { translator, type Translator } from "../i18n/i18n.js";
import { systemLanguage } from "../i18n/language.js";
import type { Microsoft365 } from "../m365/microsoft365.js";
import { overridesFrom, type Values } from "./options.js";
import { progressBar } from "./progress-bar.js";

/** How often the first sync's count is read for its progress bar. */
const PROGRESS_POLL_MS = 250;

/** The first sync, with its count shown as it grows (the total of a first delta round is not known). */
async function withProgress(m365: Microsoft365, words: Translator): Promise<void> {
  const bar = progressBar(process.stdout, words, words.t("progress.syncLabel"));
  const show = async (): Promise<void> => {
    const progress = (await m365.status()).sync?.progress;
    if (progress) bar.update(progress.done, progress.total ? progress.done / progress.total : undefined);
  };
  const timer = setInterval(() => void show().catch(() => undefined), PROGRESS_POLL_MS);
  try {
    await m365.syncNow();
  } finally {
    clearInterval(timer);
    bar.finish();
  }
}

/**
 * A bridge without transport or web server, so the token cache and the first sync land in the same store the
 * running bridge uses (it reads the cache before every token use).
 */
export async function microsoft365(values: Values, action: "signin" | "status"): Promise<number> {
  const config = loadConfig({ ...overridesFrom(values), http: false });
  // No background work: a running bridge may own the sync and the call outbox right now.
  const bridge = await startBridge(config, {
    transport: new LoopbackTransport("cli"),
    log: createLogger(undefined, "warn"),
    background: false,
  });
  try {
    if (!bridge.m365.enabled) {
      throw new ConfigError(
        `Microsoft 365 is not configured: add "microsoft365": { "clientId": "<app id>" } ` +
          `to ${config.dataDir}/config.json`,
      );
    }
    if (action === "signin") {
      const { account } = values.browser
        ? await bridge.m365.signInInteractive()
        : await bridge.m365.signInWithDeviceCode((info) => process.stdout.write(`${info.message}\n`));
      process.stdout.write(`signed in as ${account}; syncing contacts…\n`);
      await withProgress(bridge.m365, translator(values.lang ? systemLanguage(values.lang) : config.language));
    }
    // Read from the file: only the running bridge replays the journal, so this one-shot command holds none of it.
    const waiting = new CallJournal(config.fallbackJournal).read().entries.length;
    const journal = { journal: { waiting, path: config.fallbackJournal } };
    // Which app and tenant this PC signs in to, and which settings an administrator's policy decided.
    const settings = { clientId: config.microsoft365.clientId, authority: config.microsoft365.authority };
    const managed = { settings, managed: config.managed };
    process.stdout.write(`${JSON.stringify({ ...(await bridge.m365.status()), ...journal, ...managed }, null, 2)}\n`);
    return 0;
  } finally {
    await bridge.stop();
  }
}
