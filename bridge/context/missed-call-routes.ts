/** The missed calls not yet called back (GET /api/missed), and one of them dealt with (POST /api/missed/done). */
import type { MissedCalls } from "../calls/missed-calls.js";
import type { Directory } from "../directory/directory.js";
import { missed, missedDone } from "../api-contract/context-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { historyEntries } from "../http/history-entries.js";
import { HttpError, type Route } from "../http/server.js";

export function missedCallRoutes(deps: { missed: MissedCalls; directory: Directory; changed(): void }): Route[] {
  const open = () => ({ calls: historyEntries(deps.directory, deps.missed.open()) });
  return [
    apiRoute(missed, open),
    apiRoute(missedDone, ({ body: { callId } }) => {
      if (!deps.missed.markDone(callId)) {
        const stillOpen = deps.missed.open(500).some((c) => c.id === callId);
        if (!stillOpen) throw new HttpError(404, `no open missed call ${String(callId)}`);
      }
      deps.changed();
      return open();
    }),
  ];
}
