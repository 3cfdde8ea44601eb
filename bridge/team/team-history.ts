/**
 * The card's team history: the office's latest calls with one number key, newest first, from this PC's copy of the
 * team log. One indexed range (team_calls_number); SMS rows are not calls.
 */
import { all } from "../store/query.js";
import type { Database } from "../store/database.js";
import type { TeamCall } from "./team-call.js";
import { teamCallOf, type TeamCallRow } from "./team-copy.js";

/** The card shows a few; more is the reports' job. */
export const TEAM_HISTORY_MAX = 50;

export function teamHistory(db: Database, numberKey: string, limit = 5): TeamCall[] {
  return all<TeamCallRow>(
    db.prepare(
      `SELECT * FROM team_calls WHERE number_key = ? AND kind = 'call'
       ORDER BY start_local DESC, item_id DESC LIMIT ?`,
    ),
    numberKey,
    Math.min(Math.max(1, limit), TEAM_HISTORY_MAX),
  ).map(teamCallOf);
}
