/**
 * One row of the office's team call log as this PC keeps it: a call (or an SMS sent from Outlook) by any employee,
 * as the SharePoint list holds it. The list is the truth; this is its shape here.
 */
export interface TeamCall {
  /** The list item's id in SharePoint. */
  itemId: string;
  /** Unique in the list: the employee, the number key, the start and the direction; a second write is a no-op. */
  callKey: string;
  kind: "call" | "sms";
  /** UTC, ISO 8601 with Z. */
  start: string;
  /** The same instant in this PC's zone, "YYYY-MM-DD HH:MM:SS": what periods, days and hours are counted in. */
  startLocal: string;
  durationSeconds: number;
  direction: "in" | "out";
  answered: boolean;
  /** The number as TelefUM sent it. */
  number: string;
  /** Its matching key (directory/phone-key.ts): E.164 or `#digits`. */
  numberKey: string;
  contactName: string;
  company: string;
  employeeName: string;
  /** The employee's Microsoft 365 user id. */
  employeeId: string;
  /** TelefUM's phone (1-4) and line (1-2), when the CONTACT? before the call said. */
  device: number | null;
  line: number | null;
  recordingUrl: string;
  notes: string;
  /** Who said "I'll call back" for a missed call; "" when nobody. */
  claimedBy: string;
  claimedById: string;
  claimedAt: string | null;
  /** The item's lastModifiedDateTime: a change older than the row kept is not applied. */
  modifiedAt: string;
}

/** "YYYY-MM-DD HH:MM:SS" in this PC's zone for a UTC instant. */
export function localStamp(utc: string | Date): string {
  const date = typeof utc === "string" ? new Date(utc) : utc;
  const pad = (n: number): string => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
