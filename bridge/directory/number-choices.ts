/** The remembered choices: which of several contacts on a number the user meant (the chooser's answer). */
import type { Database } from "../store/database.js";
import { one } from "../store/query.js";
import type { Contact } from "./contact.js";
import type { RecentPhoneKeys } from "./recent-keys.js";

export type NumberChoices = ReturnType<typeof numberChoices>;

/** `keys`: the directory's one cache of number keys, shared with the lookup, so a number is parsed once. */
export function numberChoices(db: Database, keys: RecentPhoneKeys) {
  const keyOf = (number: string): string | undefined => keys.keyOf(number)?.key;

  const chosenFor = (number: string): string | undefined => {
    const key = keyOf(number);
    if (!key) return undefined;
    const row = one<{ contact_id: number }>(db.prepare("SELECT contact_id FROM number_choices WHERE key = ?"), key);
    return row ? String(row.contact_id) : undefined;
  };

  return {
    chosenFor,

    /**
     * The contact a number means among `contacts`: the only one, else the one the user once chose for it
     * (a choice whose contact is not among them, e.g. it lost the number since, does not count).
     */
    pick(number: string | undefined, contacts: readonly Contact[]): Contact | undefined {
      if (contacts.length === 1) return contacts[0];
      const chosen = number ? chosenFor(number) : undefined;
      return chosen === undefined ? undefined : contacts.find((c) => c.id === chosen);
    },

    /** Remembers which of several contacts on a number is the right one; a contact not in the index is ignored. */
    rememberChoice(number: string, contactId: string): void {
      const key = keyOf(number);
      if (!key || !/^\d+$/.test(contactId)) return;
      // INSERT … SELECT writes nothing when the contact is not there (its WHERE also lets SQLite parse the upsert).
      db.prepare(
        "INSERT INTO number_choices (key, contact_id, chosen_at) SELECT ?, id, ? FROM contacts WHERE id = ? " +
          "ON CONFLICT(key) DO UPDATE SET contact_id = excluded.contact_id, chosen_at = excluded.chosen_at",
      ).run(key, new Date().toISOString(), Number(contactId));
    },

    forgetChoice(number: string): void {
      const key = keyOf(number);
      if (key) db.prepare("DELETE FROM number_choices WHERE key = ?").run(key);
    },
  };
}
