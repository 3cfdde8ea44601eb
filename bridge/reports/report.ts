/**
 * What a calls report is: the figures of one period over one call log (this PC's own calls or the team's copy),
 * computed by the same definitions whichever log it reads (report-tally.ts).
 */
export type ReportScope = "me" | "team";

/** Talk time buckets of answered calls, as codes: the pane, the CLI and the exports translate them. */
export const DURATION_BUCKETS = ["<30s", "30s-1m", "1-3m", "3-10m", "10m+"] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];

export interface ReportTotals {
  calls: number;
  incoming: number;
  outgoing: number;
  /** Incoming calls not answered. */
  missed: number;
  /** Missed calls whose number key has no later answered call (in or out, by anyone), to this day. */
  unreturnedMissed: number;
  /** Durations of answered calls added up. */
  talkSeconds: number;
  /** Missed as a share of incoming, one decimal; 0 without incoming calls. */
  missedPercent: number;
  /** From a missed call's start to the first later answered call with its number key; null when none returned. */
  medianCallbackSeconds: number | null;
}

export interface EmployeeFigures {
  employeeId: string;
  employeeName: string;
  calls: number;
  incoming: number;
  outgoing: number;
  missed: number;
  unreturnedMissed: number;
  talkSeconds: number;
}

/** TelefUM's phone (1-4) and line (1-2); own calls do not know them (null). */
export interface DeviceFigures {
  device: number | null;
  line: number | null;
  calls: number;
  missed: number;
  talkSeconds: number;
}

export interface DayFigures {
  day: string;
  calls: number;
  incoming: number;
  outgoing: number;
  missed: number;
  talkSeconds: number;
}

/** One cell of the weekday × hour heatmap (1 = Monday … 7 = Sunday, hour 0-23); cells without calls are left out. */
export interface HourFigures {
  weekday: number;
  hour: number;
  calls: number;
}

export interface BucketFigures {
  bucket: DurationBucket;
  calls: number;
}

/** The key order is the contract of `bridge report --format json`: from, to, totals, byEmployee, byDay, byHour. */
export interface Report {
  from: string;
  to: string;
  totals: ReportTotals;
  byEmployee: EmployeeFigures[];
  /** Every day of the period, zero-filled. */
  byDay: DayFigures[];
  byHour: HourFigures[];
  scope: ReportScope;
  byDevice: DeviceFigures[];
  /** Every bucket, in order, zero-filled. */
  durations: BucketFigures[];
}
