/**
 * The `lookup` section of config.json: `{ "lookup": { "fromMail": "suggest" } }` (default) searches the mailbox for
 * an unknown number and offers the people found; "off" never does. A guess is only shown, never sent to TelefUM.
 */
import { asOneOf, ConfigSection } from "../config/config-checks.js";

export const FROM_MAIL_MODES = ["suggest", "off"] as const;

export interface LookupConfig {
  fromMail: (typeof FROM_MAIL_MODES)[number];
}

export function parseLookupConfig(raw: unknown): LookupConfig {
  return { fromMail: ConfigSection.of(raw, "lookup").get("fromMail", asOneOf(FROM_MAIL_MODES)) ?? "suggest" };
}
