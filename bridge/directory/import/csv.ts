/**
 * CSV contact reader for Outlook (English, Russian, Ukrainian headers), Google and plain `name,phone,…` files.
 * Excel in Cyrillic locales saves with `;`, so the delimiter is detected from the header line.
 */
import type { ContactPhone, PhoneKind } from "../contact.js";
import type { ImportedContact } from "./vcard.js";

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. Characters are copied into a
 * field as whole runs (slices), not one by one: a 100 000-row file is parsed in a fraction of the time.
 */
export function parseCsvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  // Start of the characters that belong to `field` but are not copied into it yet.
  let run = 0;
  const flush = (end: number): void => {
    if (end > run) field += text.slice(run, end);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        flush(i);
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
        run = i + 1;
      }
    } else if (c === '"' && field.length === 0 && run === i) {
      quoted = true;
      run = i + 1;
    } else if (c === delimiter) {
      flush(i);
      record.push(field);
      field = "";
      run = i + 1;
    } else if (c === "\n" || c === "\r") {
      flush(i);
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      run = i + 1;
    }
  }
  flush(text.length);
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim().length > 0));
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

export function parseContactsCsv(text: string): ImportedContact[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ""), detectDelimiter(firstLine));
  const [header, ...rows] = records;
  if (!header) return [];
  const roles = header.map(roleOf);
  const kinds = header.map(phoneKindOf);
  if (!roles.includes("phone")) throw new Error(`no phone column among: ${header.join(", ")}`);
  const contacts: ImportedContact[] = [];
  for (const row of rows) {
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
    if (!name && phones.length === 0) continue;
    contacts.push({
      name,
      company: of("company")[0] ?? "",
      note: (of("note")[0] ?? of("jobTitle")[0] ?? "").split(/\r?\n/)[0]!.trim(),
      email: of("email")[0] ?? "",
      phones,
    });
  }
  return contacts;
}
