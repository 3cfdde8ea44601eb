/**
 * A report as CSV for Excel: UTF-8 with a BOM (without it Excel reads Cyrillic as cp1251 mojibake), the sheets one
 * after another with a blank line between. The separator is the list separator Excel uses in the reader's locale:
 * ";" in Ukrainian and Russian Windows (where "," is the decimal mark, so a comma-separated file opens in one
 * column), "," in English; decimals are written with the language's decimal mark for the same reason.
 */
import type { Translator } from "../i18n/i18n.js";
import type { Cell, Sheet } from "./report-sheets.js";

export const BOM = "\uFEFF";

export function csvSeparator(t: Translator): string {
  return t.language === "en" ? "," : ";";
}

export function reportCsv(sheets: readonly Sheet[], t: Translator): string {
  const separator = csvSeparator(t);
  const decimal = t.language === "en" ? "." : ",";
  const field = (cell: Cell): string => {
    const text = cell === null ? "" : typeof cell === "number" ? String(cell).replace(".", decimal) : cell;
    const quote = text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim();
    return quote ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const blocks = sheets.map((sheet) =>
    [[sheet.name], sheet.columns.map((c) => c.title), ...sheet.rows]
      .map((row) => row.map(field).join(separator))
      .join("\r\n"),
  );
  return `${BOM}${blocks.join("\r\n\r\n")}\r\n`;
}
