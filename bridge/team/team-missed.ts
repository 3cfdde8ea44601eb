/**
 * The team's unreturned missed calls: every missed incoming call in this PC's copy of the team log with no later
 * answered call (in or out, by anyone) with its number key. A claimed one stays, showing who will call back.
 * Index-only: the period is a range on team_calls_start, each "returned?" a probe of team_calls_number.
 */
import { all } from "../store/query.js";
import type { Database } from "../store/database.js";
import { localStamp, type TeamCall } from "./team-call.js";
import { teamCallOf, type TeamCallRow } from "./team-copy.js";

export const TEAM_MISSED_MAX_DAYS = 90;
export const TEAM_MISSED_MAX = 200;

export interface TeamMissedOptions {
  /** How far back, in days from `now`. */
  days?: number;
  limit?: number;
  now?: Date;
}

/** The missed call; its name and company are the newest the copy has for the number when the row had none. */
export function teamMissed(db: Database, options: TeamMissedOptions = {}): TeamCall[] {
  const days = Math.min(Math.max(1, options.days ?? 14), TEAM_MISSED_MAX_DAYS);
  const limit = Math.min(Math.max(1, options.limit ?? 50), TEAM_MISSED_MAX);
  const since = localStamp(new Date((options.now ?? new Date()).getTime() - days * 86_400_000));
  const known = (column: "contact_name" | "company") =>
    `COALESCE(NULLIF(m.${column}, ''), (SELECT n.${column} FROM team_calls n
       WHERE n.number_key = m.number_key AND n.${column} <> '' ORDER BY n.start_local DESC LIMIT 1), '')`;
  const rows = all<TeamCallRow>(
    db.prepare(
      `SELECT m.*, ${known("contact_name")} AS contact_name, ${known("company")} AS company
       FROM team_calls m
       WHERE m.start_local >= ? AND m.kind = 'call' AND m.direction = 'in' AND m.answered = 0
         AND m.number_key <> ''
         AND NOT EXISTS (SELECT 1 FROM team_calls r
           WHERE r.number_key = m.number_key AND r.start_local > m.start_local AND r.kind = 'call' AND r.answered = 1)
       ORDER BY m.start_local DESC, m.item_id DESC LIMIT ?`,
    ),
    since,
    limit,
  );
  return rows.map(teamCallOf);
}
