/** What happened: the call log, its per-day figures for the chart, the messages that were not understood. */
import { fillDays, localDate } from "../calls/call-days.js";
import { history, historyPerDay, notUnderstood } from "../api-contract/history-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { historyEntries } from "../http/history-entries.js";
import type { Route } from "../http/server.js";
import type { AddinApiDeps } from "./addin-api-deps.js";

export function historyRoutes(deps: AddinApiDeps): Route[] {
  const today = deps.today ?? (() => localDate());
  return [
    apiRoute(history, ({ query: { number, limit } }) => {
      const calls = number ? deps.callLog.recent({ number, limit }) : deps.callLog.recent({ limit });
      return { calls: historyEntries(deps.directory, calls) };
    }),
    apiRoute(historyPerDay, ({ query: { days } }) => {
      const day = today();
      return { today: day, days: fillDays(deps.callLog.perDay(days, day), days, day) };
    }),
    apiRoute(notUnderstood, ({ query }) => ({ messages: deps.notUnderstood.recent(query.limit) })),
  ];
}
