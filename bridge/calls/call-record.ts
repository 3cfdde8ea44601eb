import type { CallDirection } from "../protocol/messages.js";

/** One call as logged: TelefUM's CALLHISTORY plus what the bridge knew about the number. */
export interface CallRecord {
  /** Local sequence id. */
  id: number;
  number: string;
  direction: CallDirection;
  answered: boolean;
  /** Local wall-clock time `yyyy-mm-dd hh:mm:ss`, as TelefUM sent it. */
  start: string;
  durationSeconds: number;
  recordingPath: string;
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
