/**
 * The line a call leaves in a contact's notes, and the text of its calendar event and follow-up task, in the
 * bridge's language (English unless given). The line starts with TelefUM's own timestamp, the same in every
 * language, so a line written before a change of language is still recognised.
 */
import type { CallRecord } from "../../calls/call-record.js";
import { LANGUAGES, translator, type Translator } from "../../i18n/i18n.js";

export const CALL_LINE_PREFIX = "☎ ";
const ENGLISH = translator("en");

export function isCallNoteLine(line: string): boolean {
  return line.trimStart().startsWith(CALL_LINE_PREFIX.trim());
}

export function directionWord(call: Pick<CallRecord, "direction">, tr: Translator = ENGLISH): string {
  return call.direction === "in" ? tr.t("mailbox.in") : tr.t("mailbox.out");
}

export function outcomeWord(call: Pick<CallRecord, "direction" | "answered">, tr: Translator = ENGLISH): string {
  if (call.answered) return tr.t("mailbox.answered");
  return call.direction === "in" ? tr.t("mailbox.missed") : tr.t("mailbox.notAnswered");
}

/** Unique per call within one contact's notes: what makes appending idempotent. */
export function callNoteKey(call: Pick<CallRecord, "start" | "direction">, tr: Translator = ENGLISH): string {
  return `${CALL_LINE_PREFIX}${call.start} · ${directionWord(call, tr)}`;
}

export function formatCallNoteLine(call: CallRecord, recordingUrl?: string, tr: Translator = ENGLISH): string {
  const parts = [callNoteKey(call, tr), outcomeWord(call, tr), tr.duration(call.durationSeconds)];
  if (call.direction === "in" || call.direction === "out") parts.push(call.number);
  if (recordingUrl) parts.push(tr.t("mailbox.recording", { url: recordingUrl }));
  return parts.join(" · ");
}

/** Appends the line unless a line for this call is already there; undefined = nothing to change. */
export function appendCallLine(
  notes: string | null | undefined,
  call: CallRecord,
  recordingUrl?: string,
  tr: Translator = ENGLISH,
): string | undefined {
  const current = notes ?? "";
  // The line may have been written in another language before the setting changed.
  const keys = LANGUAGES.map((language) => callNoteKey(call, translator(language)));
  if (current.split(/\r?\n/).some((line) => keys.some((key) => line.trim().startsWith(key)))) return undefined;
  const line = formatCallNoteLine(call, recordingUrl, tr);
  return current.trim() === "" ? line : `${current.replace(/\s+$/, "")}\r\n${line}`;
}

export function eventSubject(call: CallRecord, who: string, tr: Translator = ENGLISH): string {
  const arrow = call.direction === "in" ? "←" : "→";
  return `${arrow} ${who || call.number} (${outcomeWord(call, tr)}, ${tr.duration(call.durationSeconds)})`;
}

/** The To Do task for a missed call: "Call back Anna (0671234567)" and when it was. */
export function missedCallTask(
  call: CallRecord,
  who: string,
  tr: Translator = ENGLISH,
): { title: string; body: string } {
  return {
    title: tr.t("mailbox.taskTitle", { who: who ? `${who} (${call.number})` : call.number }),
    body: tr.t("mailbox.taskBody", { time: tr.dateTime(call.start), duration: tr.duration(call.durationSeconds) }),
  };
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

const NOTE_MARK = "note: ";

/** The call's line with what the user typed during it (one line: contact notes are line-per-call). */
export function callLineWithNote(call: CallRecord, recordingUrl: string | undefined, note: string | undefined): string {
  const line = formatCallNoteLine(call, recordingUrl);
  const text = note?.replace(/\s+/g, " ").trim();
  return text ? `${line} · ${NOTE_MARK}${text}` : line;
}

/** Puts the call's line (with its note) in place of the one already there, or appends it; undefined = no change. */
export function replaceCallLine(notes: string | null | undefined, call: CallRecord, line: string): string | undefined {
  const current = notes ?? "";
  const key = callNoteKey(call);
  const lines = current === "" ? [] : current.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim().startsWith(key));
  if (at < 0) return current.trim() === "" ? line : `${current.replace(/\s+$/, "")}\r\n${line}`;
  if (lines[at] === line) return undefined;
  lines[at] = line;
  return lines.join("\r\n");
}

/** What a call line says, read back. */
export interface ParsedCallLine {
  start: string;
  direction: "in" | "out";
  answered: boolean;
  durationSeconds: number;
  number: string;
  recordingUrl?: string;
  note?: string;
}

/** A call line read back (from a "Calls" event body written by any bridge); undefined for anything else. */
export function parseCallNoteLine(text: string): ParsedCallLine | undefined {
  const parts = text.trim().split(" · ");
  const start = parts[0]?.startsWith(CALL_LINE_PREFIX) ? parts[0].slice(CALL_LINE_PREFIX.length) : undefined;
  if (!start || parts.length < 4) return undefined;
  const direction = parts[1] === "incoming" ? "in" : parts[1] === "outgoing" ? "out" : undefined;
  const duration = /^(\d+):(\d\d):(\d\d)$/.exec(parts[3] ?? "");
  if (!direction || !duration) return undefined;
  const recording = parts.find((p) => p.startsWith("recording: "))?.slice("recording: ".length);
  const noteAt = parts.findIndex((p) => p.startsWith(NOTE_MARK));
  const note = noteAt >= 0 ? parts.slice(noteAt).join(" · ").slice(NOTE_MARK.length) : undefined;
  return {
    start,
    direction,
    answered: parts[2] === "answered",
    durationSeconds: Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
    number: parts[4] ?? "",
    ...(recording ? { recordingUrl: recording } : {}),
    ...(note ? { note } : {}),
  };
}
