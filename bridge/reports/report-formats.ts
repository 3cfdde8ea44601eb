/**
 * A report as the way out wants it (json, table, csv, xlsx): the CLI and the export route both come here, so a
 * format is written one way.
 */
import type { Translator } from "../i18n/i18n.js";
import type { Report } from "./report.js";
import { reportCsv } from "./report-csv.js";
import type { ReportLog } from "./report-source.js";
import { reportSheets } from "./report-sheets.js";
import { reportTable } from "./report-table.js";
import { reportXlsx } from "./report-xlsx.js";

export const REPORT_FORMATS = ["table", "csv", "xlsx", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** What a file of the report is called: "calls-2026-11-01-2026-11-30.xlsx". */
export function reportFileName(report: Pick<Report, "from" | "to" | "scope">, format: ReportFormat): string {
  const extension = format === "table" ? "txt" : format;
  return `${report.scope === "team" ? "team-calls" : "calls"}-${report.from}-${report.to}.${extension}`;
}

/** `log`: which log the report read, said in every format (the JSON's last key). */
export async function formatReport(
  report: Report,
  log: ReportLog,
  format: ReportFormat,
  t: Translator,
): Promise<string | Buffer> {
  if (format === "json") return `${JSON.stringify({ ...report, log }, null, 2)}\n`;
  const sheets = reportSheets(report, log, t);
  if (format === "csv") return reportCsv(sheets, t);
  if (format === "xlsx") return reportXlsx(sheets, t.t("reports.title"));
  const heading = `${t.t("reports.title")}: ${t.t("reports.period", { from: report.from, to: report.to })}`;
  return `${heading}\n\n${reportTable(sheets, t)}`;
}
