/**
 * The team list's columns and the mapping between a list item's fields and a TeamCall. Only the columns marked
 * indexed are ever filtered on (the 5,000-item list view threshold); callKey is unique, so a second write of a call
 * is refused by SharePoint itself.
 */
import { localStamp, type TeamCall } from "../../team/team-call.js";

type Facet = { text: Record<string, unknown> } | { number: object } | { dateTime: object } | { boolean: object };
export type ColumnDefinition = { name: string; indexed?: boolean; enforceUniqueValues?: boolean } & Facet;

const text = { text: {} };
const number = { number: {} };
const dateTime = { dateTime: { format: "dateTime" } };

export const TEAM_COLUMNS: ColumnDefinition[] = [
  { name: "callKey", ...text, indexed: true, enforceUniqueValues: true },
  { name: "start", ...dateTime, indexed: true },
  { name: "durationSeconds", ...number },
  { name: "direction", ...text, indexed: true },
  { name: "answered", boolean: {}, indexed: true },
  { name: "number", ...text },
  { name: "numberKey", ...text, indexed: true },
  { name: "contactName", ...text },
  { name: "company", ...text },
  { name: "employeeName", ...text },
  { name: "employeeId", ...text, indexed: true },
  { name: "device", ...number },
  { name: "line", ...number },
  { name: "recordingUrl", ...text },
  { name: "notes", text: { allowMultipleLines: true } },
  { name: "kind", ...text },
  { name: "claimedBy", ...text },
  { name: "claimedById", ...text },
  { name: "claimedAt", ...dateTime },
];

/** The columns a filter may name: those created indexed. */
export const INDEXED_COLUMNS = new Set(TEAM_COLUMNS.filter((c) => c.indexed).map((c) => c.name));

/** What the delta asks for, so the answer carries no other fields. */
export const SELECTED_FIELDS = TEAM_COLUMNS.map((c) => c.name).join(",");

/** What one row of the list holds, as written (a TeamCall without what SharePoint gives: id, modified). */
export type TeamFields = Omit<TeamCall, "itemId" | "startLocal" | "modifiedAt" | "claimedAt"> & {
  claimedAt: string | null;
};

export function fieldsOf(row: TeamFields): Record<string, unknown> {
  const { claimedAt, ...rest } = row;
  return { Title: row.contactName || row.number, ...rest, ...(claimedAt ? { claimedAt } : {}) };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** A list item as delta brings it; undefined when it is not a row of ours (no callKey or start). */
export function teamCallOf(item: {
  id: string;
  lastModifiedDateTime?: string;
  fields?: unknown;
}): TeamCall | undefined {
  const f = (item.fields ?? {}) as Record<string, unknown>;
  const start = str(f.start);
  if (!str(f.callKey) || Number.isNaN(Date.parse(start))) return undefined;
  return {
    itemId: item.id,
    callKey: str(f.callKey),
    kind: f.kind === "sms" ? "sms" : "call",
    start: new Date(start).toISOString(),
    startLocal: localStamp(start),
    durationSeconds: num(f.durationSeconds) ?? 0,
    direction: f.direction === "in" ? "in" : "out",
    answered: f.answered === true,
    number: str(f.number),
    numberKey: str(f.numberKey),
    contactName: str(f.contactName),
    company: str(f.company),
    employeeName: str(f.employeeName),
    employeeId: str(f.employeeId),
    device: num(f.device),
    line: num(f.line),
    recordingUrl: str(f.recordingUrl),
    notes: str(f.notes),
    claimedBy: str(f.claimedBy),
    claimedById: str(f.claimedById),
    claimedAt: str(f.claimedAt) || null,
    modifiedAt: item.lastModifiedDateTime ?? new Date(0).toISOString(),
  };
}
