/** Days as the call history counts them: local calendar dates `yyyy-mm-dd`, as TelefUM writes call starts. */
import type { DayCount } from "./call-record.js";

export function localDate(date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `days` consecutive days ending today, zero-filled where nothing was logged (the chart wants every day). */
export function fillDays(rows: readonly DayCount[], days: number, today: string): DayCount[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const out: DayCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = localDate(new Date(y, m - 1, d - i));
    out.push(byDay.get(day) ?? { day, incoming: 0, outgoing: 0, missed: 0 });
  }
  return out;
}
