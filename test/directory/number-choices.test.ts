import { describe, expect, it } from "vitest";
import { buildContactReply } from "../../bridge/core/contact-reply.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import type { Directory } from "../../bridge/directory/directory.js";
import { formatMessage } from "../../bridge/protocol/codec.js";
import { contact, openTestStore } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function reply(directory: Directory, number: string): string {
  return formatMessage(
    buildContactReply({ command: "CONTACT?", number, device: 1, line: 1 }, directory.lookup(number)).reply,
  );
}

describe("remembered choices", () => {
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

  it("remembers no choice for a contact that is not in the index", () => {
    const { directory } = openTestStore(tempDir());
    const a = directory.upsert(contact("A", ["0441234567"]));
    directory.upsert(contact("B", ["0441234567"]));
    for (const id of ["999", "not-an-id", ""]) directory.rememberChoice("0441234567", id);
    expect(directory.chosenFor("0441234567")).toBeUndefined();
    directory.rememberChoice("0441234567", a.id);
    directory.rememberChoice("0441234567", "999");
    expect(directory.chosenFor("+380441234567")).toBe(a.id);
  });
});
