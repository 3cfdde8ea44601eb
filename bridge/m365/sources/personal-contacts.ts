/** The user's own contact folders as a source (their sync is contact-sync.ts). */
import type { ContactSync, ContactSyncReport } from "./contact-sync.js";
import type { SyncSource } from "./source.js";

export function personalContacts(sync: ContactSync, onReport: (report: ContactSyncReport) => void): SyncSource {
  return {
    key: "contacts",
    label: "Outlook contacts",
    contactSource: "outlook",
    statePrefix: "contacts:",
    permission: "Contacts.ReadWrite",
    sync: async () => onReport(await sync.syncAll()),
  };
}
