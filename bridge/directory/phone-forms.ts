/**
 * The two forms a phone number takes outside the index: how a person reads it (`067 111 22 33` at home,
 * `+48 12 345 67 89` abroad) and how TelefUM is asked to dial it (`0671112233`, the national digits TelefUM itself
 * reports; `+48123456789` abroad). Node-free and on libphonenumber's small metadata: the pane bundles it.
 */
import { type CountryCode, parsePhoneNumberFromString, type PhoneNumber } from "libphonenumber-js/min";

function parsed(text: string, region: CountryCode): PhoneNumber | undefined {
  const trimmed = text.trim();
  // Service codes (`*100#`, `*111*0671112233#`) are TelefUM's to read as written.
  if (/[*#]/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 7) return undefined;
  // "00" is the international prefix Ukrainian address books write.
  const candidate = trimmed.startsWith("00") ? `+${digits.slice(2)}` : trimmed;
  const number = parsePhoneNumberFromString(candidate, region);
  return number?.isPossible() ? number : undefined;
}

/** Ukraine's own grouping, as Ukrainian offices write numbers: 0XX XXX XX XX (libphonenumber groups 3-3-4). */
function ukrainian(nationalNumber: string): string | undefined {
  const m = /^(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(nationalNumber);
  return m ? `0${m[1]} ${m[2]} ${m[3]} ${m[4]}` : undefined;
}

/** A number as every screen shows it: national at home, international abroad, short ones and the rest as written. */
export function displayNumber(text: string, region: CountryCode = "UA"): string {
  const number = parsed(text, region);
  if (!number) return text.trim();
  if (number.country !== region) return number.formatInternational();
  return (region === "UA" && ukrainian(number.nationalNumber)) || number.formatNational();
}

/** The one form a number is sent to TelefUM in: national digits at home, E.164 abroad, short ones as written. */
export function dialNumber(text: string, region: CountryCode = "UA"): string {
  const number = parsed(text, region);
  if (!number) return text.trim();
  return number.country === region ? number.formatNational().replace(/\D/g, "") : number.number;
}
