/**
 * What the call card shows beyond the caller's name (GET /api/context): the types inferred from the contract's
 * schemas (api-contract/caller-context.ts), and what the context asks of the mailbox.
 */
import type { MailLine, MailSuggestion, MailboxCall, MeetingLine, TaskLine } from "../api-contract/caller-context.js";

export type {
  ContextAnswer,
  ContextCall,
  MailLine,
  MailSuggestion,
  MailboxCall,
  MeetingLine,
  NoteView,
  SmsLine,
  TaskLine,
} from "../api-contract/caller-context.js";

/** What the context reads from the mailbox (Microsoft 365 signed in). */
export interface MailboxContext {
  recentMail(addresses: string[], limit: number): Promise<MailLine[]>;
  meetings(addresses: string[], now: Date): Promise<{ last: MeetingLine | null; next: MeetingLine | null }>;
  openTasks(number: string): Promise<TaskLine[]>;
  loggedCalls(number: string, limit: number): Promise<MailboxCall[]>;
  suggestFromMail(number: string): Promise<MailSuggestion[]>;
}
