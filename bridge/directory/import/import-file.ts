/**
 * Imports a vCard or CSV file into the index as it is read, piece by piece, so memory stays bounded whatever the
 * file's size; importing the same file again updates, never duplicates. A contact without a number is skipped and
 * reported (with its line in a CSV); the rest go in.
 */
import { createHash } from "node:crypto";
import { bulkWrite } from "../../store/bulk-write.js";
import type { Database } from "../../store/database.js";
import type { ContactWriter } from "../contact-writer.js";
import { type ContactFileFormat, type FileContact, readContactFile } from "./contact-file-reader.js";
import type { ImportedContact } from "./vcard.js";

export interface SkippedContact {
  name: string;
  reason: "noPhone";
  line?: number;
}

export interface ImportResult {
  file: string;
  format: ContactFileFormat;
  imported: number;
  /** The first MAX_SKIPPED_LISTED skipped contacts; `skippedCount` counts them all. */
  skipped: SkippedContact[];
  skippedCount: number;
}

export interface ImportProgress {
  imported: number;
  bytesRead: number;
  totalBytes: number;
}

/** A file of nothing but bad rows must not grow the report without bound. */
const MAX_SKIPPED_LISTED = 100;

/** Every contact of a file, read whole: for tools and tests that want the list. */
export function parseContactsFile(path: string): { format: ContactFileFormat; contacts: ImportedContact[] } {
  let format: ContactFileFormat = "csv";
  const contacts: ImportedContact[] = [];
  for (const piece of readContactFile(path)) {
    format = piece.format;
    for (const { line: _line, ...contact } of piece.contacts) contacts.push(contact);
  }
  return { format, contacts };
}

/** Same person with the same numbers → same key, so a re-import updates the contact in place. */
function importKey(contact: ImportedContact): string {
  const identity = [contact.name.toLowerCase(), ...contact.phones.map((p) => p.number.replace(/\D/g, "")).sort()].join(
    "|",
  );
  return `file:${createHash("sha256").update(identity).digest("hex").slice(0, 32)}`;
}

export function importContactsFile(
  directory: Pick<ContactWriter, "write">,
  db: Database,
  path: string,
  onProgress?: (progress: ImportProgress) => void,
): ImportResult {
  const result: ImportResult = { file: path, format: "csv", imported: 0, skipped: [], skippedCount: 0 };
  const skip = ({ name, line }: FileContact): void => {
    result.skippedCount++;
    if (result.skipped.length < MAX_SKIPPED_LISTED)
      result.skipped.push(line === undefined ? { name, reason: "noPhone" } : { name, reason: "noPhone", line });
  };
  bulkWrite(db, () => {
    // One transaction per piece of the file (about 1 MiB, thousands of contacts): a commit per contact would cost
    // more than the writing itself.
    for (const piece of readContactFile(path)) {
      result.format = piece.format;
      db.transaction(() => {
        for (const contact of piece.contacts) {
          if (contact.phones.length === 0) {
            skip(contact);
            continue;
          }
          const { line: _line, ...fields } = contact;
          directory.write({ source: "import", externalId: importKey(fields), folderId: null, ...fields });
          result.imported++;
        }
      });
      onProgress?.({ imported: result.imported, bytesRead: piece.bytesRead, totalBytes: piece.totalBytes });
    }
  });
  return result;
}
