/**
 * Turns any written form of a phone number into the key it is matched by.
 * `0675355355`, `+380 67 535 53 55`, `(067) 535-53-55` and `+38 (067) 5355355` all become `+380675355355`
 * with region UA; short internal numbers (`101`, `2345`) stay as their digits and match exactly.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/min";

export interface PhoneKey {
  /** Exact matching key: E.164 for real numbers, `#digits` for short/unparseable ones. */
  key: string;
  /** Last 9 digits, for the fallback match when regions disagree; "" for short numbers. */
  tail: string;
}

const TAIL_DIGITS = 9;

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

export function phoneKey(text: string, defaultRegion: CountryCode): PhoneKey | undefined {
  const trimmed = text.trim();
  const digits = digitsOf(trimmed);
  if (digits.length === 0) return undefined;
  // "00" international prefix is common in Ukrainian address books.
  const candidate = trimmed.startsWith("00") ? `+${digits.slice(2)}` : trimmed;
  if (digits.length >= 7) {
    const parsed = parsePhoneNumberFromString(candidate, defaultRegion);
    if (parsed?.isPossible()) {
      const e164 = parsed.number;
      return { key: e164, tail: digitsOf(e164).slice(-TAIL_DIGITS) };
    }
  }
  return { key: `#${digits}`, tail: digits.length >= TAIL_DIGITS ? digits.slice(-TAIL_DIGITS) : "" };
}

export function isCountryCode(value: string): value is CountryCode {
  return isSupportedCountry(value);
}
