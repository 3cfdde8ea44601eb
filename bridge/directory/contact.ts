/** A contact as the bridge knows it, whatever it came from. */

/**
 * Where a contact lives: `outlook` = a Microsoft 365 personal contact, `shared:<address>` = a contact in another
 * mailbox the user may read (one source per mailbox, so each is counted, swept and switched off on its own),
 * `orgcontact` = an organisation contact (Graph /contacts), `directory` = a user of the organisation (Graph
 * /users), `import` = read from a vCard/CSV file, `local` = demo or created offline.
 */
export type ContactSource = "outlook" | SharedMailboxSource | "orgcontact" | "directory" | "import" | "local";

export type SharedMailboxSource = `shared:${string}`;

export function sharedMailboxSource(address: string): SharedMailboxSource {
  return `shared:${address.toLowerCase()}`;
}

export type PhoneKind = "mobile" | "business" | "home" | "other";

export interface ContactPhone {
  /** As written in the source, shown to people. */
  number: string;
  kind: PhoneKind;
}

export interface Contact {
  /** Short, stable numeric id: what TelefUM shows and sends back in CARD. */
  id: string;
  source: ContactSource;
  /** The id in the source system (Graph id, file key); null for local contacts. */
  externalId: string | null;
  /** Graph contact folder id for `outlook` contacts. */
  folderId: string | null;
  name: string;
  company: string;
  /** One short line shown by TelefUM on an incoming call. */
  note: string;
  email: string;
  phones: ContactPhone[];
  updatedAt: string;
}

/** What a source supplies; the directory assigns the id. */
export type ContactInput = Omit<Contact, "id" | "updatedAt"> & { updatedAt?: string };
