/** A Directory and CallLog on a real SQLite file in a temp folder. */
import { join } from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { CallLog } from "../../bridge/calls/call-log.js";
import type { ContactInput } from "../../bridge/directory/contact.js";
import { openDirectory, type Directory } from "../../bridge/directory/directory.js";
import { openDatabase, type Database } from "../../bridge/store/sqlite.js";

export interface TestStore {
  db: Database;
  directory: Directory;
  callLog: CallLog;
  path: string;
}

export function openTestStore(dir: string, defaultRegion: CountryCode = "UA"): TestStore {
  const path = join(dir, "bridge.db");
  const db = openDatabase(path);
  return { db, path, directory: openDirectory(db, { defaultRegion }), callLog: new CallLog(db) };
}

export function contact(name: string, numbers: string[], extra: Partial<ContactInput> = {}): ContactInput {
  return {
    source: "local",
    externalId: `test:${name}`,
    folderId: null,
    name,
    company: "",
    note: "",
    email: "",
    phones: numbers.map((number) => ({ number, kind: "mobile" as const })),
    ...extra,
  };
}

/** The spec's own example: three contacts on 0675355355 with ids 23456, 23457, 23458. */
export const SPEC_THREE_CONTACTS_REPLY =
  'CONTACT^0675355355^1^1^Вася Петров(…)^Агенство "Меридиан"(…)^Хороший человек(…)^23456, 23457, 23458^';

export function seedSpecExample(store: Pick<TestStore, "db" | "directory">): void {
  // The next contact id is 23456, as in the spec (AUTOINCREMENT continues from sqlite_sequence).
  store.db.prepare("DELETE FROM sqlite_sequence WHERE name = 'contacts'").run();
  store.db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('contacts', 23455)").run();
  const spec = (name: string, company: string, note: string, key: string) =>
    contact(name, ["0675355355"], { company, note, externalId: `spec:${key}` });
  store.directory.upsert(spec("Вася Петров", 'Агенство "Меридиан"', "Хороший человек", "a"));
  store.directory.upsert(spec("Вася Петров", "Перевозки", "недорого", "b"));
  store.directory.upsert(spec("Петров Василий Иванович", "ООО «Труба»", "Металлопрокат", "c"));
}
