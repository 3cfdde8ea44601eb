/** One place Microsoft 365 numbers come from, as the sync pass runs it and the status shows it. */
import type { ContactSource } from "../../directory/contact.js";

export interface SyncSource {
  /** Its name in config, the pane's switch and the status: contacts, directory, orgContacts, shared:<address>. */
  readonly key: string;
  /** What the pane shows. */
  readonly label: string;
  /** The index's source of its contacts: counted in the status, dropped when the source is switched off. */
  readonly contactSource: ContactSource;
  /** Its delta links in the sync state start with this (forgotten when it is switched off). */
  readonly statePrefix: string;
  /** What the tenant must grant for it, named in the status when Graph refuses (403). */
  readonly permission: string;
  sync(): Promise<void>;
}
