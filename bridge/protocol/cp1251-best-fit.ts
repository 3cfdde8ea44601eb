/**
 * Text for code page 1251 (TelefUM's VB6 strings): what it can carry stays, the rest gets its nearest form
 * (é → e, ß → ss, “ ” – — … stay, − → -) and what has none (emoji, pictographs) is removed, never a run of "?".
 * Pure and table-driven, so the pane can warn with the same rule the bridge applies.
 */

/** Code page 1251 bytes 0x80-0xFF (0x98 is unassigned); 0x00-0x7F is ASCII. */
const UPPER_HALF =
  "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї" +
  "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя";
const CARRIED = new Set([...UPPER_HALF]);

/** Letters and signs with no diacritic to strip, and their nearest cp1251 text. */
const NEAREST: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ħ: "h",
  ı: "i",
  þ: "th",
  Þ: "Th",
  ð: "d",
  "\u2212": "-", // minus sign
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2015": "—",
  "\u201b": "'",
  "\u201f": '"',
  "\u2032": "'",
  "\u2033": '"',
  "\u00b4": "'",
  "\u02bc": "'",
  "\u02b9": "'",
  "\u00b9": "1",
  "\u00b2": "2",
  "\u00b3": "3",
  "\u00bc": "1/4",
  "\u00bd": "1/2",
  "\u00be": "3/4",
  "\u00d7": "x",
  "\u00f7": ":",
  "\u2024": ".",
  "\u2027": "·",
  "\u20b4": "грн", // hryvnia sign
  "\u20bd": "руб.",
  "\u00a3": "GBP",
  "\u00a5": "JPY",
  "\u00a2": "c",
  "\u00b8": ",",
  "\u00a8": '"',
  "\u00af": "-",
  "\u00aa": "a",
  "\u00ba": "o",
  "\u00bf": "?",
  "\u00a1": "!",
};

/** Spaces of every width become a plain space; zero-width marks and joiners vanish. */
const SPACES = /[\u2000-\u200a\u202f\u205f\u3000\u1680\t]/g;
const INVISIBLE = /\u200b|\u200c|\u200d|\u2060|\ufeff|[\ufe00-\ufe0f]|[\u{e0000}-\u{e01ef}]/gu;

export function carriedByCp1251(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x80 || CARRIED.has(char);
}

/** One character as cp1251 carries it: itself, its nearest form, or undefined when it has none (it is left out). */
export function nearestCp1251(char: string): string | undefined {
  if (carriedByCp1251(char)) return char;
  const mapped = NEAREST[char];
  if (mapped !== undefined) return mapped;
  // A letter with marks: its base letter, if cp1251 has it (й and ё are carried whole above, so never split).
  const base = char.normalize("NFD").replace(/\p{M}/gu, "");
  if (base && base !== char && [...base].every(carriedByCp1251)) return base;
  const compat = char.normalize("NFKD").replace(/\p{M}/gu, "");
  if (compat && compat !== char && [...compat].every(carriedByCp1251)) return compat;
  return undefined;
}

/** The text as cp1251 can carry it. A removed symbol takes no extra space with it ("Вася 😀 Петров" → "Вася Петров"). */
export function bestFitCp1251(text: string): string {
  const cleaned = text.normalize("NFC").replace(SPACES, " ").replace(INVISIBLE, "");
  let out = "";
  let removedSinceSpace = false;
  for (const char of cleaned) {
    const fit = nearestCp1251(char);
    if (fit === undefined) {
      removedSinceSpace = true;
      continue;
    }
    // Drop the second space of "a 😀 b", not the one of "a b".
    if (fit === " " && removedSinceSpace && (out.endsWith(" ") || out === "")) continue;
    if (fit !== " ") removedSinceSpace = false;
    out += fit;
  }
  return removedSinceSpace ? out.replace(/ $/, "") : out;
}

/** The characters of `text` that cp1251 cannot carry as they are (what the pane warns about), each once. */
export function notCarriedByCp1251(text: string): string[] {
  return [...new Set([...text.normalize("NFC")].filter((c) => !carriedByCp1251(c)))];
}
