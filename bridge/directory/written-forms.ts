/**
 * The ways people write one phone number in mail and signatures, for a text search that cannot normalise:
 * `0675355355`, `067 535 53 55`, `(067) 535-53-55`, `+380 67 535 5355`, `+380675355355`…
 */
import type { CountryCode } from "libphonenumber-js";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { digitsOf } from "./phone-key.js";

export function writtenForms(number: string, defaultRegion: CountryCode): string[] {
  const parsed = parsePhoneNumberFromString(number.trim(), defaultRegion);
  if (!parsed?.isPossible()) return [digitsOf(number)].filter(Boolean);
  const national = digitsOf(parsed.formatNational());
  const forms = [parsed.number, parsed.formatInternational(), parsed.formatNational(), national];
  if (/^0\d{9}$/.test(national)) {
    // 0AA BBB CC DD, the way Ukrainian numbers are read out and printed.
    const [a, b, c, d] = [national.slice(0, 3), national.slice(3, 6), national.slice(6, 8), national.slice(8)];
    const rest = national.slice(1);
    forms.push(
      `${a} ${b} ${c} ${d}`,
      `(${a}) ${b}-${c}-${d}`,
      `${a}-${b}-${c}-${d}`,
      `+${parsed.countryCallingCode} ${rest.slice(0, 2)} ${b} ${c} ${d}`,
      `+${parsed.countryCallingCode} ${rest.slice(0, 2)} ${rest.slice(2, 5)} ${rest.slice(5)}`,
    );
  }
  return [...new Set(forms)];
}
