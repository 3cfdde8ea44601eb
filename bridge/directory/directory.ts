/**
 * The local contact index: every contact the bridge can answer TelefUM from, in SQLite, matched by phone key.
 * One object over its three parts, for callers that use several: reading (contact-reader.ts), the remembered
 * choices (number-choices.ts) and the writes the syncs and the import make (contact-writer.ts). A caller that
 * needs one part takes that part's type.
 */
import type { Database } from "../store/database.js";
import { contactReader, type ContactReader } from "./contact-reader.js";
import { contactWriter, type ContactWriter } from "./contact-writer.js";
import type { DirectoryOptions } from "./directory-options.js";
import { numberChoices, type NumberChoices } from "./number-choices.js";
import { RecentPhoneKeys } from "./recent-keys.js";

export type { ContactReader, ContactWriter, DirectoryOptions, NumberChoices };

export type Directory = ContactReader & NumberChoices & ContactWriter & { readonly options: DirectoryOptions };

/** Reading and the remembered choices over one cache of number keys: a number is parsed once per lookup. */
export function readingParts(
  db: Database,
  options: DirectoryOptions,
): { reader: ContactReader; choices: NumberChoices } {
  const keys = new RecentPhoneKeys(options.defaultRegion);
  const choices = numberChoices(db, keys);
  return { choices, reader: contactReader(db, options, choices, keys) };
}

export function openDirectory(db: Database, options: DirectoryOptions): Directory {
  const { reader, choices } = readingParts(db, options);
  return { options, ...reader, ...choices, ...contactWriter(db, options, reader) };
}
