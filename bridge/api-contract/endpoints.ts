/** Every /api/ route of the local API, by name: what the server mounts and what the contract test walks. */
import { context, missed, missedDone, saveNote } from "./context-endpoints.js";
import { choose, createContact, forgetChoice, lookup, searchContacts, status } from "./directory-endpoints.js";
import { history, historyPerDay, notUnderstood } from "./history-endpoints.js";
import { m365Retry, m365SignIn, m365SignOut, m365Sources, m365Status, m365Sync } from "./m365-endpoints.js";
import { teamHistory, teamMissed } from "./team-view-endpoints.js";
import { saveTeamSettings, teamSettings } from "./team-settings-endpoints.js";
import { reports } from "./reports-endpoints.js";
import { call, sendSms, smsTemplate } from "./telefum-endpoints.js";

export const ENDPOINTS = {
  status,
  searchContacts,
  lookup,
  createContact,
  choose,
  forgetChoice,
  call,
  sendSms,
  smsTemplate,
  history,
  historyPerDay,
  notUnderstood,
  context,
  saveNote,
  missed,
  missedDone,
  m365Status,
  m365Sync,
  m365SignIn,
  m365SignOut,
  m365Sources,
  m365Retry,
  teamHistory,
  teamMissed,
  teamSettings,
  saveTeamSettings,
  reports,
} as const;
export type Endpoints = typeof ENDPOINTS;
