/** A report as plain-text tables for the terminal (`bridge report`), aligned, in the reader's language. */
import type { Translator } from "../i18n/i18n.js";
import type { Cell, Sheet } from "./report-sheets.js";

export function reportTable(sheets: readonly Sheet[], t: Translator): string {
  return `${sheets.map((sheet) => `${sheet.name}\n${table(sheet, t)}`).join("\n\n")}\n`;
}

function table(sheet: Sheet, t: Translator): string {
  const text = (cell: Cell, seconds: boolean | undefined): string =>
    cell === null ? "—" : typeof cell === "number" ? (seconds ? t.duration(cell) : t.number(cell)) : cell;
  const lines = [
    sheet.columns.map((c) => c.title),
    ...sheet.rows.map((row) => row.map((cell, i) => text(cell, sheet.columns[i]?.seconds))),
  ];
  const widths = sheet.columns.map((_, i) => Math.max(...lines.map((line) => [...(line[i] ?? "")].length)));
  const pad = (cell: string, i: number): string => {
    const room = " ".repeat((widths[i] ?? 0) - [...cell].length);
    return i === 0 ? cell + room : room + cell;
  };
  const rows = lines.map((line) => line.map(pad).join("  ").trimEnd());
  return [rows[0], widths.map((w) => "─".repeat(w)).join("  "), ...rows.slice(1)].join("\n");
}
