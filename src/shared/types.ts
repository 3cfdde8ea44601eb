/** What the bridge's /api answers with: the API contract, written once in the bridge (type-only imports). */
export type {
  Contact,
  DayCount,
  DeviceCodeInfo,
  HistoryEntry,
  LookupAnswer,
  Microsoft365Status,
  NotUnderstood,
  PaneEvent,
  PaneSocketMessage,
  SmsDevice,
  SourceStatus,
} from "../../bridge/http/api-contract.js";
