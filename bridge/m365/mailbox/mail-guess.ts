/**
 * Reading a person out of an email that carries an unknown number: the signature line the number stands in, and
 * the company line near it. Pure text work on the message body (as text); Graph is mail-context.ts's.
 */
const COMPANY_MARK = /(ТОВ|ТзОВ|ООО|ПП|ФОП|ПрАТ|АТ|ЗАО|LLC|Ltd|Inc|GmbH|Corp|"|«|»)/;
const TAIL = 9;

function tailOf(text: string): string {
  const digits = text.replace(/\D/g, "");
  return digits.length > TAIL ? digits.slice(-TAIL) : digits;
}

/** The first line whose digit runs hold the number (any grouping, any prefix). */
export function lineWithNumber(
  body: string,
  number: string,
): { line: string; index: number; lines: string[] } | undefined {
  const want = tailOf(number);
  if (want.length < 5) return undefined;
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  for (let index = 0; index < lines.length; index++) {
    // Digits with the separators people put in numbers; each run is one number.
    const runs = lines[index]!.match(/\+?[\d][\d\s().-]{4,}\d/g) ?? [];
    if (runs.some((run) => tailOf(run) === want)) return { line: lines[index]!, index, lines };
  }
  return undefined;
}

/** The company in the signature above the number line: a line that looks like one, else the nearest plain line. */
export function companyNear(lines: string[], numberIndex: number, name: string): string {
  const candidates: string[] = [];
  for (let i = numberIndex - 1; i >= Math.max(0, numberIndex - 4); i--) {
    const line = lines[i]!;
    if (line === "" || line === "--") break;
    if (line.includes("@") || /\d{5,}/.test(line.replace(/\D/g, "")) || line === name) continue;
    if (name && line.toLowerCase().includes(name.toLowerCase())) continue;
    candidates.push(line);
  }
  return candidates.find((l) => COMPANY_MARK.test(l)) ?? candidates[0] ?? "";
}
