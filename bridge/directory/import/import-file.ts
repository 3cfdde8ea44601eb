/** Imports a vCard or CSV file into the index; importing the same file again updates, never duplicates. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { bulkWrite } from "../../store/bulk-write.js";
import type { Database } from "../../store/database.js";
import type { ContactWriter } from "../contact-writer.js";
import { parseContactsCsv } from "./csv.js";
import { decodeTextFile } from "./text-decoding.js";
import { parseVCards, type ImportedContact } from "./vcard.js";

export interface ImportResult {
  file: string;
  format: "vcard" | "csv";
  imported: number;
  skipped: { name: string; reason: string }[];
}

export function parseContactsFile(path: string): { format: ImportResult["format"]; contacts: ImportedContact[] } {
  const text = decodeTextFile(readFileSync(path));
  const ext = extname(path).toLowerCase();
  const looksLikeVCard = /^\s*BEGIN:VCARD/im.test(text);
  if (ext === ".vcf" || ext === ".vcard" || looksLikeVCard) return { format: "vcard", contacts: parseVCards(text) };
  if (ext === ".csv" || ext === ".txt" || ext === "") return { format: "csv", contacts: parseContactsCsv(text) };
  throw new Error(`${basename(path)}: unknown format (expected .vcf or .csv)`);
}

/** Same person with the same numbers → same key, so a re-import updates the contact in place. */
function importKey(contact: ImportedContact): string {
  const identity = [contact.name.toLowerCase(), ...contact.phones.map((p) => p.number.replace(/\D/g, "")).sort()].join(
    "|",
  );
  return `file:${createHash("sha256").update(identity).digest("hex").slice(0, 32)}`;
}

/** Contacts per transaction: one commit per contact would cost more than the writing itself. */
const CONTACTS_PER_TRANSACTION = 2000;

export function importContactsFile(directory: Pick<ContactWriter, "write">, db: Database, path: string): ImportResult {
  const { format, contacts } = parseContactsFile(path);
  const skipped: ImportResult["skipped"] = [];
  const wanted = contacts.filter((contact) => {
    if (contact.phones.length > 0) return true;
    skipped.push({ name: contact.name, reason: "no phone number" });
    return false;
  });
  bulkWrite(db, () => {
    for (let start = 0; start < wanted.length; start += CONTACTS_PER_TRANSACTION) {
      db.transaction(() => {
        for (const contact of wanted.slice(start, start + CONTACTS_PER_TRANSACTION))
          directory.write({ source: "import", externalId: importKey(contact), folderId: null, ...contact });
      });
    }
  });
  return { file: path, format, imported: wanted.length, skipped };
}
