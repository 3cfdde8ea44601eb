/**
 * CSV contact reader for Outlook (English, Russian, Ukrainian headers), Google and plain `name,phone,…` files.
 * Excel in Cyrillic locales saves with `;`, so the delimiter is detected from the header line.
 */
import type { ContactPhone, PhoneKind } from "../contact.js";
import { ContactFileError } from "./import-error.js";
import type { ImportedContact } from "./vcard.js";

export interface CsvRecord {
  fields: string[];
  /** The file's line the record starts on, from 1: what a person looks for when a row is reported. */
  line: number;
}

/**
 * RFC 4180 records from text that comes in pieces: quoted fields may hold delimiters, doubled quotes and line
 * breaks, so a record cut by the end of a piece waits for the next one. Characters are copied into a field as whole
 * runs (slices), not one by one: a 100 000-row file is parsed in a fraction of the time.
 */
export class CsvRecordSplitter {
  private rest = "";
  private line = 1;

  constructor(private readonly delimiter: string) {}

  /** Characters of a record not yet complete, and the line it starts on. */
  get pending(): number {
    return this.rest.length;
  }

  get pendingLine(): number {
    return this.line;
  }

  /** The records complete in what came so far; `last` = nothing more comes. Blank records are left out. */
  push(piece: string, last = false): CsvRecord[] {
    const text = this.rest + piece;
    const records: CsvRecord[] = [];
    let record: string[] = [];
    let field = "";
    let quoted = false;
    let recordStart = 0;
    let recordLine = this.line;
    let line = this.line;
    // Start of the characters that belong to `field` but are not copied into it yet.
    let run = 0;
    const flush = (end: number): void => {
      if (end > run) field += text.slice(run, end);
    };
    const close = (): void => {
      record.push(field);
      if (record.some((f) => f.trim().length > 0)) records.push({ fields: record, line: recordLine });
      record = [];
      field = "";
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (i + 1 === text.length && !last) break; // a doubled quote may be cut in two: wait for the next piece
          flush(i);
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
          run = i + 1;
        } else if (c === "\n") line++;
      } else if (c === '"' && field.length === 0 && run === i) {
        quoted = true;
        run = i + 1;
      } else if (c === this.delimiter) {
        flush(i);
        record.push(field);
        field = "";
        run = i + 1;
      } else if (c === "\n" || c === "\r") {
        if (c === "\r" && i + 1 === text.length && !last) break; // CR LF cut in two
        flush(i);
        if (c === "\r" && text[i + 1] === "\n") i++;
        line++;
        close();
        run = i + 1;
        recordStart = run;
        recordLine = line;
      }
    }
    if (last) {
      flush(text.length);
      if (field.length > 0 || record.length > 0) close();
      this.rest = "";
    } else {
      this.rest = text.slice(recordStart);
      this.line = recordLine;
    }
    return records;
  }
}

export function parseCsvRecords(text: string, delimiter: string): string[][] {
  return new CsvRecordSplitter(delimiter).push(text, true).map((r) => r.fields);
}

export function detectDelimiter(headerLine: string): string {
  const counts = [",", ";", "\t"].map((d) => ({ d, n: headerLine.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.d;
}

type Role = "full" | "first" | "middle" | "last" | "company" | "jobTitle" | "note" | "email" | "phone" | "ignore";

const ROLE_PATTERNS: [Role, RegExp][] = [
  ["ignore", /(fax|факс|type|тип|pager|пейджер)/],
  ["full", /^(name|full name|display name|contact name|фио|піб|полное имя|повне ім.я|имя и фамилия|ім.я та прізвище)$/],
  ["first", /^(first name|given name|имя|ім.я)$/],
  ["middle", /^(middle name|additional name|отчество|по батькові)$/],
  ["last", /^(last name|family name|surname|фамилия|прізвище)$/],
  [
    "company",
    /^(company|organization|organisation|organization 1 - name|организация|компания|організація|компанія|фирма)$/,
  ],
  ["jobTitle", /^(job title|organization 1 - title|должность|посада)$/],
  ["note", /^(notes?|comments?|заметки|примечания?|нотатки|примітки)$/],
  ["email", /(e-?mail|эл\. почт|електронн|электронн)/],
  ["phone", /(phone|tel|телефон|mobile|мобильн|мобільн)/],
];

function roleOf(header: string): Role {
  const h = header
    .trim()
    .toLowerCase()
    .replace(/\u2019/g, "'");
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(h))?.[0] ?? "ignore";
}

function phoneKindOf(header: string): PhoneKind {
  const h = header.toLowerCase();
  if (/(mobile|cell|мобил|мобіл|переносн|сотов)/.test(h)) return "mobile";
  if (/(business|work|company|office|рабоч|робоч|служеб)/.test(h)) return "business";
  if (/(home|домашн)/.test(h)) return "home";
  return "other";
}

/** A row of a file as a contact, by what its header says each column holds. */
export type CsvRowReader = (row: string[]) => ImportedContact | undefined;

export function csvRowReader(header: string[]): CsvRowReader {
  const roles = header.map(roleOf);
  const kinds = header.map(phoneKindOf);
  if (!roles.includes("phone")) {
    const columns = header.join(", ");
    throw new ContactFileError(`no phone column among: ${columns}`, "import.error.noPhoneColumn", { columns });
  }
  return (row) => {
    const of = (role: Role): string[] =>
      roles.flatMap((r, i) => (r === role && (row[i] ?? "").trim() ? [(row[i] ?? "").trim()] : []));
    const phones: ContactPhone[] = roles.flatMap((r, i) =>
      r === "phone"
        ? (row[i] ?? "")
            .split(":::") // Google joins several numbers in one cell
            .map((n) => n.trim())
            .filter((n) => /\d/.test(n))
            .map((number) => ({ number, kind: kinds[i]! }))
        : [],
    );
    const name = of("full")[0] ?? [...of("first"), ...of("middle"), ...of("last")].join(" ");
    if (!name && phones.length === 0) return undefined;
    return {
      name,
      company: of("company")[0] ?? "",
      note: (of("note")[0] ?? of("jobTitle")[0] ?? "").split(/\r?\n/)[0]!.trim(),
      email: of("email")[0] ?? "",
      phones,
    };
  };
}

export function parseContactsCsv(text: string): ImportedContact[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ""), detectDelimiter(firstLine));
  const [header, ...rows] = records;
  if (!header) return [];
  const read = csvRowReader(header);
  return rows.flatMap((row) => read(row) ?? []);
}
