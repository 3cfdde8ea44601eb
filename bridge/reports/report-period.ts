/**
 * The period of a report: local dates [from, to], both included. A date a person typed is checked here, with a
 * catalog key for the refusal so each way in (CLI, API) says it in the reader's language.
 */
import { localDate } from "../calls/call-days.js";

export interface ReportPeriod {
  from: string;
  to: string;
}

/** Two years and a day: more would be a report nobody reads, and a scan that grows with the log. */
export const MAX_PERIOD_DAYS = 732;

export class ReportPeriodError extends Error {
  constructor(
    readonly key: "reports.error.badDate" | "reports.error.reversed" | "reports.error.tooLong",
    readonly params: Record<string, string | number>,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date "YYYY-MM-DD" (no 2026-02-30), or undefined. */
export function calendarDate(text: string): Date | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
}

/** The day after a local date, as the log's start column compares: the period's open upper end. */
export function dayAfter(day: string): string {
  const date = calendarDate(day) ?? new Date(Number.NaN);
  return new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** Every local date from `from` to `to`, both included. */
export function daysOf(period: ReportPeriod): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = dayAfter(day)) days.push(day);
  return days;
}

/** The month `today` falls in, from its first day to its last. */
export function monthOf(today = localDate()): ReportPeriod {
  const first = `${today.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1));
  return { from: first, to: new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10) };
}

/** The period a person asked for; no end: this month's last day; no start: the first day of the end's month. */
export function reportPeriod(from: string | undefined, to: string | undefined, today = localDate()): ReportPeriod {
  for (const [option, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (value !== undefined && !calendarDate(value))
      throw new ReportPeriodError("reports.error.badDate", { option, value });
  }
  const end = to ?? monthOf(today).to;
  const start = from ?? monthOf(end).from;
  if (start > end) throw new ReportPeriodError("reports.error.reversed", { from: start, to: end });
  const days = Math.round(((calendarDate(end)?.getTime() ?? 0) - (calendarDate(start)?.getTime() ?? 0)) / 86_400_000);
  if (days + 1 > MAX_PERIOD_DAYS) throw new ReportPeriodError("reports.error.tooLong", { max: MAX_PERIOD_DAYS });
  return { from: start, to: end };
}
