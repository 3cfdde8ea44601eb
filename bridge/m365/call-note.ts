/** The line a call leaves in a contact's notes, and the text of its calendar event and follow-up task. */
import type { CallRecord } from "../calls/call-record.js";
import { formatDuration } from "../protocol/codec.js";

export const CALL_LINE_PREFIX = "☎ ";

export function isCallNoteLine(line: string): boolean {
  return line.trimStart().startsWith(CALL_LINE_PREFIX.trim());
}

export function directionWord(call: Pick<CallRecord, "direction">): string {
  return call.direction === "in" ? "incoming" : "outgoing";
}

export function outcomeWord(call: Pick<CallRecord, "direction" | "answered">): string {
  if (call.answered) return "answered";
  return call.direction === "in" ? "missed" : "not answered";
}

/** Unique per call within one contact's notes: what makes appending idempotent. */
export function callNoteKey(call: Pick<CallRecord, "start" | "direction">): string {
  return `${CALL_LINE_PREFIX}${call.start} · ${directionWord(call)}`;
}

export function formatCallNoteLine(call: CallRecord, recordingUrl?: string): string {
  const parts = [callNoteKey(call), outcomeWord(call), formatDuration(call.durationSeconds)];
  if (call.direction === "in" || call.direction === "out") parts.push(call.number);
  if (recordingUrl) parts.push(`recording: ${recordingUrl}`);
  return parts.join(" · ");
}

/** Appends the line unless a line for this call is already there; undefined = nothing to change. */
export function appendCallLine(
  notes: string | null | undefined,
  call: CallRecord,
  recordingUrl?: string,
): string | undefined {
  const current = notes ?? "";
  const key = callNoteKey(call);
  if (current.split(/\r?\n/).some((line) => line.trim().startsWith(key))) return undefined;
  const line = formatCallNoteLine(call, recordingUrl);
  return current.trim() === "" ? line : `${current.replace(/\s+$/, "")}\r\n${line}`;
}

export function eventSubject(call: CallRecord, who: string): string {
  const arrow = call.direction === "in" ? "←" : "→";
  return `${arrow} ${who || call.number} (${outcomeWord(call)}, ${formatDuration(call.durationSeconds)})`;
}

/** TelefUM's local `yyyy-mm-dd hh:mm:ss` as Graph's dateTime (zone given separately). */
export function graphDateTime(local: string): string {
  return local.replace(" ", "T");
}

/** Local wall-clock end of the call, same format as start. */
export function addSeconds(local: string, seconds: number): string {
  const [date, time] = local.split(" ");
  const [y, mo, d] = (date ?? "").split("-").map(Number);
  const [h, mi, s] = (time ?? "").split(":").map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0) + Math.max(0, seconds) * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  );
}

/** Stable id for the call across restarts: number, direction and start are TelefUM's own unique key. */
export function callTransactionId(call: Pick<CallRecord, "number" | "direction" | "start">): string {
  return `telefum-${call.direction}-${call.number.replace(/\D/g, "")}-${call.start.replace(/\D/g, "")}`;
}
