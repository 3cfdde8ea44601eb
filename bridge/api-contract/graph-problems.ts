/** The reasons Microsoft 365 (and its team call log) may not be working, with no dependency: the pane bundles this. */
/** Why Microsoft 365 is not working now, as a code: a person reads its catalog text, the detail is in the log. */
export const GRAPH_PROBLEMS = [
  "network",
  "throttled",
  "graphDown",
  "garbage",
  "signInNeeded",
  "refused",
  // Not Graph's: the contact index on this PC cannot be read, so calls wait for their contact notes.
  "contactIndex",
] as const;
export type GraphProblem = (typeof GRAPH_PROBLEMS)[number];

/** The catalog key of each problem's short reason (spelled out, so the catalog check sees them used). */
export const PROBLEM_TEXT: Record<GraphProblem, string> = {
  network: "m365.problem.network",
  throttled: "m365.problem.throttled",
  graphDown: "m365.problem.graphDown",
  garbage: "m365.problem.garbage",
  signInNeeded: "m365.problem.signInNeeded",
  refused: "m365.problem.refused",
  contactIndex: "m365.problem.contactIndex",
};

/** Why the team call log cannot reach its list: the admin's part (`team.problem.<code>`), or Graph's. */
export const TEAM_PROBLEMS = ["siteDenied", "siteNotFound", "rowsRefused", "signInForTeam", ...GRAPH_PROBLEMS] as const;
export type TeamProblem = (typeof TEAM_PROBLEMS)[number];

/** The catalog key of each team problem's text: what the admin must do, or Graph's trouble. */
export const TEAM_PROBLEM_TEXT: Record<TeamProblem, string> = {
  siteDenied: "team.problem.siteDenied",
  siteNotFound: "team.problem.siteNotFound",
  rowsRefused: "team.problem.rowsRefused",
  signInForTeam: "team.problem.signInForTeam",
  ...PROBLEM_TEXT,
};
