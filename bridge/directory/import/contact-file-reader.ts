/**
 * A vCard or CSV file read in pieces, each piece's contacts as soon as they are whole: a file of any size goes
 * through in bounded memory. A CSV contact carries the line it starts on, so a refused row can be found.
 */
import { basename, extname } from "node:path";
import { CsvRecordSplitter, csvRowReader, detectDelimiter, type CsvRowReader } from "./csv.js";
import { ContactFileError } from "./import-error.js";
import { readTextPieces } from "./text-decoding.js";
import { parseVCards, type ImportedContact } from "./vcard.js";

export type ContactFileFormat = "vcard" | "csv";

export interface FileContact extends ImportedContact {
  /** The file's line the contact starts on (CSV). */
  line?: number;
}

export interface ContactFilePiece {
  format: ContactFileFormat;
  contacts: FileContact[];
  bytesRead: number;
  totalBytes: number;
}

/** A record (a quoted field not closed, a vCard never ended) larger than this is no contact: the file is refused. */
const MAX_RECORD_CHARS = 4 << 20;

function formatOf(path: string, head: string): ContactFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".vcf" || ext === ".vcard" || /^\s*BEGIN:VCARD/im.test(head)) return "vcard";
  if (ext === ".csv" || ext === ".txt" || ext === "") return "csv";
  throw new ContactFileError(`${basename(path)}: unknown format (expected .vcf or .csv)`, "import.error.format", {
    file: basename(path),
  });
}

/** Cuts vCard text after its last complete card; the rest waits for the next piece. */
function vcardPieces(): (text: string, last: boolean) => ImportedContact[] {
  let pending = "";
  return (text, last) => {
    pending += text;
    const end = last ? pending.length : lastCardEnd(pending);
    if (end <= 0) {
      if (pending.length > MAX_RECORD_CHARS)
        throw new ContactFileError("a vCard has no END:VCARD", "import.error.vcardNotEnded");
      return [];
    }
    const whole = pending.slice(0, end);
    pending = pending.slice(end);
    return parseVCards(whole);
  };
}

function lastCardEnd(text: string): number {
  const at = text.toUpperCase().lastIndexOf("END:VCARD");
  if (at < 0) return -1;
  const newline = text.indexOf("\n", at);
  return newline < 0 ? -1 : newline + 1;
}

function csvPieces(): (text: string, last: boolean) => FileContact[] {
  let splitter: CsvRecordSplitter | undefined;
  let read: CsvRowReader | undefined;
  let first = true;
  return (text, last) => {
    if (first) {
      first = false;
      text = text.replace(/^\uFEFF/, "");
      splitter = new CsvRecordSplitter(detectDelimiter(text.split(/\r?\n/, 1)[0] ?? ""));
    }
    const contacts: FileContact[] = [];
    for (const record of splitter!.push(text, last)) {
      if (!read) {
        read = csvRowReader(record.fields);
        continue;
      }
      const contact = read(record.fields);
      if (contact) contacts.push({ ...contact, line: record.line });
    }
    if (splitter!.pending > MAX_RECORD_CHARS)
      throw new ContactFileError(
        `a quoted field opened on line ${splitter!.pendingLine} is never closed`,
        "import.error.quoteNotClosed",
        { line: splitter!.pendingLine },
      );
    return contacts;
  };
}

export function* readContactFile(path: string): Generator<ContactFilePiece> {
  let format: ContactFileFormat | undefined;
  let parse: ((text: string, last: boolean) => FileContact[]) | undefined;
  const pieces = readTextPieces(path);
  let piece = pieces.next();
  while (!piece.done) {
    const next = pieces.next();
    const { text, bytesRead, totalBytes } = piece.value;
    format ??= formatOf(path, text);
    parse ??= format === "vcard" ? vcardPieces() : csvPieces();
    yield { format, contacts: parse(text, next.done === true), bytesRead, totalBytes };
    piece = next;
  }
}
