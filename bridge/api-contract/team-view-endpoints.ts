/**
 * The pane's views of the team call log: the card's team history for a number and the team's unreturned missed
 * calls, read from this PC's copy. `enabled: false` (with an empty list) when the copy is empty and no team log is
 * configured, so the pane hides the section.
 */
import * as v from "valibot";
import type { TeamCall } from "../team/team-call.js";
import type { Endpoint } from "./endpoint.js";
import { count, phone } from "./fields.js";
import { TEAM_HISTORY, TEAM_MISSED } from "./paths.js";
import { sameShape } from "./same-shape.js";

export const TEAM_CALL = v.object({
  itemId: v.string(),
  callKey: v.string(),
  kind: v.picklist(["call", "sms"]),
  start: v.string(),
  startLocal: v.string(),
  durationSeconds: v.number(),
  direction: v.picklist(["in", "out"]),
  answered: v.boolean(),
  number: v.string(),
  numberKey: v.string(),
  contactName: v.string(),
  company: v.string(),
  employeeName: v.string(),
  employeeId: v.string(),
  device: v.nullable(v.number()),
  line: v.nullable(v.number()),
  recordingUrl: v.string(),
  notes: v.string(),
  claimedBy: v.string(),
  claimedById: v.string(),
  claimedAt: v.nullable(v.string()),
  modifiedAt: v.string(),
});
sameShape<v.InferOutput<typeof TEAM_CALL>, TeamCall>();

const TEAM_CALLS = v.object({ enabled: v.boolean(), calls: v.array(TEAM_CALL) });

export const teamHistory = {
  method: "GET",
  path: TEAM_HISTORY,
  query: v.object({ number: phone("number"), limit: count("limit", 5, 50) }),
  answer: TEAM_CALLS,
} as const satisfies Endpoint;

export const teamMissed = {
  method: "GET",
  path: TEAM_MISSED,
  query: v.object({ days: count("days", 14, 90), limit: count("limit", 50, 200) }),
  answer: TEAM_CALLS,
} as const satisfies Endpoint;
