/**
 * The local API's types by name, inferred from the contract's schemas: what the pane sends (`…Request`) and gets
 * (`…Answer`). Type-only for the pane (src/): importing it bundles no schema.
 */
import type { Answer, Sent } from "./endpoint.js";
import type { Endpoints } from "./endpoints.js";

export type { ErrorAnswer } from "./endpoint.js";
export type { Endpoints } from "./endpoints.js";
export type { HistoryEntry } from "./records.js";
export type { PaneEvent, PaneSocketMessage } from "./events.js";
export type {
  ContextAnswer,
  ContextCall,
  MailLine,
  MailSuggestion,
  MeetingLine,
  NoteView,
  SmsLine,
  TaskLine,
} from "./caller-context.js";
export type { DeviceCodeInfo, Microsoft365Status, SourceStatus } from "./m365-status.js";
export type { Contact } from "../directory/contact.js";
export type { DayCount } from "../calls/call-record.js";
export type { NotUnderstood } from "../inbox/not-understood-entry.js";
export type { SmsDevice } from "../protocol/messages.js";

export type StatusAnswer = Answer<Endpoints["status"]>;
export type ContactsAnswer = Answer<Endpoints["searchContacts"]>;
export type LookupAnswer = Answer<Endpoints["lookup"]>;
export type NewContactRequest = Sent<Endpoints["createContact"]["body"]>;
export type ContactCreatedAnswer = Answer<Endpoints["createContact"]>;
export type ChooseRequest = Sent<Endpoints["choose"]["body"]>;
export type ChooseAnswer = Answer<Endpoints["choose"]>;
export type ForgetChoiceRequest = Sent<Endpoints["forgetChoice"]["body"]>;
export type ForgetChoiceAnswer = Answer<Endpoints["forgetChoice"]>;
/** POST /api/call and /api/sms-template */
export type NumberRequest = Sent<Endpoints["call"]["body"]>;
export type SmsRequest = Sent<Endpoints["sendSms"]["body"]>;
/** What /api/call, /api/sms and /api/sms-template sent to TelefUM. */
export type SentAnswer = Answer<Endpoints["call"]>;
export type HistoryQuery = Sent<Endpoints["history"]["query"]>;
export type HistoryAnswer = Answer<Endpoints["history"]>;
export type PerDayAnswer = Answer<Endpoints["historyPerDay"]>;
export type NotUnderstoodAnswer = Answer<Endpoints["notUnderstood"]>;
export type ContextQuery = Sent<Endpoints["context"]["query"]>;
export type NoteRequest = Sent<Endpoints["saveNote"]["body"]>;
export type NoteAnswer = Answer<Endpoints["saveNote"]>;
/** GET /api/missed, and the answer of POST /api/missed/done. */
export type MissedAnswer = Answer<Endpoints["missed"]>;
export type MissedDoneRequest = Sent<Endpoints["missedDone"]["body"]>;
/** GET /api/m365/status, and the answer of POST /api/m365/sync, /signout and /sources. */
export type M365StatusAnswer = Answer<Endpoints["m365Status"]>;
export type M365SignInAnswer = Answer<Endpoints["m365SignIn"]>;
export type M365SourceSwitchRequest = Sent<Endpoints["m365Sources"]["body"]>;
export type M365RetryAnswer = Answer<Endpoints["m365Retry"]>;
/** GET /api/team/history and /api/team/missed: the team log's rows, and whether the pane shows the section. */
export type TeamCallsAnswer = Answer<Endpoints["teamHistory"]>;
export type TeamCall = TeamCallsAnswer["calls"][number];
export type TeamHistoryQuery = Sent<Endpoints["teamHistory"]["query"]>;
export type TeamMissedQuery = Sent<Endpoints["teamMissed"]["query"]>;
/** GET and PUT /api/team/settings: the team log's site, list and shareNotes, the managed ones, the status. */
export type TeamSettingsAnswer = Answer<Endpoints["teamSettings"]>;
export type TeamSettingsRequest = Sent<Endpoints["saveTeamSettings"]["body"]>;
export type ReportsQuery = Sent<Endpoints["reports"]["query"]>;
export type ReportsAnswer = Answer<Endpoints["reports"]>;
export type { Report } from "../reports/report.js";
