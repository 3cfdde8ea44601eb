import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { importContactsFile, parseContactsFile } from "../../bridge/directory/import/import-file.js";
import { parseVCards } from "../../bridge/directory/import/vcard.js";
import { CsvRecordSplitter, parseContactsCsv, parseCsvRecords } from "../../bridge/directory/import/csv.js";
import { openTestStore } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function qp(text: string): string {
  return [...iconv.encode(text, "win1251")].map((b) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

describe("vCard import", () => {
  it("reads Outlook's vCard 2.1 with QUOTED-PRINTABLE windows-1251 and soft line breaks", () => {
    const name = qp("Петров;Вася");
    const company = qp('Агенство "Меридиан"');
    const vcf = [
      "BEGIN:VCARD",
      "VERSION:2.1",
      `N;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:${name}`,
      `FN;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:${qp("Вася")}=`,
      `${qp(" Петров")}`,
      `ORG;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:${company}`,
      `NOTE;CHARSET=windows-1251;ENCODING=QUOTED-PRINTABLE:${qp("Хороший человек")}=0D=0A${qp("вторая строка")}`,
      "TEL;CELL;VOICE:+380 67 535 53 55",
      "TEL;WORK;VOICE:(044) 123-45-67",
      "TEL;WORK;FAX:(044) 123-45-00",
      "EMAIL;PREF;INTERNET:vasya@meridian.example",
      "END:VCARD",
      "",
    ].join("\r\n");
    expect(parseVCards(vcf)).toEqual([
      {
        name: "Вася Петров",
        company: 'Агенство "Меридиан"',
        note: "Хороший человек",
        email: "vasya@meridian.example",
        phones: [
          { number: "+380 67 535 53 55", kind: "mobile" },
          { number: "(044) 123-45-67", kind: "business" },
        ],
      },
    ]);
  });

  it("reads vCard 3.0 and 4.0 with folding, escapes and TYPE parameters", () => {
    const vcf = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Коваль;Олена;;;",
      "FN:Олена Коваль",
      "ORG:ТОВ Ромашка\\, філія;Бухгалтерія",
      "NOTE:Дуже довга нотатка що переноситься",
      "  на другий рядок",
      "TEL;TYPE=CELL:+380501112233",
      "TEL;TYPE=work,voice:044 123 45 67",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:4.0",
      "FN:Internal",
      'TEL;VALUE=uri;TYPE="voice,home":tel:101',
      "END:VCARD",
    ].join("\n");
    const [olena, internal] = parseVCards(vcf);
    expect(olena).toEqual({
      name: "Олена Коваль",
      company: "ТОВ Ромашка, філія",
      note: "Дуже довга нотатка що переноситься на другий рядок",
      email: "",
      phones: [
        { number: "+380501112233", kind: "mobile" },
        { number: "044 123 45 67", kind: "business" },
      ],
    });
    expect(internal).toEqual({
      name: "Internal",
      company: "",
      note: "",
      email: "",
      phones: [{ number: "101", kind: "home" }],
    });
  });
});

describe("CSV import", () => {
  it("splits records: doubled quotes, line breaks in quotes, text after a closing quote, an unclosed quote", () => {
    expect(parseCsvRecords('a,"b""c",d\r\n"x\ny",,z\r\n"ab"cd,e\nab"c,d\n\n"open', ",")).toEqual([
      ["a", 'b"c', "d"],
      ["x\ny", "", "z"],
      ["abcd", "e"],
      ['ab"c', "d"],
      ["open"],
    ]);
  });

  it("reads Outlook's English export (comma, quoted fields with commas and quotes)", () => {
    const csv = [
      '"First Name","Middle Name","Last Name","Company","Job Title",' +
        '"Business Phone","Business Fax","Mobile Phone","E-mail Address","Notes"',
      '"Vasya","","Petrov","Meridian, ""Agency""","Manager",' +
        '"+380 44 123 45 67","+380 44 123 45 00","0675355355","vasya@example.com","Good man"',
      '"","","","","","","","","",""',
    ].join("\r\n");
    expect(parseContactsCsv(csv)).toEqual([
      {
        name: "Vasya Petrov",
        company: 'Meridian, "Agency"',
        note: "Good man",
        email: "vasya@example.com",
        phones: [
          { number: "+380 44 123 45 67", kind: "business" },
          { number: "0675355355", kind: "mobile" },
        ],
      },
    ]);
  });

  it("reads Outlook's Russian export with semicolons, in windows-1251 from a file", () => {
    const dir = tempDir();
    const file = join(dir, "contacts.csv");
    const csv = [
      "Имя;Отчество;Фамилия;Организация;Рабочий телефон;Телефон переносной;Заметки",
      'Вася;;Петров;"Агенство ""Меридиан""";;+380 67 535 53 55;"Хороший человек\r\nвторая строка"',
    ].join("\r\n");
    writeFileSync(file, iconv.encode(csv, "win1251"));
    expect(parseContactsFile(file)).toEqual({
      format: "csv",
      contacts: [
        {
          name: "Вася Петров",
          company: 'Агенство "Меридиан"',
          note: "Хороший человек",
          email: "",
          phones: [{ number: "+380 67 535 53 55", kind: "mobile" }],
        },
      ],
    });
  });

  it("reads Google's export with several numbers in one cell", () => {
    const csv = [
      "Name,Given Name,Family Name,Organization 1 - Name,Phone 1 - Type,Phone 1 - Value,E-mail 1 - Value",
      "Іван Сидоренко,Іван,Сидоренко,ТОВ Ромашка,Mobile,+380 50 111 22 33 ::: 044 123 45 67,ivan@example.com",
    ].join("\n");
    expect(parseContactsCsv(csv)).toEqual([
      {
        name: "Іван Сидоренко",
        company: "ТОВ Ромашка",
        note: "",
        email: "ivan@example.com",
        phones: [
          { number: "+380 50 111 22 33", kind: "other" },
          { number: "044 123 45 67", kind: "other" },
        ],
      },
    ]);
  });

  it("refuses a CSV without a phone column with a clear error", () => {
    expect(() => parseContactsCsv("Name,Company\nA,B\n")).toThrow(/no phone column among: Name, Company/);
  });

  it("splits records the same whichever pieces the text comes in, each with the line it starts on", () => {
    const text = 'Name,Phone\r\n"Ann ""A""\r\nSmith",0671\r\n\r\nBob,"0672"\r\nEve,0673';
    const whole = new CsvRecordSplitter(",").push(text, true);
    expect(whole).toEqual([
      { fields: ["Name", "Phone"], line: 1 },
      { fields: ['Ann "A"\r\nSmith', "0671"], line: 2 },
      { fields: ["Bob", "0672"], line: 5 },
      { fields: ["Eve", "0673"], line: 6 },
    ]);
    for (let size = 1; size < text.length; size++) {
      const splitter = new CsvRecordSplitter(",");
      const records = [];
      for (let at = 0; at < text.length; at += size) records.push(...splitter.push(text.slice(at, at + size)));
      records.push(...splitter.push("", true));
      expect(records, `pieces of ${size}`).toEqual(whole);
    }
  });
});

describe("importing into the index", () => {
  it("makes imported contacts answerable, skips ones without numbers, and updates in place on re-import", () => {
    const dir = tempDir();
    const { db, directory } = openTestStore(dir);
    const file = join(dir, "book.vcf");
    const card = (note: string): string =>
      ["BEGIN:VCARD", "VERSION:3.0", "FN:Вася Петров", `NOTE:${note}`, "TEL:0675355355", "END:VCARD"].join("\r\n");
    writeFileSync(
      file,
      `\uFEFF${[card("перший"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Phone\r\nEND:VCARD"].join("\r\n")}`,
    );
    const first = importContactsFile(directory, db, file);
    expect(first).toEqual({
      file,
      format: "vcard",
      imported: 1,
      skipped: [{ name: "No Phone", reason: "noPhone" }],
      skippedCount: 1,
    });
    const [vasya] = directory.lookup("+380 67 535 53 55");
    expect(vasya).toMatchObject({ name: "Вася Петров", note: "перший", source: "import" });

    writeFileSync(file, card("другий"));
    importContactsFile(directory, db, file);
    expect(directory.lookup("0675355355").map((c) => [c.id, c.note])).toEqual([[vasya!.id, "другий"]]);
    expect(directory.count()).toBe(1);
  });

  it("imports thousands of contacts over several transactions and leaves the store's settings as they were", () => {
    const dir = tempDir();
    const { db, directory } = openTestStore(dir);
    const file = join(dir, "big.csv");
    const rows = Array.from({ length: 4500 }, (_, i) => `Person ${i},+38067${String(1_000_000 + i)}`);
    writeFileSync(file, `Name,Mobile Phone\r\n${rows.join("\r\n")}\r\n`);
    const settings = (): unknown[] => [
      db.prepare("PRAGMA synchronous").get(),
      db.prepare("PRAGMA wal_autocheckpoint").get(),
    ];
    const before = settings();
    expect(importContactsFile(directory, db, file)).toMatchObject({ format: "csv", imported: 4500, skippedCount: 0 });
    expect(directory.count("import")).toBe(4500);
    expect(directory.lookup("0671004499").map((c) => c.name)).toEqual(["Person 4499"]);
    expect(settings()).toEqual(before);
  });

  it("rejects an unknown file type", () => {
    const dir = tempDir();
    const file = join(dir, "contacts.xlsx");
    writeFileSync(file, "PK\u0003\u0004");
    expect(() => parseContactsFile(file)).toThrow(/contacts.xlsx: unknown format/);
  });
});
