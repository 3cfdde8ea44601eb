/**
 * Writing the contact index: what the syncs, the import, contact creation and the demo contacts write through.
 * A contact is keyed by (source, externalId); its numbers are stored with their phone keys for the lookup.
 */
import type { Database } from "../store/database.js";
import { one } from "../store/query.js";
import type { Contact, ContactInput, ContactPhone, ContactSource } from "./contact.js";
import type { ContactReader } from "./contact-reader.js";
import type { DirectoryOptions } from "./directory-options.js";
import { phoneKey } from "./phone-key.js";

export type ContactWriter = ReturnType<typeof contactWriter>;

export function contactWriter(
  db: Database,
  options: DirectoryOptions,
  reader: Pick<ContactReader, "get" | "externalIds">,
) {
  const writePhones = (contactId: number, phones: ContactPhone[]): void => {
    const insert = db.prepare(
      "INSERT INTO contact_phones (contact_id, position, number, kind, key, tail) VALUES (?, ?, ?, ?, ?, ?)",
    );
    phones.forEach((phone, position) => {
      const key = phoneKey(phone.number, options.defaultRegion);
      if (key) insert.run(contactId, position, phone.number.trim(), phone.kind, key.key, key.tail);
    });
  };

  /**
   * upsert without reading the contact back (bulk writers: sync, import); returns its id. One statement finds or
   * makes the row (the UNIQUE (source, external_id) index is probed once, not by a SELECT before it); a local
   * contact without externalId never conflicts (NULLs differ), so it is always inserted.
   */
  const write = (input: ContactInput): string =>
    db.transaction(() => {
      const updatedAt = input.updatedAt ?? new Date().toISOString();
      const row = one<{ id: number }>(
        db.prepare(
          "INSERT INTO contacts (source, external_id, folder_id, name, company, note, email, updated_at) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, external_id) DO UPDATE SET " +
            "folder_id = excluded.folder_id, name = excluded.name, company = excluded.company, note = excluded.note, " +
            "email = excluded.email, updated_at = excluded.updated_at RETURNING id",
        ),
        input.source,
        input.externalId,
        input.folderId,
        input.name,
        input.company,
        input.note,
        input.email,
        updatedAt,
      )!;
      // A new row has no numbers yet: the DELETE finds nothing by the primary key and costs one probe.
      db.prepare("DELETE FROM contact_phones WHERE contact_id = ?").run(row.id);
      writePhones(row.id, input.phones);
      return String(row.id);
    });

  const removeByExternalId = (source: ContactSource, externalId: string): boolean =>
    Number(db.prepare("DELETE FROM contacts WHERE source = ? AND external_id = ?").run(source, externalId).changes) > 0;

  return {
    write,
    removeByExternalId,

    /** Inserts or updates by (source, externalId); a local contact without externalId is always inserted. */
    upsert(input: ContactInput): Contact {
      return reader.get(write(input))!;
    },

    remove(id: string): boolean {
      return Number(db.prepare("DELETE FROM contacts WHERE id = ?").run(Number(id)).changes) > 0;
    },

    /** After a full pass: drops the source's (folder's) contacts whose external id went unseen; returns how many. */
    removeUnseen(source: ContactSource, seen: ReadonlySet<string>, folderId?: string): number {
      let removed = 0;
      for (const id of reader.externalIds(source, folderId)) {
        if (!seen.has(id) && removeByExternalId(source, id)) removed++;
      }
      return removed;
    },

    /** Drops every contact of one source in one folder (the folder is gone); returns how many. */
    removeFolder(source: ContactSource, folderId: string): number {
      return Number(
        db.prepare("DELETE FROM contacts WHERE source = ? AND folder_id = ?").run(source, folderId).changes,
      );
    },

    /** Drops every contact of one source (a source switched off); returns how many. */
    removeSource(source: ContactSource): number {
      return Number(db.prepare("DELETE FROM contacts WHERE source = ?").run(source).changes);
    },
  };
}
