/**
 * "I'll call back" on a call of the team call log: the claim goes into this PC's copy at once and to the SharePoint
 * list durably. Refused with 409 `team.off` while the team log is off or nobody is signed in, 404 `team.unknown` for
 * an item this PC's copy does not hold.
 */
import * as v from "valibot";
import type { Endpoint } from "./endpoint.js";
import { text } from "./fields.js";
import { TEAM_CLAIM } from "./paths.js";

export const TEAM_CLAIM_ANSWER = v.object({ claimedBy: v.string(), claimedAt: v.string() });
export type TeamClaimAnswer = v.InferOutput<typeof TEAM_CLAIM_ANSWER>;

export const teamClaim = {
  method: "POST",
  path: TEAM_CLAIM,
  body: v.object({ itemId: text("itemId") }),
  answer: TEAM_CLAIM_ANSWER,
} as const satisfies Endpoint;
