/** Team log rows for tests, as the delta sync applies them: a local wall-clock time in, the row's UTC and local out. */
import { localStamp, type TeamCall } from "../../bridge/team/team-call.js";

let next = 0;

/** `at` is this PC's local time ("2026-11-30 10:12"); everything else as a plain answered incoming call. */
export function teamRow(at: string, overrides: Partial<TeamCall> = {}): TeamCall {
  const date = new Date(`${at.replace(" ", "T")}`);
  const start = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const itemId = overrides.itemId ?? String(++next);
  const employeeId = overrides.employeeId ?? "user-olena";
  const numberKey = overrides.numberKey ?? "+380675355355";
  const direction = overrides.direction ?? "in";
  return {
    itemId,
    callKey: `${employeeId}|${numberKey}|${start}|${direction}|${itemId}`,
    kind: "call",
    start,
    startLocal: localStamp(date),
    durationSeconds: 0,
    direction,
    answered: true,
    number: "0675355355",
    numberKey,
    contactName: "",
    company: "",
    employeeName: "Олена Коваль",
    employeeId,
    device: 1,
    line: 1,
    recordingUrl: "",
    notes: "",
    claimedBy: "",
    claimedById: "",
    claimedAt: null,
    modifiedAt: start,
    ...overrides,
  };
}

export const IGOR = { employeeName: "Ігор Бондар", employeeId: "user-igor" } as const;
