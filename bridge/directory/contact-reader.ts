/**
 * Reading the contact index: by id, by number (the incoming-call lookup), by text (the add-in's search), and what
 * the syncs compare against. Lookups are local only, so an incoming call is never kept waiting on the network.
 */
import type { Database } from "../store/database.js";
import { all, one } from "../store/query.js";
import type { Contact, ContactSource } from "./contact.js";
import {
  contactsFromLookupRows,
  LOOKUP_QUERIES,
  readContact,
  type ContactRow,
  type LookupRow,
} from "./contact-rows.js";
import type { DirectoryOptions } from "./directory-options.js";
import type { NumberChoices } from "./number-choices.js";
import type { RecentPhoneKeys } from "./recent-keys.js";
import { rankMatches, sourceRankSql } from "./ranking.js";

/** The user's own data first (ranking.ts), for search, which sorts and limits in SQL. */
const SOURCE_RANK = sourceRankSql("c.source");

export type ContactReader = ReturnType<typeof contactReader>;

/** `choices` puts the remembered contact first when a number has several. */
/** `recentKeys`: the directory's one cache of number keys (number-choices.ts asks it too). */
export function contactReader(
  db: Database,
  options: DirectoryOptions,
  choices: Pick<NumberChoices, "chosenFor">,
  recentKeys: RecentPhoneKeys,
) {
  const get = (id: string): Contact | undefined => {
    if (!/^\d+$/.test(id)) return undefined;
    const row = one<ContactRow>(db.prepare("SELECT * FROM contacts WHERE id = ?"), Number(id));
    return row ? readContact(db, row) : undefined;
  };

  /**
   * Every contact with this number, in the one ranking (ranking.ts: the remembered choice first, the same person
   * once). Exact key match; when there is none and the number is long enough, the last nine digits (a number saved
   * with another country's prefix still matches).
   */
  const lookupAll = (number: string): Contact[] => {
    const key = recentKeys.keyOf(number);
    if (!key) return [];
    let rows = all<LookupRow>(db.prepare(LOOKUP_QUERIES.byKey), key.key);
    if (rows.length === 0 && key.tail) rows = all<LookupRow>(db.prepare(LOOKUP_QUERIES.byTail), key.tail);
    const contacts = contactsFromLookupRows(rows);
    return rankMatches(contacts, contacts.length > 1 ? choices.chosenFor(number) : undefined);
  };

  const count = (source?: ContactSource): number => {
    const row =
      source === undefined
        ? one<{ n: number }>(db.prepare("SELECT count(*) AS n FROM contacts"))
        : one<{ n: number }>(db.prepare("SELECT count(*) AS n FROM contacts WHERE source = ?"), source);
    return Number(row!.n);
  };

  return {
    get,
    lookupAll,
    count,

    /** Contacts for these ids, in the given order; unknown ids are skipped. */
    getMany(ids: readonly string[]): Contact[] {
      return ids.map((id) => get(id)).filter((c): c is Contact => c !== undefined);
    },

    findByExternalId(source: ContactSource, externalId: string): Contact | undefined {
      const row = one<ContactRow>(
        db.prepare("SELECT * FROM contacts WHERE source = ? AND external_id = ?"),
        source,
        externalId,
      );
      return row ? readContact(db, row) : undefined;
    },

    /**
     * What TelefUM is told: every match in the one ranking (the remembered choice first, then ascending id within
     * a kind of source), the first one's values shown; the chooser lists the same.
     */
    lookup(number: string): Contact[] {
      return lookupAll(number);
    },

    /** Name, company, e-mail or phone search for the add-in; phone digits match anywhere in the number. */
    search(query: string, limit = 25): Contact[] {
      const text = query.trim();
      if (!text) return [];
      const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const digits = text.replace(/\D/g, "");
      const rows = all<ContactRow>(
        db.prepare(
          `SELECT DISTINCT c.* FROM contacts c LEFT JOIN contact_phones p ON p.contact_id = c.id
           WHERE c.name LIKE ? ESCAPE '\\' OR c.company LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\'
              OR (? <> '' AND length(?) >= 3 AND ` +
            `replace(replace(replace(replace(replace(p.number,' ',''),'-',''),'(',''),')',''),'+','') LIKE ?)
           ORDER BY ${SOURCE_RANK}, c.name, c.id LIMIT ?`,
        ),
        like,
        like,
        like,
        digits,
        digits,
        `%${digits}%`,
        limit,
      );
      return rows.map((row) => readContact(db, row));
    },

    /** True once any contact was ever stored (ids are never reused: AUTOINCREMENT keeps the highest in use). */
    everHadContacts(): boolean {
      const row = one<{ seq: number }>(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'contacts'"));
      return Number(row?.seq ?? 0) > 0 || count() > 0;
    },

    /** External ids of one source (optionally one folder): what a full resync compares against. */
    externalIds(source: ContactSource, folderId?: string): string[] {
      const rows =
        folderId === undefined
          ? all<{ external_id: string }>(
              db.prepare("SELECT external_id FROM contacts WHERE source = ? AND external_id IS NOT NULL"),
              source,
            )
          : all<{ external_id: string }>(
              db.prepare(
                "SELECT external_id FROM contacts WHERE source = ? AND folder_id = ? AND external_id IS NOT NULL",
              ),
              source,
              folderId,
            );
      return rows.map((r) => r.external_id);
    },

    /** Folders that hold contacts of one source: what a sync compares with the folders that still exist. */
    folderIds(source: ContactSource): string[] {
      const rows = all<{ folder_id: string }>(
        db.prepare(
          "SELECT DISTINCT folder_id FROM contacts WHERE source = ? AND folder_id IS NOT NULL ORDER BY folder_id",
        ),
        source,
      );
      return rows.map((r) => r.folder_id);
    },

    /** The sources the index holds contacts of. */
    sources(): ContactSource[] {
      const rows = all<{ source: ContactSource }>(db.prepare("SELECT DISTINCT source FROM contacts ORDER BY source"));
      return rows.map((r) => r.source);
    },
  };
}
