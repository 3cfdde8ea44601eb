/**
 * A report as an Excel workbook (exceljs): one worksheet per sheet of report-sheets.ts, the header bold and frozen,
 * seconds as numbers. exceljs is loaded on first use: the bridge does not carry it until someone exports.
 */
import type { Sheet } from "./report-sheets.js";

export async function reportXlsx(sheets: readonly Sheet[], title: string): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "TelefUM Outlook companion";
  workbook.title = title;
  const used = new Set<string>();
  for (const sheet of sheets) {
    const sheetName = uniqueName(sheet.name, used);
    const worksheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.addRow(sheet.columns.map((c) => c.title)).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.columns.forEach((column, i) => {
      const widest = Math.max(
        ...[sheet.columns[i]?.title, ...sheet.rows.map((r) => r[i])].map((v) => String(v ?? "").length),
      );
      column.width = Math.min(40, Math.max(6, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's rules for a worksheet name: at most 31 characters, none of []:*?/\, unique in the workbook. */
function uniqueName(name: string, used: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
  let candidate = clean;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${clean.slice(0, 28)} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
