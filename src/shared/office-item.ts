/**
 * What the current Outlook item tells us about who to call: the sender (or organizer / recipients) and any
 * numbers written in the body. Works on read items (sync properties) and compose items (async getters).
 */
import { extractPhoneNumbers } from "./phone-extract.js";

export interface ItemPeople {
  /** E-mail addresses of the sender/organizer (read) or recipients (compose), to look up in the bridge. */
  emails: string[];
  /** Display names that go with them. */
  names: string[];
  /** Numbers found in the body text. */
  bodyNumbers: string[];
}

type AsyncGetter<T> = { getAsync(callback: (result: Office.AsyncResult<T>) => void): void };

function isAsyncGetter<T>(value: unknown): value is AsyncGetter<T> {
  return (
    typeof value === "object" && value !== null && typeof (value as { getAsync?: unknown }).getAsync === "function"
  );
}

function getAsync<T>(getter: AsyncGetter<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    try {
      getter.getAsync((result) => resolve(String(result.status) === "succeeded" ? result.value : undefined));
    } catch {
      resolve(undefined);
    }
  });
}

function bodyText(body: Office.Body | undefined): Promise<string> {
  if (!body || typeof body.getAsync !== "function") return Promise.resolve("");
  return new Promise((resolve) => {
    try {
      body.getAsync("text" as Office.CoercionType, (result) =>
        resolve(String(result.status) === "succeeded" ? String(result.value ?? "") : ""),
      );
    } catch {
      resolve("");
    }
  });
}

type Address = Office.EmailAddressDetails;

async function addressesOf(value: unknown): Promise<Address[]> {
  if (value === undefined || value === null) return [];
  if (isAsyncGetter<Address | Address[]>(value)) {
    const got = await getAsync(value);
    if (!got) return [];
    return Array.isArray(got) ? got : [got];
  }
  if (Array.isArray(value)) return value as Address[];
  return [value as Address];
}

/** Reads the item; never throws (an item we can't read just yields nothing). */
export async function readItemPeople(
  item:
    | Office.MessageRead
    | Office.MessageCompose
    | Office.AppointmentRead
    | Office.AppointmentCompose
    | undefined
    | null,
): Promise<ItemPeople> {
  if (!item) return { emails: [], names: [], bodyNumbers: [] };
  const anyItem = item as unknown as Record<string, unknown>;
  const people: Address[] = [];
  // Compose surfaces expose recipients through getAsync; there "from"/"organizer" is the user, so look at
  // who the item goes to. Read surfaces: the sender (message) or the organizer (appointment).
  const composing = isAsyncGetter(anyItem.to) || isAsyncGetter(anyItem.requiredAttendees);
  const keys = composing ? ["to", "cc", "requiredAttendees", "optionalAttendees"] : ["from", "sender", "organizer"];
  for (const key of keys) people.push(...(await addressesOf(anyItem[key])));
  const emails: string[] = [];
  const names: string[] = [];
  for (const person of people) {
    const email = person?.emailAddress?.trim();
    if (email && !emails.includes(email.toLowerCase())) {
      emails.push(email.toLowerCase());
      names.push(person.displayName ?? "");
    }
  }
  const text = await bodyText(anyItem.body as Office.Body | undefined);
  return { emails, names, bodyNumbers: extractPhoneNumbers(text) };
}

/** The mailbox item when running inside Outlook, else undefined (standalone page, tests). */
export function currentItem(): Parameters<typeof readItemPeople>[0] {
  try {
    return typeof Office !== "undefined"
      ? (Office.context?.mailbox?.item as Parameters<typeof readItemPeople>[0])
      : undefined;
  } catch {
    return undefined;
  }
}
