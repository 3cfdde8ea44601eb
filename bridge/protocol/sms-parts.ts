/**
 * How many SMS a text makes, counted the way a phone counts (3GPP TS 23.038 / 23.040): GSM 7-bit when every
 * character is in the GSM alphabet (160 in one SMS, 153 per part of a long one; the extension table's ^ { } [ ] ~ \ |
 * € and form feed take two), else UCS-2 (70 in one, 67 per part), counted in UTF-16 code units, so an emoji
 * takes two. Pure and Node-free: the pane bundles it.
 */

/** The GSM 03.38 default alphabet (every character one septet; ESC is left out: it only starts an extension). */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** The extension table: an escape septet and the character, two septets each. */
const GSM_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = "gsm7" | "ucs2";

/** The two alphabets' sizes: one SMS, and each part of a long (concatenated) one. */
export const SMS_SIZES: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

export interface SmsParts {
  encoding: SmsEncoding;
  /** Septets (GSM 7-bit) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** SMS the phone sends; 0 for an empty text. */
  parts: number;
  /** How many more units fit before another SMS is needed. */
  left: number;
}

/** GSM 7-bit septets of the text, or undefined when a character is outside the GSM alphabet. */
function gsmSeptets(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENSION.has(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

export function smsParts(text: string): SmsParts {
  const septets = gsmSeptets(text);
  const encoding: SmsEncoding = septets === undefined ? "ucs2" : "gsm7";
  const units = septets ?? text.length;
  const { single, part } = SMS_SIZES[encoding];
  if (units <= single) return { encoding, units, parts: units === 0 ? 0 : 1, left: single - units };
  const parts = Math.ceil(units / part);
  return { encoding, units, parts, left: parts * part - units };
}
