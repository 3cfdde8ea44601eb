import { describe, expect, it } from "vitest";
import { buildContactReply, MAX_REPLY_IDS } from "../../bridge/core/contact-reply.js";
import { LOOKUP_QUERIES } from "../../bridge/directory/contact-rows.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import type { Directory } from "../../bridge/directory/directory.js";
import { formatMessage } from "../../bridge/protocol/codec.js";
import { contact, openTestStore, seedSpecExample, SPEC_THREE_CONTACTS_REPLY } from "../support/store.js";
import {
  MAX_MESSAGE_LENGTH,
  MAX_REPLY_COMPANY_LENGTH,
  MAX_REPLY_NAME_LENGTH,
  MAX_REPLY_NOTE_LENGTH,
} from "../../bridge/protocol/limits.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function reply(directory: Directory, number: string): string {
  return formatMessage(
    buildContactReply({ command: "CONTACT?", number, device: 1, line: 1 }, directory.lookup(number)).reply,
  );
}

describe("reading the index: lookup by number, search", () => {
  it("matches every written form of a number against every stored form", () => {
    const forms = ["0675355355", "+380 67 535 53 55", "(067) 535-53-55", "+38 (067) 5355355"];
    for (const stored of forms) {
      const { directory, db } = openTestStore(tempDir());
      const saved = directory.upsert(contact("Вася Петров", [stored]));
      for (const asked of forms)
        expect(
          directory.lookup(asked).map((c) => c.id),
          `${stored} ← ${asked}`,
        ).toEqual([saved.id]);
      db.close();
    }
  });

  it("matches short internal numbers exactly, never as part of a longer number", () => {
    const { directory } = openTestStore(tempDir());
    const desk = directory.upsert(contact("IT help desk", ["101"]));
    directory.upsert(contact("Someone", ["+380 44 101 01 01"]));
    directory.upsert(contact("Other desk", ["1010"]));
    expect(directory.lookup("101").map((c) => c.name)).toEqual([desk.name]);
    expect(directory.lookup("10")).toEqual([]);
    expect(reply(directory, "1010")).toBe("CONTACT^1010^1^1^Other desk^^^3^");
  });

  it("answers the exact spec reply for one contact and NOCONTACT for none", () => {
    const { directory } = openTestStore(tempDir());
    seedDemoContacts(directory);
    expect(reply(directory, "0675355355")).toBe(
      'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
    );
    expect(reply(directory, "0931234567")).toBe("NOCONTACT^0931234567^1^1^");
  });

  it("gives the spec's exact reply for its three-contact example", () => {
    const store = openTestStore(tempDir());
    seedSpecExample(store);
    expect(reply(store.directory, "0675355355")).toBe(SPEC_THREE_CONTACTS_REPLY);
  });

  it("lists several contacts by ascending id, the first one's values with (…), empty ones too", () => {
    const { directory } = openTestStore(tempDir());
    const a = directory.upsert(contact("Reception", ["+38 044 1234567"]));
    const b = directory.upsert(
      contact("Іван Сидоренко", ["(044) 123-45-67"], { company: "ТОВ Ромашка", note: "Директор" }),
    );
    const c = directory.upsert(
      contact("Олена Коваль", ["044 123 45 67"], { company: "ТОВ Ромашка", note: "Бухгалтерія" }),
    );
    expect(reply(directory, "0441234567")).toBe(
      `CONTACT^0441234567^1^1^Reception(…)^(…)^(…)^${a.id}, ${b.id}, ${c.id}^`,
    );
  });

  it(`names at most ${MAX_REPLY_IDS} ids in one reply`, () => {
    const { directory } = openTestStore(tempDir());
    for (let i = 1; i <= 60; i++) directory.upsert(contact(`Person ${i}`, ["0501112233"]));
    const ids = reply(directory, "0501112233").split("^")[7]!.split(", ");
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    expect(directory.lookup("0501112233")).toHaveLength(60);
  });

  it("cuts a contact's values to TelefUM's limits, so a reply stays under the message limit", () => {
    const { directory } = openTestStore(tempDir());
    const huge = "Я".repeat(200_000);
    directory.upsert(contact(huge, ["0501112233"], { company: huge, note: huge }));
    const text = reply(directory, "0501112233");
    const [, , , , name, company, note] = text.split("^");
    expect([name!.length, company!.length, note!.length]).toEqual([
      MAX_REPLY_NAME_LENGTH,
      MAX_REPLY_COMPANY_LENGTH,
      MAX_REPLY_NOTE_LENGTH,
    ]);
    expect(text.length).toBeLessThan(MAX_MESSAGE_LENGTH);
    // Several contacts: cut, then marked.
    directory.upsert(contact("Second", ["0501112233"]));
    expect(reply(directory, "0501112233").split("^")[4]).toBe(`${"Я".repeat(MAX_REPLY_NAME_LENGTH)}(…)`);
  });

  it("puts Outlook contacts before imported and local ones on a shared number", () => {
    const { directory } = openTestStore(tempDir());
    const local = directory.upsert(contact("A local", ["0501112233"]));
    const imported = directory.upsert(contact("B imported", ["0501112233"], { source: "import", externalId: "x" }));
    const outlook = directory.upsert(contact("C outlook", ["0501112233"], { source: "outlook", externalId: "AAMk" }));
    expect(directory.lookupAll("+380501112233").map((c) => c.id)).toEqual([outlook.id, imported.id, local.id]);
  });

  it("falls back to the last nine digits when a number was saved under another country", () => {
    const { directory } = openTestStore(tempDir());
    const abroad = directory.upsert(contact("Abroad", ["+48 675 355 355"]));
    expect(directory.lookup("0675355355").map((c) => c.id)).toEqual([abroad.id]);
    // An exact match wins over tail matches.
    const home = directory.upsert(contact("Home", ["0675355355"]));
    expect(directory.lookup("+380 67 535 53 55").map((c) => c.id)).toEqual([home.id]);
  });

  it("looks a number up with one indexed query per match kind and no temporary B-tree", () => {
    const { db } = openTestStore(tempDir());
    const plan = (sql: string): string[] =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all("x")
        .map((row) => String(row.detail));
    expect(plan(LOOKUP_QUERIES.byKey)).toEqual([
      "SEARCH p USING INDEX contact_phones_key (key=?)",
      "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)",
      "SEARCH q USING INDEX sqlite_autoindex_contact_phones_1 (contact_id=?) LEFT-JOIN",
    ]);
    expect(plan(LOOKUP_QUERIES.byTail)).toEqual([
      "SEARCH p USING INDEX contact_phones_tail (tail=?)",
      "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)",
      "SEARCH q USING INDEX sqlite_autoindex_contact_phones_1 (contact_id=?) LEFT-JOIN",
    ]);
  });

  it("returns a contact once with all its numbers in order when two of them match", () => {
    const { directory } = openTestStore(tempDir());
    directory.upsert(contact("Двічі", ["0675355355", "101", "+380 67 535 53 55"]));
    expect(directory.lookup("0675355355").map((c) => [c.name, c.phones.map((p) => p.number)])).toEqual([
      ["Двічі", ["0675355355", "101", "+380 67 535 53 55"]],
    ]);
  });

  it("searches by name, company, e-mail and digits anywhere in the number", () => {
    const { directory } = openTestStore(tempDir());
    seedDemoContacts(directory);
    expect(directory.search("вася").map((c) => c.name)).toEqual([]); // SQLite LIKE is ASCII-case-insensitive only
    expect(directory.search("Вася").map((c) => c.name)).toEqual(["Вася Петров"]);
    expect(directory.search("Ромашка").map((c) => c.name)).toEqual(
      ["Reception", "Іван Сидоренко", "Олена Коваль"].sort(),
    );
    expect(directory.search("meridian").map((c) => c.name)).toEqual(["Вася Петров"]);
    expect(directory.search("5355").map((c) => c.name)).toEqual(["Вася Петров"]);
    expect(directory.search("100%")).toEqual([]);
  });
});
