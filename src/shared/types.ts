/** What the bridge's /api answers with (mirrors bridge/directory/contact.ts and bridge/calls/call-record.ts). */
export type PhoneKind = "mobile" | "business" | "home" | "other";

export interface Contact {
  id: string;
  source: "outlook" | "directory" | "import" | "local";
  name: string;
  company: string;
  note: string;
  email: string;
  phones: { number: string; kind: PhoneKind }[];
}

export interface CallEntry {
  id: number;
  number: string;
  direction: "in" | "out";
  answered: boolean;
  start: string;
  durationSeconds: number;
  recordingPath: string;
  contactIds: string[];
  contacts: { id: string; name: string }[];
}

export interface DayCount {
  day: string;
  incoming: number;
  outgoing: number;
  missed: number;
}

export interface Lookup {
  number: string;
  contacts: Contact[];
  chosen: string | null;
  calls: CallEntry[];
}

export type SmsDevice = 1 | 2 | 3 | 4 | 5;

/** Live events pushed over /api/events. */
export type PaneEvent =
  | { type: "incoming-call"; number: string; device: number; line: number; contacts: Contact[]; at: string }
  | { type: "open-card"; ids: string[]; contacts: Contact[]; missingIds: string[]; number?: string }
  | { type: "contact-created"; number: string; contact: Contact }
  | { type: "call-logged"; call: Omit<CallEntry, "contacts"> }
  | { type: "sent"; text: string; at: string }
  | { type: "failure"; stage: string; message: string; text?: string };
