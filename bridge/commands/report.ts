/**
 * `bridge report`: the calls report of a period from the store `start` uses: my calls (this user's rows of the team
 * copy once the signed-in account is known there, else this PC's own log) or (--team) the team's copy, as a table
 * in the user's language, CSV, Excel or JSON, to stdout or --out FILE.
 */
import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { openStore } from "../app/open-store.js";
import { loadConfig } from "../config/config.js";
import { translator } from "../i18n/i18n.js";
import { systemLanguage } from "../i18n/language.js";
import { computeReport } from "../reports/compute-report.js";
import { formatReport, isReportFormat } from "../reports/report-formats.js";
import { ReportPeriodError, reportPeriod } from "../reports/report-period.js";
import { reportSource } from "../reports/report-source.js";
import { TeamCopy } from "../team/team-copy.js";
import { signedInEmployee } from "../team/team-employee.js";
import { overridesFrom, type Values } from "./options.js";

export async function report(values: Values): Promise<number> {
  const config = loadConfig(overridesFrom(values));
  const t = translator(values.lang ? systemLanguage(values.lang) : config.language);
  const format = values.format ?? "table";
  if (!isReportFormat(format)) {
    process.stderr.write(`${t.t("reports.error.badFormat", { value: format })}\n`);
    return 2;
  }
  let period: ReturnType<typeof reportPeriod>;
  try {
    period = reportPeriod(values.from, values.to);
  } catch (error) {
    if (!(error instanceof ReportPeriodError)) throw error;
    process.stderr.write(`${t.t(error.key, error.params)}\n`);
    return 2;
  }
  const { db } = openStore(config);
  try {
    if (values.team && new TeamCopy(db).count() === 0) {
      process.stderr.write(`${t.t("reports.error.noTeamCopy")}\n`);
      return 1;
    }
    const source = reportSource(values.team ? "team" : "me", signedInEmployee(db), userInfo().username);
    const output = await formatReport(computeReport(db, source, period), source.log, format, t);
    if (values.out) writeFileSync(values.out, output);
    else process.stdout.write(output);
    return 0;
  } finally {
    db.close();
  }
}
