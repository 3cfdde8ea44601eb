/**
 * The definitions, once, for both logs, counted in one pass over the period's rows (report-rows.ts): a call is
 * missed when incoming and not answered, unreturned when missed and no later answered call has its number key; talk
 * time and the duration bucket count answered calls only; day, weekday (Monday = 1) and hour are the local start's.
 * Every breakdown is a Map or an array filled as the rows go by: no sort of the rows, no table of them.
 */
import { compareBinary } from "./binary-order.js";
import {
  DURATION_BUCKETS,
  type DeviceFigures,
  type EmployeeFigures,
  type HourFigures,
  type Report,
  type ReportScope,
  type ReportTotals,
} from "./report.js";
import { calendarDate, daysOf, type ReportPeriod } from "./report-period.js";
import type { ReportRow } from "./report-rows.js";

type Counts = Omit<EmployeeFigures, "employeeId" | "employeeName">;
type DeviceCounts = Pick<DeviceFigures, "calls" | "missed" | "talkSeconds">;

const counts = (): Counts => ({ calls: 0, incoming: 0, outgoing: 0, missed: 0, unreturnedMissed: 0, talkSeconds: 0 });

/** Room for weekday 0 (a start SQLite could not date) to 7, and any two-digit hour: weekday * 100 + hour. */
const HOUR_CELLS = 800;

/** The bucket's index in DURATION_BUCKETS: <30s, 30s-1m, 1-3m, 3-10m, 10m+. */
function bucketOf(secs: number): number {
  return secs < 30 ? 0 : secs < 60 ? 1 : secs < 180 ? 2 : secs < 600 ? 3 : 4;
}

/** CAST(substr(at, 12, 2) AS INTEGER): the leading digits of the hour, 0 without any. */
function hourOf(at: string): number {
  const tens = at.charCodeAt(11) - 48;
  const ones = at.charCodeAt(12) - 48;
  if (!(tens >= 0 && tens <= 9)) return 0;
  return ones >= 0 && ones <= 9 ? tens * 10 + ones : tens;
}

export class ReportTally {
  private readonly totals = counts();
  private readonly employees = new Map<string, { name: string; counts: Counts }>();
  private readonly devices = new Map<number | null, Map<number | null, DeviceCounts>>();
  private readonly days = new Map<string, Counts>();
  private readonly hours = new Int32Array(HOUR_CELLS);
  private readonly buckets = DURATION_BUCKETS.map(() => 0);
  private readonly callbacks: number[] = [];
  // The rows come in start order: the day of the last row is nearly always the day of the next.
  private day = "";
  private dayCounts: Counts | undefined;
  private weekday = 0;

  constructor(private readonly period: ReportPeriod) {
    for (const day of daysOf(period)) this.days.set(day, counts());
  }

  add(row: ReportRow): void {
    const [at, secs, way, ok, empId, empName, device, line, callback] = row;
    const incoming = way === 1 ? 1 : 0;
    const missed = incoming === 1 && ok === 0 ? 1 : 0;
    const unreturned = missed === 1 && callback === null ? 1 : 0;
    const talk = ok === 1 ? secs : 0;
    const outgoing = way === 2 ? 1 : 0;
    if (at.length < 10 || this.day.length !== 10 || !at.startsWith(this.day)) this.newDay(at.slice(0, 10));
    tallyCall(this.totals, incoming, outgoing, missed, unreturned, talk);
    if (this.dayCounts) tallyCall(this.dayCounts, incoming, outgoing, missed, unreturned, talk);
    let employee = this.employees.get(empId);
    if (!employee) {
      employee = { name: empName, counts: counts() };
      this.employees.set(empId, employee);
    } else if (empName !== employee.name && compareBinary(empName, employee.name) > 0) employee.name = empName;
    tallyCall(employee.counts, incoming, outgoing, missed, unreturned, talk);
    let lines = this.devices.get(device);
    if (!lines) {
      lines = new Map();
      this.devices.set(device, lines);
    }
    let onLine = lines.get(line);
    if (!onLine) {
      onLine = { calls: 0, missed: 0, talkSeconds: 0 };
      lines.set(line, onLine);
    }
    onLine.calls += 1;
    onLine.missed += missed;
    onLine.talkSeconds += talk;
    const cell = this.weekday * 100 + hourOf(at);
    this.hours[cell] = (this.hours[cell] ?? 0) + 1;
    if (ok !== 0) {
      const bucket = bucketOf(secs);
      this.buckets[bucket] = (this.buckets[bucket] ?? 0) + 1;
    }
    if (missed === 1 && callback !== null) this.callbacks.push(callback);
  }

  report(scope: ReportScope): Report {
    const { totals } = this;
    return {
      from: this.period.from,
      to: this.period.to,
      totals: {
        ...totals,
        missedPercent: totals.incoming ? Math.round((totals.missed / totals.incoming) * 1000) / 10 : 0,
        medianCallbackSeconds: this.medianCallback(),
      } satisfies ReportTotals,
      byEmployee: [...this.employees]
        .map(([employeeId, { name, counts }]) => ({ employeeId, employeeName: name, ...counts }))
        .sort(
          (a, b) =>
            b.calls - a.calls ||
            compareBinary(a.employeeName, b.employeeName) ||
            compareBinary(a.employeeId, b.employeeId),
        ),
      byDay: [...this.days].map(([day, { unreturnedMissed: _, ...figures }]) => ({ day, ...figures })),
      byHour: this.byHour(),
      scope,
      byDevice: [...this.devices]
        .sort(([a], [b]) => nullsFirst(a, b))
        .flatMap(([device, lines]) =>
          [...lines].sort(([a], [b]) => nullsFirst(a, b)).map(([line, figures]) => ({ device, line, ...figures })),
        ),
      durations: DURATION_BUCKETS.map((bucket, i) => ({ bucket, calls: this.buckets[i] ?? 0 })),
    };
  }

  private newDay(day: string): void {
    this.day = day;
    this.dayCounts = this.days.get(day);
    // strftime('%w') of a date it cannot read is NULL: such a row's cell has weekday 0 and sorts first.
    const date = calendarDate(day);
    this.weekday = date ? ((date.getUTCDay() + 6) % 7) + 1 : 0;
  }

  private byHour(): HourFigures[] {
    const cells: HourFigures[] = [];
    this.hours.forEach((calls, cell) => {
      if (calls > 0) cells.push({ weekday: Math.floor(cell / 100), hour: cell % 100, calls });
    });
    return cells;
  }

  /** The middle callback time, the mean of the two middle ones for an even count, in whole seconds. */
  private medianCallback(): number | null {
    const sorted = Float64Array.from(this.callbacks).sort();
    const n = sorted.length;
    if (n === 0) return null;
    const middle = n % 2 ? (sorted[(n - 1) / 2] ?? 0) : ((sorted[n / 2 - 1] ?? 0) + (sorted[n / 2] ?? 0)) / 2;
    return Math.round(middle);
  }
}

function tallyCall(c: Counts, incoming: number, outgoing: number, missed: number, unreturned: number, talk: number) {
  c.calls += 1;
  c.incoming += incoming;
  c.outgoing += outgoing;
  c.missed += missed;
  c.unreturnedMissed += unreturned;
  c.talkSeconds += talk;
}

/** ORDER BY's order of a nullable number: NULL first. */
function nullsFirst(a: number | null, b: number | null): number {
  return a === b ? 0 : a === null ? -1 : b === null ? 1 : a - b;
}
