import { describe, expect, it } from "vitest";
import { buildContactReply } from "../../bridge/core/contact-reply.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import { phoneKey } from "../../bridge/directory/phone-key.js";
import { formatMessage } from "../../bridge/protocol/codec.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { Directory, LOOKUP_QUERIES } from "../../bridge/directory/directory.js";
import { contact, openTestStore, seedSpecExample, SPEC_THREE_CONTACTS_REPLY } from "../support/store.js";
import { nextNewContactName } from "../../bridge/directory/new-contact-name.js";
import { MAX_REPLY_IDS } from "../../bridge/core/contact-reply.js";
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

describe("phone keys", () => {
  it.each([
    "0675355355",
    "+380 67 535 53 55",
    "(067) 535-53-55",
    "+38 (067) 5355355",
    "00380675355355",
    "380675355355",
  ])("%s becomes +380675355355 in region UA", (written) => {
    expect(phoneKey(written, "UA")).toEqual({ key: "+380675355355", tail: "675355355" });
  });

  it("keeps short internal numbers as exact digit keys without a tail", () => {
    expect(phoneKey("101", "UA")).toEqual({ key: "#101", tail: "" });
    expect(phoneKey("23-45", "UA")).toEqual({ key: "#2345", tail: "" });
  });

  it("gives no key to text without digits", () => {
    expect(phoneKey("  ", "UA")).toBeUndefined();
    expect(phoneKey("n/a", "UA")).toBeUndefined();
  });

  it("reads local numbers in the configured region", () => {
    expect(phoneKey("(020) 7946 0018", "GB")?.key).toBe("+442079460018");
  });
});

describe("Directory", () => {
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

  it("names new contacts in the user's language", () => {
    const names = (["uk", "ru", "en"] as const).map((language) => {
      const dir = tempDir();
      const { db } = openTestStore(dir);
      const directory = new Directory(db, { defaultRegion: "UA", language });
      directory.upsert(contact(nextNewContactName(directory), ["0501112233"]));
      return [nextNewContactName(directory), directory.lookup("0501112233")[0]!.name];
    });
    expect(names).toEqual([
      ["Новий контакт 2", "Новий контакт 1"],
      ["Новый контакт2", "Новый контакт1"],
      ["New contact 2", "New contact 1"],
    ]);
  });

  it("puts Outlook contacts before imported and local ones on a shared number", () => {
    const { directory } = openTestStore(tempDir());
    const local = directory.upsert(contact("A local", ["0501112233"]));
    const imported = directory.upsert(contact("B imported", ["0501112233"], { source: "import", externalId: "x" }));
    const outlook = directory.upsert(contact("C outlook", ["0501112233"], { source: "outlook", externalId: "AAMk" }));
    expect(directory.lookupAll("+380501112233").map((c) => c.id)).toEqual([outlook.id, imported.id, local.id]);
  });

  it("remembers the user's choice for a number, in any written form, until forgotten", () => {
    const { directory } = openTestStore(tempDir());
    seedDemoContacts(directory);
    const all = directory.lookupAll("044 123 45 67");
    expect(all).toHaveLength(3);
    const chosen = all[2]!;
    directory.rememberChoice("(044) 123-45-67", chosen.id);
    const others = all.filter((c) => c !== chosen).map((c) => c.id);
    expect(directory.lookup("+380441234567").map((c) => c.id)).toEqual([chosen.id, ...others.sort()]);
    const values = `${chosen.name}(…)^${chosen.company}(…)^${chosen.note}(…)`;
    expect(reply(directory, "0441234567")).toBe(`CONTACT^0441234567^1^1^${values}^${chosen.id}, ${others.join(", ")}^`);
    directory.forgetChoice("0441234567");
    expect(directory.lookup("0441234567")).toHaveLength(3);
  });

  it("ignores a remembered choice once that contact no longer has the number", () => {
    const { directory } = openTestStore(tempDir());
    const a = directory.upsert(contact("A", ["0441234567"]));
    const b = directory.upsert(contact("B", ["0441234567"]));
    directory.rememberChoice("0441234567", a.id);
    directory.upsert(contact("A", ["0990000000"]));
    expect(directory.lookup("0441234567").map((c) => c.id)).toEqual([b.id]);
  });

  it("picks the contact a number means: the only one, else the remembered one among those given", () => {
    const { directory } = openTestStore(tempDir());
    const a = directory.upsert(contact("A", ["0441234567"]));
    const b = directory.upsert(contact("B", ["0441234567"]));
    const other = directory.upsert(contact("Other", ["0990000000"]));
    expect(directory.pick(undefined, [other])?.id).toBe(other.id);
    expect(directory.pick("0441234567", [a, b])).toBeUndefined();
    directory.rememberChoice("044 123 45 67", b.id);
    expect(directory.pick("+380441234567", [a, b])?.id).toBe(b.id);
    expect(directory.pick(undefined, [a, b])).toBeUndefined();
    expect(directory.pick("0441234567", [a, other])).toBeUndefined();
  });

  it("lists and drops synced folders, and sweeps what a full pass did not see, one source at a time", () => {
    const { directory } = openTestStore(tempDir());
    const outlook = (name: string, folderId: string) =>
      contact(name, ["0501112233"], { source: "outlook", externalId: `ext-${name}`, folderId });
    directory.upsert(outlook("A", "f1"));
    directory.upsert(outlook("B", "f1"));
    directory.upsert(outlook("C", "f2"));
    directory.upsert(contact("Org", ["0501112233"], { source: "directory", externalId: "ext-A", folderId: "f1" }));
    expect(directory.folderIds("outlook")).toEqual(["f1", "f2"]);
    expect(directory.removeUnseen("outlook", new Set(["ext-A"]), "f1")).toBe(1);
    expect(directory.externalIds("outlook")).toEqual(["ext-A", "ext-C"]);
    expect(directory.removeFolder("outlook", "f2")).toBe(1);
    expect(directory.folderIds("outlook")).toEqual(["f1"]);
    expect(directory.lookupAll("0501112233").map((c) => c.name)).toEqual(["A", "Org"]);
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

  it("keeps ids stable across updates and reopening the file", () => {
    const dir = tempDir();
    const first = openTestStore(dir);
    const created = first.directory.upsert(
      contact("Stable", ["0671112233"], { source: "outlook", externalId: "AAMkStable" }),
    );
    const updated = first.directory.upsert(
      contact("Stable renamed", ["0671112244"], { source: "outlook", externalId: "AAMkStable" }),
    );
    expect(updated.id).toBe(created.id);
    expect(first.directory.lookup("0671112233")).toEqual([]);
    first.db.close();
    const again = new Directory(openDatabase(`${dir}/bridge.db`), { defaultRegion: "UA" });
    expect(again.lookup("0671112244").map((c) => [c.id, c.name])).toEqual([[created.id, "Stable renamed"]]);
    expect(again.findByExternalId("outlook", "AAMkStable")?.id).toBe(created.id);
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

  it("seeds demo contacts only into an empty store", () => {
    const { directory } = openTestStore(tempDir());
    expect(seedDemoContacts(directory)).toBe(5);
    expect(seedDemoContacts(directory)).toBe(0);
    expect(directory.count()).toBe(5);
  });

  it("removes contacts and their numbers", () => {
    const { directory } = openTestStore(tempDir());
    const c = directory.upsert(contact("Gone", ["0671234567"], { source: "outlook", externalId: "AAMkGone" }));
    expect(directory.externalIds("outlook")).toEqual(["AAMkGone"]);
    expect(directory.removeByExternalId("outlook", "AAMkGone")).toBe(true);
    expect(directory.get(c.id)).toBeUndefined();
    expect(directory.lookup("0671234567")).toEqual([]);
  });
});
