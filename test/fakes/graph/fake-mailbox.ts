/**
 * One Exchange mailbox of the fake Graph: its contact folders, contacts and the change history their delta
 * queries read (a sequence number per change, tombstones per folder, an epoch per folder that invalidates tokens).
 * The signed-in user's own mailbox answers at /me; others at /users/{id | userPrincipalName} when shared with them.
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

export class FakeMailbox {
  seq = 0;
  readonly folders = new Map<string, ContactFolderRecord>();
  readonly contacts = new Map<string, GraphContact & { seq: number }>();
  readonly tombstones = new Map<string, { id: string; seq: number }[]>();
  readonly folderEpoch = new Map<string, number>();

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
    return id;
  }

  addContact(
    contact: Omit<GraphContact, "id" | "parentFolderId"> & { parentFolderId?: string; id?: string },
  ): GraphContact {
    const id = contact.id ?? `AAMkC${randomBytes(9).toString("base64url")}`;
    const stored = {
      businessPhones: [],
      homePhones: [],
      emailAddresses: [],
      mobilePhone: null,
      personalNotes: "",
      ...contact,
      id,
      parentFolderId: contact.parentFolderId ?? this.defaultFolderId,
      seq: ++this.seq,
      changeKey: randomBytes(4).toString("hex"),
      lastModifiedDateTime: new Date().toISOString(),
    };
    this.contacts.set(id, stored);
    return publicContact(stored);
  }

  updateContact(id: string, patch: Partial<GraphContact>): void {
    const existing = this.contacts.get(id);
    if (!existing) throw new Error(`no contact ${id}`);
    Object.assign(existing, patch, {
      seq: ++this.seq,
      changeKey: randomBytes(4).toString("hex"),
      lastModifiedDateTime: new Date().toISOString(),
    });
  }

  deleteContact(id: string): void {
    const existing = this.contacts.get(id);
    if (!existing) return;
    this.contacts.delete(id);
    const list = this.tombstones.get(existing.parentFolderId) ?? [];
    list.push({ id, seq: ++this.seq });
    this.tombstones.set(existing.parentFolderId, list);
  }

  /** Deletes a folder with its contacts (and its delta state: its tokens now answer 404). */
  deleteFolder(folderId: string): void {
    for (const c of [...this.contacts.values()]) if (c.parentFolderId === folderId) this.contacts.delete(c.id);
    for (const f of [...this.folders.values()]) if (f.parentFolderId === folderId) this.deleteFolder(f.id);
    this.folders.delete(folderId);
    this.tombstones.delete(folderId);
  }

  /** Every delta token issued for this folder so far now answers 410 Gone. */
  invalidateDeltaTokens(folderId: string): void {
    this.folderEpoch.set(folderId, (this.folderEpoch.get(folderId) ?? 0) + 1);
  }

  contact(id: string): GraphContact | undefined {
    const c = this.contacts.get(id);
    return c ? publicContact(c) : undefined;
  }
}

export function publicContact(c: GraphContact & { seq?: number }): GraphContact {
  const { seq: _seq, ...rest } = c;
  void _seq;
  return structuredClone(rest);
}
