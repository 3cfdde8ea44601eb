/**
 * What the Microsoft 365 module reports (GET /api/m365/status): the types inferred from the contract's schemas
 * (api-contract/m365-status.ts), named here for the rooms that fill them in.
 */
export type {
  ContactSyncReport,
  DeviceCodeInfo,
  FolderSyncReport,
  GraphProblem,
  Microsoft365Status,
  OutboxState,
  SourceStatus,
  SyncStatus,
  TeamStatus,
} from "../api-contract/m365-status.js";
export { PROBLEM_TEXT } from "../api-contract/m365-status.js";
