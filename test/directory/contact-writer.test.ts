import { describe, expect, it } from "vitest";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import { openDirectory } from "../../bridge/directory/directory.js";
import { nextNewContactName } from "../../bridge/directory/new-contact-name.js";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { contact, openTestStore } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

describe("writing the index: what sync, import and contact creation write", () => {
  it("names new contacts in the user's language", () => {
    const names = (["uk", "ru", "en"] as const).map((language) => {
      const dir = tempDir();
      const { db } = openTestStore(dir);
      const directory = openDirectory(db, { defaultRegion: "UA", language });
      directory.upsert(contact(nextNewContactName(directory), ["0501112233"]));
      return [nextNewContactName(directory), directory.lookup("0501112233")[0]!.name];
    });
    expect(names).toEqual([
      ["Новий контакт2", "Новий контакт1"],
      ["Новый контакт2", "Новый контакт1"],
      ["New contact2", "New contact1"],
    ]);
  });

  it("names a new contact in the asking screen's language, numbering each language on its own", () => {
    const { db } = openTestStore(tempDir());
    const directory = openDirectory(db, { defaultRegion: "UA", language: "ru" });
    directory.upsert(contact(nextNewContactName(directory), ["0501112233"]));
    directory.upsert(contact(nextNewContactName(directory, "uk"), ["0501112244"]));
    expect([
      nextNewContactName(directory, "uk"),
      nextNewContactName(directory),
      nextNewContactName(directory, "en"),
    ]).toEqual(["Новий контакт2", "Новый контакт2", "New contact1"]);
    expect(directory.lookup("0501112244")[0]!.name).toBe("Новий контакт1");
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
    const again = openDirectory(openDatabase(`${dir}/bridge.db`), { defaultRegion: "UA" });
    expect(again.lookup("0671112244").map((c) => [c.id, c.name])).toEqual([[created.id, "Stable renamed"]]);
    expect(again.findByExternalId("outlook", "AAMkStable")?.id).toBe(created.id);
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
