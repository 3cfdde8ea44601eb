/** `bridge lookup <number>`: the exact reply TelefUM would get, from the store `start` uses. */
import { openStore } from "../app/open-store.js";
import { ConfigError } from "../config/config-checks.js";
import { loadConfig } from "../config/config.js";
import { buildContactReply } from "../core/contact-reply.js";
import { formatMessage, parseMessage } from "../protocol/codec.js";
import { overridesFrom, type Values } from "./options.js";

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`--${name} must be a number, got "${value}"`);
  return Number(value);
}

export function lookup(values: Values, number: string | undefined): number {
  if (!number) throw new ConfigError("lookup needs a phone number: bridge lookup 0675355355");
  const device = positiveInt(values.device, "device", 1);
  const line = positiveInt(values.line, "line", 1);
  const query = parseMessage(`CONTACT?^${number}^${device}^${line}^`);
  if (!query.ok || query.message.command !== "CONTACT?")
    throw new ConfigError(query.ok ? "not a lookup" : query.error.message);
  const config = loadConfig(overridesFrom(values));
  const { db, directory } = openStore(config, { seed: true });
  try {
    process.stdout.write(`${formatMessage(buildContactReply(query.message, directory.lookup(number)).reply)}\n`);
  } finally {
    db.close();
  }
  return 0;
}
