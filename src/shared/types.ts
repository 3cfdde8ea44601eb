/** What the bridge's /api answers with: the API contract, written once in the bridge (type-only imports). */
export type {
  Contact,
  ContextAnswer,
  ContextCall,
  DayCount,
  DeviceCodeInfo,
  HistoryEntry,
  LookupAnswer,
  MailSuggestion,
  NoteView,
  Microsoft365Status,
  NotUnderstood,
  PaneEvent,
  PaneSocketMessage,
  SmsDevice,
  SourceStatus,
  TeamCall,
} from "../../bridge/api-contract/types.js";
