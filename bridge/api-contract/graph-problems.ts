/** The reasons Microsoft 365 may not be working, with no dependency: the pane bundles this file. */
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
