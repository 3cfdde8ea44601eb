/** Hand-made call logs whose report figures are worked out by hand, in a real SQLite file. */
import { CallLog } from "../../bridge/calls/call-log.js";
import type { Database } from "../../bridge/store/sqlite.js";
import type { TeamCall } from "../../bridge/team/team-call.js";
import { TeamCopy } from "../../bridge/team/team-copy.js";

export const OLENA = { employeeId: "u1", employeeName: "Олена Коваль" };
export const PETRO = { employeeId: "u2", employeeName: "Петро Іваненко" };

let items = 0;
export function teamRow(
  who: typeof OLENA,
  startLocal: string,
  direction: "in" | "out",
  answered: boolean,
  numberKey: string,
  durationSeconds: number,
  device: [number, number] | null,
  kind: "call" | "sms" = "call",
): TeamCall {
  items += 1;
  return {
    itemId: String(items),
    callKey: `${who.employeeId}|${numberKey}|${startLocal}|${direction}`,
    kind,
    start: `${startLocal.replace(" ", "T")}Z`,
    startLocal,
    durationSeconds,
    direction,
    answered,
    number: numberKey,
    numberKey,
    contactName: "",
    company: "",
    ...who,
    device: device?.[0] ?? null,
    line: device?.[1] ?? null,
    recordingUrl: "",
    notes: "",
    claimedBy: "",
    claimedById: "",
    claimedAt: null,
    modifiedAt: "2026-12-02T00:00:00Z",
  };
}

/** Twelve rows worked out by hand (see report-definitions.test.ts for the figures). */
export function fillTeamLog(db: Database): Database {
  new TeamCopy(db).apply([
    teamRow(OLENA, "2026-10-31 23:59:00", "in", true, "K2", 100, [1, 1]), // before the period; earlier than the miss
    teamRow(OLENA, "2026-11-02 09:15:00", "in", true, "K1", 20, [1, 1]),
    teamRow(OLENA, "2026-11-02 23:50:00", "in", false, "K2", 0, [1, 1]), // returned 20 min later, after midnight
    teamRow(PETRO, "2026-11-03 00:10:00", "out", true, "K2", 45, [2, 1]),
    teamRow(OLENA, "2026-11-10 10:00:00", "in", false, "K4", 0, null), // only another miss and an SMS follow
    teamRow(PETRO, "2026-11-10 11:00:00", "in", false, "K4", 0, [2, 2]),
    teamRow(OLENA, "2026-11-10 12:00:00", "out", true, "K4", 0, [1, 1], "sms"),
    teamRow(PETRO, "2026-11-15 14:30:00", "out", true, "K5", 700, [2, 1]),
    teamRow(OLENA, "2026-11-15 14:40:00", "out", false, "K6", 0, [1, 2]), // not answered, not missed
    teamRow(OLENA, "2026-11-20 09:05:00", "out", true, "K7", 200, [1, 1]),
    teamRow(PETRO, "2026-11-30 23:55:00", "in", false, "K3", 0, [2, 2]), // returned on 1 December: 10 min
    teamRow(OLENA, "2026-12-01 00:05:00", "in", true, "K3", 150, [1, 1]),
  ]);
  return db;
}

/** This PC's own log: a miss returned 90 s later across midnight, one never returned, one answered; one in December. */
export function fillOwnLog(db: Database): Database {
  const log = new CallLog(db);
  const call = (number: string, direction: "in" | "out", answered: boolean, start: string, durationSeconds: number) =>
    log.record({ number, direction, answered, start, durationSeconds, recordingPath: "" }, []);
  call("0501112233", "in", false, "2026-11-05 23:59:30", 0);
  call("0501112233", "out", true, "2026-11-06 00:01:00", 30);
  call("0672223344", "in", false, "2026-11-07 10:00:00", 0);
  call("0931234567", "in", true, "2026-11-08 12:00:00", 65);
  call("0931234567", "in", true, "2026-12-08 12:00:00", 65);
  return db;
}
