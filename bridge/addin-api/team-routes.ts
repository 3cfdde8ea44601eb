/**
 * The team call log in the pane: the card's team history for a number (GET /api/team/history) and the team's
 * unreturned missed calls (GET /api/team/missed), read from this PC's copy only, so they answer with Graph down.
 */
import type { CountryCode } from "libphonenumber-js";
import { teamClaim as claimEndpoint } from "../api-contract/team-claim-endpoints.js";
import { teamHistory as historyEndpoint, teamMissed as missedEndpoint } from "../api-contract/team-view-endpoints.js";
import { phoneKey } from "../directory/phone-key.js";
import { apiRoute } from "../http/api-route.js";
import { HttpError, type Route } from "../http/server.js";
import type { Database } from "../store/database.js";
import { TeamCopy } from "../team/team-copy.js";
import { teamHistory } from "../team/team-history.js";
import { teamMissed } from "../team/team-missed.js";

export interface TeamViewDeps {
  db: Database;
  /** Numbers written without a country code are keyed in this region, as the team log's writer keys them. */
  region: CountryCode;
  /** Whether a team log is configured (`microsoft365.team`). */
  configured(): boolean;
  /** Whether Microsoft 365 is configured: its room then answers the claim route (409 itself while the log is off). */
  claimsServedByM365: boolean;
}

const claimWhileOff = apiRoute(claimEndpoint, () => {
  throw new HttpError(409, "the team call log is off: configure microsoft365.team and sign in", "team.off");
});

export function teamRoutes(deps: TeamViewDeps): Route[] {
  const copy = new TeamCopy(deps.db);
  // A configured log still syncing shows an empty section; no log and no rows hides it.
  const enabled = (): boolean => deps.configured() || !copy.isEmpty();
  return [
    apiRoute(historyEndpoint, ({ query: { number, limit } }) => {
      const on = enabled();
      const key = phoneKey(number, deps.region)?.key;
      if (!on || !key) return { enabled: on, calls: [] };
      return { enabled: true, calls: teamHistory(deps.db, key, limit) };
    }),
    apiRoute(missedEndpoint, ({ query: { days, limit } }) => {
      if (!enabled()) return { enabled: false, calls: [] };
      return { enabled: true, calls: teamMissed(deps.db, { days, limit }) };
    }),
    // With Microsoft 365 configured its room's claim route answers (409 itself while the log is off or signed out).
    ...(deps.claimsServedByM365 ? [] : [claimWhileOff]),
  ];
}
