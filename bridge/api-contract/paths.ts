/**
 * Where every /api/ route of the local API lives, and how the pairing token travels: written once, used by the
 * bridge's routes, the pane (src/) and the bridge's own page scripts. Plain constants, no schema library, so the
 * pane bundles only these strings.
 */
export const API = {
  status: "/api/status",
  contacts: "/api/contacts",
  lookup: "/api/lookup",
  call: "/api/call",
  sms: "/api/sms",
  smsTemplate: "/api/sms-template",
  choose: "/api/choose",
  forgetChoice: "/api/forget-choice",
  notUnderstood: "/api/not-understood",
  history: "/api/history",
  historyPerDay: "/api/history/per-day",
  context: "/api/context",
  notes: "/api/notes",
  missed: "/api/missed",
  missedDone: "/api/missed/done",
  m365Status: "/api/m365/status",
  m365Sync: "/api/m365/sync",
  m365SignIn: "/api/m365/signin/device",
  m365SignOut: "/api/m365/signout",
  m365Sources: "/api/m365/sources",
  m365Retry: "/api/m365/retry",
  reports: "/api/reports",
  reportsExport: "/api/reports/export",
  /** The WebSocket of live events (the token comes as ?token=, a browser socket cannot send headers). */
  events: "/api/events",
} as const;

/** The team call log (issue 21): the card's team history for a number, the team's unreturned missed calls. */
export const TEAM_HISTORY = "/api/team/history";
export const TEAM_MISSED = "/api/team/missed";
/** "I'll call back" on a team missed call (the Microsoft 365 team room's route). */
export const TEAM_CLAIM = "/api/team/claim";
/** The team log's settings (site, list, shareNotes), saved into config.json and applied at once. */
export const TEAM_SETTINGS = "/api/team/settings";

/** The header carrying the pairing token on every /api/ request (the events socket takes it as ?token=). */
export const TOKEN_HEADER = "x-bridge-token";
/** Where the bridge writes the token into the pages it serves. */
export const TOKEN_META = "telefum-bridge-token";
