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
import { ownCalls, teamCalls } from "../reports/report-source.js";
import type { Database } from "../store/database.js";
import { TeamCopy } from "../team/team-copy.js";

const FILE_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export function reportRoutes(deps: { db: Database }): Route[] {
  const team = new TeamCopy(deps.db);
  const report = (query: { from: string; to: string; scope: ReportScope }): Report => {
    try {
      const period = reportPeriod(query.from, query.to);
      const source = query.scope === "team" ? teamCalls() : ownCalls({ id: "", name: userInfo().username });
      return computeReport(deps.db, source, period);
    } catch (error) {
      // The pane sends only dates its pickers made; a script gets the refusal in English, as every API refusal.
      if (error instanceof ReportPeriodError)
        throw new InvalidInputError("BAD_QUERY", translator("en").t(error.key, error.params));
      throw error;
    }
  };
  return [
    apiRoute(reports, ({ query }) => ({ report: report(query), teamRows: team.count() })),
    apiFileRoute(reportsExport, async ({ query }) => {
      const made = report(query);
      return {
        type: FILE_TYPES[query.format],
        name: reportFileName(made, query.format),
        body: await formatReport(made, query.format, translator(query.lang)),
      };
    }),
  ];
}
