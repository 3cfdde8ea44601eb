/**
 * Who this PC's user is in the team call log: the signed-in account's Graph user id and name, as the team room last
 * read them from Graph's /me (the id its rows carry as employee_id). Kept with the account's sync state
 * (m365_delta_state), so a sign-out forgets it with the rest; a report reads it without Microsoft 365 loaded.
 */
import type { Database } from "../store/database.js";
import { DeltaStateStore } from "../store/delta-state.js";

export interface TeamEmployee {
  id: string;
  name: string;
}

export const TEAM_EMPLOYEE_KEY = "team:employee";

export function signedInEmployee(db: Database): TeamEmployee | undefined {
  const kept = new DeltaStateStore(db).get(TEAM_EMPLOYEE_KEY);
  if (kept === undefined) return undefined;
  try {
    const employee = JSON.parse(kept) as Partial<TeamEmployee>;
    return typeof employee.id === "string" && employee.id && typeof employee.name === "string"
      ? { id: employee.id, name: employee.name }
      : undefined;
  } catch {
    return undefined;
  }
}
