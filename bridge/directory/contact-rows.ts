/** How a contact is stored (a `contacts` row, its numbers in `contact_phones`) and read back into a `Contact`. */
import type { Database } from "../store/database.js";
import { all } from "../store/query.js";
import type { Contact, ContactPhone, ContactSource, PhoneKind } from "./contact.js";

export interface ContactRow {
  id: number;
  source: string;
  external_id: string | null;
  folder_id: string | null;
  name: string;
  company: string;
  note: string;
  email: string;
  updated_at: string;
}

/**
 * The incoming-call lookup: each matching contact with every number it has, in one indexed query (no temporary
 * B-tree: rows come grouped by contact from the indexes; the few matches are ranked in JS, ranking.ts).
 */
const CONTACT_WITH_PHONES = `SELECT c.*, q.position AS phone_position, q.number AS phone_number, q.kind AS phone_kind
  FROM contact_phones p JOIN contacts c ON c.id = p.contact_id LEFT JOIN contact_phones q ON q.contact_id = c.id`;
export const LOOKUP_QUERIES = {
  byKey: `${CONTACT_WITH_PHONES} WHERE p.key = ?`,
  // `tail <> ''` repeats the partial index's condition so SQLite can use it (a bound value can't prove it).
  byTail: `${CONTACT_WITH_PHONES} WHERE p.tail = ? AND p.tail <> ''`,
} as const;

export interface LookupRow extends ContactRow {
  phone_position: number | null;
  phone_number: string | null;
  phone_kind: PhoneKind | null;
}

/** Lookup rows (one per contact and phone, a contact twice if two of its numbers matched) → contacts. */
export function contactsFromLookupRows(rows: LookupRow[]): Contact[] {
  const byId = new Map<number, { row: LookupRow; phones: Map<number, ContactPhone> }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = { row, phones: new Map() };
      byId.set(row.id, entry);
    }
    if (row.phone_position !== null)
      entry.phones.set(row.phone_position, { number: row.phone_number!, kind: row.phone_kind! });
  }
  return [...byId.values()].map(({ row, phones }) =>
    contactFromRow(
      row,
      [...phones.entries()].sort(([a], [b]) => a - b).map(([, phone]) => phone),
    ),
  );
}

/** A contacts row with its numbers read in their stored order. */
export function readContact(db: Database, row: ContactRow): Contact {
  const phones = all<ContactPhone>(
    db.prepare("SELECT number, kind FROM contact_phones WHERE contact_id = ? ORDER BY position"),
    row.id,
  );
  return contactFromRow(
    row,
    phones.map((p) => ({ number: p.number, kind: p.kind })),
  );
}

function contactFromRow(row: ContactRow, phones: ContactPhone[]): Contact {
  return {
    id: String(row.id),
    source: row.source as ContactSource,
    externalId: row.external_id,
    folderId: row.folder_id,
    name: row.name,
    company: row.company,
    note: row.note,
    email: row.email,
    phones,
    updatedAt: row.updated_at,
  };
}
