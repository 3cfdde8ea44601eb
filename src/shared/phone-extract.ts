/**
 * Finds phone numbers in free text (a message body, a signature). Pure: no Office, no DOM.
 * Accepts `+380 67 535 53 55`, `(044) 123-45-67`, `0675355355`, `00380…`; skips dates, times and short codes.
 */

const CANDIDATE = /(?:\+|\b00)?\(?\d[\d\s().\-\u00a0]{5,22}\d/g;
const DATE_LIKE = /^\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}$/;

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/** Normalises spacing for display and dialing: keeps a leading +, digits, spaces, brackets and dashes. */
export function tidyNumber(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

export function extractPhoneNumbers(text: string, max = 10): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = tidyNumber(match[0]);
    const digits = digitsOf(raw);
    if (digits.length < 7 || digits.length > 15) continue;
    if (DATE_LIKE.test(raw.replace(/\s/g, ""))) continue;
    // Long runs inside words/ids (order numbers like ABC1234567) are not phones.
    const before = text[(match.index ?? 0) - 1];
    if (before !== undefined && /[A-Za-z0-9_]/.test(before)) continue;
    const key = digits.slice(-9);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(raw);
    if (found.length >= max) break;
  }
  return found;
}
