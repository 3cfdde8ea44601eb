/** A Directory and CallLog on a real SQLite file in a temp folder. */
import { join } from "node:path";
import type { CountryCode } from "libphonenumber-js";
import { CallLog } from "../../bridge/calls/call-log.js";
import type { ContactInput } from "../../bridge/directory/contact.js";
import { Directory } from "../../bridge/directory/directory.js";
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
  return { db, path, directory: new Directory(db, { defaultRegion }), callLog: new CallLog(db) };
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
