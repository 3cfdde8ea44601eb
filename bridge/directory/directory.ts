/**
 * The local contact index: every contact the bridge can answer TelefUM from, in SQLite, matched by phone key.
 * Lookups are local only, so an incoming call is never kept waiting on the network.
 */
import type { CountryCode } from "libphonenumber-js";
import type { Database } from "../store/sqlite.js";
import type { Contact, ContactInput, ContactPhone, ContactSource, PhoneKind } from "./contact.js";
import type { Language } from "../i18n/language.js";
import { phoneKey } from "./phone-key.js";
import { rankMatches, sourceRankSql } from "./ranking.js";

/** The user's own data first (ranking.ts), for search, which sorts and limits in SQL. */
const SOURCE_RANK = sourceRankSql("c.source");

interface ContactRow {
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

interface LookupRow extends ContactRow {
  phone_position: number | null;
  phone_number: string | null;
  phone_kind: PhoneKind | null;
}

/** Lookup rows (one per contact and phone, a contact twice if two of its numbers matched) → contacts. */
function contactsFromLookupRows(rows: LookupRow[]): Contact[] {
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

export interface DirectoryOptions {
  defaultRegion: CountryCode;
  /** The language new contacts are named in ("Новий контакт 1"); default uk. */
  language?: Language;
}

export class Directory {
  constructor(
    private readonly db: Database,
    readonly options: DirectoryOptions,
  ) {}

  /** Inserts or updates by (source, externalId); a local contact without externalId is always inserted. */
  upsert(input: ContactInput): Contact {
    return this.get(this.write(input))!;
  }

  /** upsert without reading the contact back (bulk writers: sync, import); returns its id. */
  write(input: ContactInput): string {
    return this.db.transaction(() => {
      const updatedAt = input.updatedAt ?? new Date().toISOString();
      const existing =
        input.externalId === null
          ? undefined
          : (this.db
              .prepare("SELECT id FROM contacts WHERE source = ? AND external_id = ?")
              .get(input.source, input.externalId) as { id: number } | undefined);
      let id: number;
      if (existing) {
        id = existing.id;
        this.db
          .prepare(
            "UPDATE contacts SET folder_id = ?, name = ?, company = ?, note = ?, email = ?, updated_at = ? " +
              "WHERE id = ?",
          )
          .run(input.folderId, input.name, input.company, input.note, input.email, updatedAt, id);
        this.db.prepare("DELETE FROM contact_phones WHERE contact_id = ?").run(id);
      } else {
        const result = this.db
          .prepare(
            "INSERT INTO contacts (source, external_id, folder_id, name, company, note, email, updated_at) " +
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run(
            input.source,
            input.externalId,
            input.folderId,
            input.name,
            input.company,
            input.note,
            input.email,
            updatedAt,
          );
        id = Number(result.lastInsertRowid);
      }
      this.writePhones(id, input.phones);
      return String(id);
    });
  }

  private writePhones(contactId: number, phones: ContactPhone[]): void {
    const insert = this.db.prepare(
      "INSERT INTO contact_phones (contact_id, position, number, kind, key, tail) VALUES (?, ?, ?, ?, ?, ?)",
    );
    phones.forEach((phone, position) => {
      const key = phoneKey(phone.number, this.options.defaultRegion);
      if (key) insert.run(contactId, position, phone.number.trim(), phone.kind, key.key, key.tail);
    });
  }

  get(id: string): Contact | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    const row = this.db.prepare("SELECT * FROM contacts WHERE id = ?").get(Number(id)) as ContactRow | undefined;
    return row ? this.hydrate(row) : undefined;
  }

  /** Contacts for these ids, in the given order; unknown ids are skipped. */
  getMany(ids: readonly string[]): Contact[] {
    return ids.map((id) => this.get(id)).filter((c): c is Contact => c !== undefined);
  }

  findByExternalId(source: ContactSource, externalId: string): Contact | undefined {
    const row = this.db
      .prepare("SELECT * FROM contacts WHERE source = ? AND external_id = ?")
      .get(source, externalId) as ContactRow | undefined;
    return row ? this.hydrate(row) : undefined;
  }

  /**
   * Every contact with this number, in the one ranking (ranking.ts: the remembered choice first, the same person
   * once). Exact key match; when there is none and the number is long enough, the last nine digits (a number saved
   * with another country's prefix still matches).
   */
  lookupAll(number: string): Contact[] {
    const key = phoneKey(number, this.options.defaultRegion);
    if (!key) return [];
    let rows = this.db.prepare(LOOKUP_QUERIES.byKey).all(key.key) as unknown as LookupRow[];
    if (rows.length === 0 && key.tail)
      rows = this.db.prepare(LOOKUP_QUERIES.byTail).all(key.tail) as unknown as LookupRow[];
    const contacts = contactsFromLookupRows(rows);
    return rankMatches(contacts, contacts.length > 1 ? this.chosenFor(number) : undefined);
  }

  /**
   * What TelefUM is told: every match in the one ranking (the remembered choice first, then ascending id within
   * a kind of source), the first one's values shown; the chooser lists the same.
   */
  lookup(number: string): Contact[] {
    return this.lookupAll(number);
  }

  /**
   * The contact a number means among `contacts`: the only one, else the one the user once chose for it
   * (a choice whose contact is not among them, e.g. it lost the number since, does not count).
   */
  pick(number: string | undefined, contacts: readonly Contact[]): Contact | undefined {
    if (contacts.length === 1) return contacts[0];
    const chosen = number ? this.chosenFor(number) : undefined;
    return chosen === undefined ? undefined : contacts.find((c) => c.id === chosen);
  }

  /** Remembers which of several contacts on a number is the right one (the chooser's answer). */
  rememberChoice(number: string, contactId: string): void {
    const key = phoneKey(number, this.options.defaultRegion);
    if (!key || !this.get(contactId)) return;
    this.db
      .prepare(
        "INSERT INTO number_choices (key, contact_id, chosen_at) VALUES (?, ?, ?) " +
          "ON CONFLICT(key) DO UPDATE SET contact_id = excluded.contact_id, chosen_at = excluded.chosen_at",
      )
      .run(key.key, Number(contactId), new Date().toISOString());
  }

  forgetChoice(number: string): void {
    const key = phoneKey(number, this.options.defaultRegion);
    if (key) this.db.prepare("DELETE FROM number_choices WHERE key = ?").run(key.key);
  }

  chosenFor(number: string): string | undefined {
    const key = phoneKey(number, this.options.defaultRegion);
    if (!key) return undefined;
    const row = this.db.prepare("SELECT contact_id FROM number_choices WHERE key = ?").get(key.key) as
      | { contact_id: number }
      | undefined;
    return row ? String(row.contact_id) : undefined;
  }

  /** Name, company, e-mail or phone search for the add-in; phone digits match anywhere in the number. */
  search(query: string, limit = 25): Contact[] {
    const text = query.trim();
    if (!text) return [];
    const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const digits = text.replace(/\D/g, "");
    const rows = this.db
      .prepare(
        `SELECT DISTINCT c.* FROM contacts c LEFT JOIN contact_phones p ON p.contact_id = c.id
         WHERE c.name LIKE ? ESCAPE '\\' OR c.company LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
            OR (? <> '' AND length(?) >= 3 AND ` +
          `replace(replace(replace(replace(replace(p.number,' ',''),'-',''),'(',''),')',''),'+','') LIKE ?)
         ORDER BY ${SOURCE_RANK}, c.name, c.id LIMIT ?`,
      )
      .all(like, like, like, digits, digits, `%${digits}%`, limit) as unknown as ContactRow[];
    return rows.map((row) => this.hydrate(row));
  }

  /** True once any contact was ever stored (ids are never reused: AUTOINCREMENT keeps the highest in use). */
  everHadContacts(): boolean {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'contacts'").get() as
      | { seq: number }
      | undefined;
    return Number(row?.seq ?? 0) > 0 || this.count() > 0;
  }

  remove(id: string): boolean {
    return Number(this.db.prepare("DELETE FROM contacts WHERE id = ?").run(Number(id)).changes) > 0;
  }

  removeByExternalId(source: ContactSource, externalId: string): boolean {
    return (
      Number(
        this.db.prepare("DELETE FROM contacts WHERE source = ? AND external_id = ?").run(source, externalId).changes,
      ) > 0
    );
  }

  /** External ids of one source (optionally one folder): what a full resync compares against. */
  externalIds(source: ContactSource, folderId?: string): string[] {
    const rows = (
      folderId === undefined
        ? this.db.prepare("SELECT external_id FROM contacts WHERE source = ? AND external_id IS NOT NULL").all(source)
        : this.db
            .prepare("SELECT external_id FROM contacts WHERE source = ? AND folder_id = ? AND external_id IS NOT NULL")
            .all(source, folderId)
    ) as { external_id: string }[];
    return rows.map((r) => r.external_id);
  }

  /** After a full pass: drops the source's (folder's) contacts whose external id went unseen; returns how many. */
  removeUnseen(source: ContactSource, seen: ReadonlySet<string>, folderId?: string): number {
    let removed = 0;
    for (const id of this.externalIds(source, folderId)) {
      if (!seen.has(id) && this.removeByExternalId(source, id)) removed++;
    }
    return removed;
  }

  /** Folders that hold contacts of one source: what a sync compares with the folders that still exist. */
  folderIds(source: ContactSource): string[] {
    const rows = this.db
      .prepare("SELECT DISTINCT folder_id FROM contacts WHERE source = ? AND folder_id IS NOT NULL ORDER BY folder_id")
      .all(source) as { folder_id: string }[];
    return rows.map((r) => r.folder_id);
  }

  /** Drops every contact of one source in one folder (the folder is gone); returns how many. */
  removeFolder(source: ContactSource, folderId: string): number {
    const result = this.db.prepare("DELETE FROM contacts WHERE source = ? AND folder_id = ?").run(source, folderId);
    return Number(result.changes);
  }

  /** Drops every contact of one source (a source switched off); returns how many. */
  removeSource(source: ContactSource): number {
    return Number(this.db.prepare("DELETE FROM contacts WHERE source = ?").run(source).changes);
  }

  /** The sources the index holds contacts of. */
  sources(): ContactSource[] {
    const rows = this.db.prepare("SELECT DISTINCT source FROM contacts ORDER BY source").all() as { source: string }[];
    return rows.map((r) => r.source as ContactSource);
  }

  count(source?: ContactSource): number {
    const row = (
      source === undefined
        ? this.db.prepare("SELECT count(*) AS n FROM contacts").get()
        : this.db.prepare("SELECT count(*) AS n FROM contacts WHERE source = ?").get(source)
    ) as { n: number };
    return Number(row.n);
  }

  private hydrate(row: ContactRow): Contact {
    const phones = this.db
      .prepare("SELECT number, kind FROM contact_phones WHERE contact_id = ? ORDER BY position")
      .all(row.id) as unknown as ContactPhone[];
    return contactFromRow(
      row,
      phones.map((p) => ({ number: p.number, kind: p.kind })),
    );
  }
}
