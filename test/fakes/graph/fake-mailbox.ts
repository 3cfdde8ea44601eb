/**
 * One Exchange mailbox of the fake Graph: its contact folders, contacts and the change history their delta
 * queries read (a sequence number per change, tombstones per folder, an epoch per folder that invalidates tokens).
 * The signed-in user's own mailbox answers at /me; others at /users/{id | userPrincipalName} when shared with them.
 * Every contact has two ids, as in Exchange: the immutable id (kept when it moves to another folder), which Graph
 * answers with under `Prefer: IdType="ImmutableId"`, and the REST id (a new one after each move), answered without.
 */
import { randomBytes } from "node:crypto";

export interface GraphContact {
  id: string;
  parentFolderId: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  companyName?: string;
  jobTitle?: string;
  personalNotes?: string;
  emailAddresses?: { name?: string; address: string }[];
  businessPhones?: string[];
  homePhones?: string[];
  mobilePhone?: string | null;
  changeKey?: string;
  lastModifiedDateTime?: string;
}

export interface ContactFolderRecord {
  id: string;
  displayName: string;
  parentFolderId: string;
}

/** A stored contact: keyed by its immutable id (`id`), with the REST id of its current folder. */
export type StoredContact = GraphContact & { seq: number; restId: string };

const restIdOf = (): string => `AAMkAGR${randomBytes(9).toString("base64url")}`;

export class FakeMailbox {
  seq = 0;
  readonly folders = new Map<string, ContactFolderRecord>();
  readonly contacts = new Map<string, StoredContact>();
  readonly tombstones = new Map<string, { id: string; restId: string; seq: number }[]>();
  readonly folderEpoch = new Map<string, number>();
  /** The change history contactFolders/delta reads: when each folder was made, and the folders deleted. */
  readonly folderSeq = new Map<string, number>();
  readonly folderTombstones: { id: string; seq: number }[] = [];

  constructor(
    readonly userPrincipalName: string,
    readonly userId: string,
    readonly defaultFolderId: string,
    /** Whether the signed-in user may read it (delegated access / a shared mailbox they are a member of). */
    public granted = true,
  ) {
    this.folders.set(defaultFolderId, { id: defaultFolderId, displayName: "Contacts", parentFolderId: "root" });
  }

  addFolder(displayName: string, parentFolderId = this.defaultFolderId): string {
    const id = `folder-${this.folders.size}-${randomBytes(3).toString("hex")}`;
    this.folders.set(id, { id, displayName, parentFolderId });
    this.folderSeq.set(id, ++this.seq);
    return id;
  }

  addContact(
    contact: Omit<GraphContact, "id" | "parentFolderId"> & { parentFolderId?: string; id?: string },
  ): GraphContact {
    const id = contact.id ?? `AAkALgIm${randomBytes(9).toString("base64url")}`;
    const stored: StoredContact = {
      businessPhones: [],
      homePhones: [],
      emailAddresses: [],
      mobilePhone: null,
      personalNotes: "",
      ...contact,
      id,
      restId: restIdOf(),
      parentFolderId: contact.parentFolderId ?? this.defaultFolderId,
      seq: ++this.seq,
      changeKey: randomBytes(4).toString("hex"),
      lastModifiedDateTime: new Date().toISOString(),
    };
    this.contacts.set(id, stored);
    return publicContact(stored);
  }

  updateContact(id: string, patch: Partial<GraphContact>): void {
    const existing = this.find(id);
    if (!existing) throw new Error(`no contact ${id}`);
    Object.assign(existing, patch, {
      seq: ++this.seq,
      changeKey: randomBytes(4).toString("hex"),
      lastModifiedDateTime: new Date().toISOString(),
    });
  }

  deleteContact(id: string): void {
    const existing = this.find(id);
    if (!existing) return;
    this.contacts.delete(existing.id);
    this.tombstone(existing);
  }

  /** The user drags a contact to another folder: gone from the old folder's delta, new in the new one's. */
  moveContact(id: string, folderId: string): void {
    const existing = this.find(id);
    if (!existing || !this.folders.has(folderId)) throw new Error(`cannot move ${id} to ${folderId}`);
    this.tombstone(existing);
    Object.assign(existing, {
      parentFolderId: folderId,
      restId: restIdOf(),
      seq: ++this.seq,
      changeKey: randomBytes(4).toString("hex"),
      lastModifiedDateTime: new Date().toISOString(),
    });
  }

  private tombstone(contact: StoredContact): void {
    const list = this.tombstones.get(contact.parentFolderId) ?? [];
    list.push({ id: contact.id, restId: contact.restId, seq: ++this.seq });
    this.tombstones.set(contact.parentFolderId, list);
  }

  /** By immutable or REST id, as Graph accepts either in a URL. */
  find(id: string): StoredContact | undefined {
    return this.contacts.get(id) ?? [...this.contacts.values()].find((c) => c.restId === id);
  }

  /** Which kind an id is: for translateExchangeIds, which refuses an id of the other kind. */
  idKind(id: string): "immutable" | "rest" | undefined {
    if (this.contacts.has(id)) return "immutable";
    return [...this.contacts.values()].some((c) => c.restId === id) ? "rest" : undefined;
  }

  /** Deletes a folder with its contacts (and its delta state: its tokens now answer 404). */
  deleteFolder(folderId: string): void {
    for (const c of [...this.contacts.values()]) if (c.parentFolderId === folderId) this.contacts.delete(c.id);
    for (const f of [...this.folders.values()]) if (f.parentFolderId === folderId) this.deleteFolder(f.id);
    this.folders.delete(folderId);
    this.tombstones.delete(folderId);
    this.folderSeq.delete(folderId);
    this.folderTombstones.push({ id: folderId, seq: ++this.seq });
  }

  /** Every delta token issued for this folder so far now answers 410 Gone. */
  invalidateDeltaTokens(folderId: string): void {
    this.folderEpoch.set(folderId, (this.folderEpoch.get(folderId) ?? 0) + 1);
  }

  contact(id: string): GraphContact | undefined {
    const c = this.find(id);
    return c ? publicContact(c) : undefined;
  }
}

/** What Graph answers: the immutable id under `Prefer: IdType="ImmutableId"`, else the REST id. */
export function publicContact(c: GraphContact & { seq?: number; restId?: string }, immutable = true): GraphContact {
  const { seq: _seq, restId, ...rest } = c;
  void _seq;
  return structuredClone({ ...rest, id: immutable || !restId ? c.id : restId });
}
