/**
 * The local API of the call card's context, behind the one local-API guard, each route checked against its
 * endpoint in the contract (api-contract/context-endpoints.ts):
 *   GET  /api/context?number=&contactId=   what the card shows beyond the name
 *   POST /api/notes                        a note typed during a call (note-routes.ts)
 *   GET  /api/missed, POST /api/missed/done  missed calls not yet called back (missed-call-routes.ts)
 */
import type { CallLog } from "../calls/call-log.js";
import type { CallNotes } from "../calls/call-notes.js";
import type { MissedCalls } from "../calls/missed-calls.js";
import type { Directory } from "../directory/directory.js";
import { context } from "../api-contract/context-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import type { Route } from "../http/server.js";
import type { CallerContext } from "./caller-context.js";
import { missedCallRoutes } from "./missed-call-routes.js";
import { noteRoutes } from "./note-routes.js";

export interface ContextRouteDeps {
  context: CallerContext;
  notes: CallNotes;
  missed: MissedCalls;
  callLog: CallLog;
  directory: Directory;
  /** A note or a cleared missed call is pending for the mailbox. */
  changed(): void;
}

export function contextRoutes(deps: ContextRouteDeps): Route[] {
  return [
    apiRoute(context, ({ query }) => deps.context.get(query.number, query.contactId)),
    ...noteRoutes(deps),
    ...missedCallRoutes(deps),
  ];
}
