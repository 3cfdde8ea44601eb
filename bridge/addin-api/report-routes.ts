/** The calls reports: a period's report for the pane's Reports view, and the same report as a CSV or Excel file. */
import { userInfo } from "node:os";
import { reports, reportsExport } from "../api-contract/reports-endpoints.js";
import { apiFileRoute, apiRoute } from "../http/api-route.js";
import type { Route } from "../http/server.js";
import { translator } from "../i18n/i18n.js";
import { InvalidInputError } from "../protocol/inputs.js";
import { computeReport } from "../reports/compute-report.js";
import type { Report, ReportScope } from "../reports/report.js";
import { formatReport, reportFileName } from "../reports/report-formats.js";
import { ReportPeriodError, reportPeriod } from "../reports/report-period.js";
import { type ReportLog, reportSource } from "../reports/report-source.js";
import type { Database } from "../store/database.js";
import { TeamCopy } from "../team/team-copy.js";
import { signedInEmployee } from "../team/team-employee.js";

const FILE_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export function reportRoutes(deps: { db: Database }): Route[] {
  const team = new TeamCopy(deps.db);
  const report = (query: { from: string; to: string; scope: ReportScope }): { report: Report; log: ReportLog } => {
    try {
      const period = reportPeriod(query.from, query.to);
      const source = reportSource(query.scope, signedInEmployee(deps.db), userInfo().username);
      return { report: computeReport(deps.db, source, period), log: source.log };
    } catch (error) {
      // The pane sends only dates its pickers made; a script gets the refusal in English, as every API refusal.
      if (error instanceof ReportPeriodError)
        throw new InvalidInputError("BAD_QUERY", translator("en").t(error.key, error.params));
      throw error;
    }
  };
  return [
    apiRoute(reports, ({ query }) => ({ ...report(query), teamRows: team.count() })),
    apiFileRoute(reportsExport, async ({ query }) => {
      const made = report(query);
      return {
        type: FILE_TYPES[query.format],
        name: reportFileName(made.report, query.format),
        body: await formatReport(made.report, made.log, query.format, translator(query.lang)),
      };
    }),
  ];
}
