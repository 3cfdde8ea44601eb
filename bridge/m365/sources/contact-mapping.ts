/** Graph contacts and users as the local index stores them. */
import type { ContactInput, ContactPhone, ContactSource } from "../../directory/contact.js";
import { isCallNoteLine } from "../outbox/call-note.js";

export interface GraphContactItem {
  id: string;
  parentFolderId?: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  personalNotes?: string | null;
  emailAddresses?: { name?: string | null; address?: string | null }[] | null;
  businessPhones?: string[] | null;
  homePhones?: string[] | null;
  mobilePhone?: string | null;
  "@removed"?: { reason: string };
}

export interface GraphUserItem {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  companyName?: string | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
}

/** An organisation contact (orgContact); Graph lists its numbers in `phones` with a type each. */
export interface GraphOrgContactItem {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  companyName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  phones?: { type?: string | null; number?: string | null }[] | null;
}

export const CONTACT_SELECT =
  "displayName,givenName,surname,companyName,jobTitle,personalNotes,emailAddresses," +
  "businessPhones,homePhones,mobilePhone,parentFolderId";
export const USER_SELECT =
  "id,displayName,mail,userPrincipalName,jobTitle,department,companyName,businessPhones,mobilePhone";

export const ORG_CONTACT_SELECT = "id,displayName,givenName,surname,mail,companyName,department,jobTitle,phones";

const NOTE_MAX = 120;

/** The first line of the notes that the bridge did not write itself (call lines are appended below). */
export function shortNote(personalNotes: string | null | undefined): string {
  const line = (personalNotes ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "" && !isCallNoteLine(l));
  return line ? line.slice(0, NOTE_MAX) : "";
}

function phones(list: (string | null | undefined)[], kind: ContactPhone["kind"]): ContactPhone[] {
  return list
    .filter((n): n is string => typeof n === "string" && /\d/.test(n))
    .map((number) => ({ number: number.trim(), kind }));
}

/** `source`: "outlook" for the user's own contacts, `shared:<address>` for another mailbox's. */
export function contactFromGraph(
  item: GraphContactItem,
  folderId: string,
  source: ContactSource = "outlook",
): ContactInput {
  const email = item.emailAddresses?.find((e) => e?.address)?.address ?? "";
  const personName = [item.givenName, item.surname].filter(Boolean).join(" ");
  return {
    source,
    externalId: item.id,
    folderId: item.parentFolderId ?? folderId,
    name: item.displayName?.trim() || personName || item.companyName?.trim() || email || "(no name)",
    company: item.companyName?.trim() ?? "",
    note: shortNote(item.personalNotes),
    email,
    phones: [
      ...phones([item.mobilePhone], "mobile"),
      ...phones(item.businessPhones ?? [], "business"),
      ...phones(item.homePhones ?? [], "home"),
    ],
  };
}

export function contactFromUser(user: GraphUserItem): ContactInput {
  return {
    source: "directory",
    externalId: user.id,
    folderId: null,
    name: user.displayName?.trim() || user.mail || user.userPrincipalName || "(no name)",
    company: user.companyName?.trim() || user.department?.trim() || "",
    note: [user.jobTitle, user.department].filter(Boolean).join(", ").slice(0, NOTE_MAX),
    email: user.mail ?? user.userPrincipalName ?? "",
    phones: [...phones([user.mobilePhone], "mobile"), ...phones(user.businessPhones ?? [], "business")],
  };
}

const ORG_PHONE_KINDS: Record<string, ContactPhone["kind"]> = { mobile: "mobile", business: "business", home: "home" };

export function contactFromOrgContact(contact: GraphOrgContactItem): ContactInput {
  const personName = [contact.givenName, contact.surname].filter(Boolean).join(" ");
  const numbers = (contact.phones ?? []).filter((p) => p?.type !== "businessFax" && p?.type !== "homeFax");
  return {
    source: "orgcontact",
    externalId: contact.id,
    folderId: null,
    name: contact.displayName?.trim() || personName || contact.mail || "(no name)",
    company: contact.companyName?.trim() || contact.department?.trim() || "",
    note: [contact.jobTitle, contact.department].filter(Boolean).join(", ").slice(0, NOTE_MAX),
    email: contact.mail ?? "",
    phones: numbers.flatMap((p) => phones([p.number], ORG_PHONE_KINDS[p.type ?? ""] ?? "other")),
  };
}
