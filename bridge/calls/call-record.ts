import type { CallHistory } from "../protocol/messages.js";

/** One call as logged: TelefUM's CALLHISTORY (its fields as sent, without the command) plus what the bridge added. */
export interface CallRecord extends Omit<CallHistory, "command"> {
  /** Local sequence id. */
  id: number;
  /** Ids of the contacts the number matched when the call was logged. */
  contactIds: string[];
  receivedAt: string;
}

/** Calls of one day, for the history chart. */
export interface DayCount {
  /** `yyyy-mm-dd`, local time as TelefUM wrote it. */
  day: string;
  incoming: number;
  outgoing: number;
  missed: number;
}
