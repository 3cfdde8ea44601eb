/**
 * SQLite's BINARY order of text (its bytes in UTF-8, that is code point order), so a sort in JS puts names where
 * `ORDER BY name` and `max(name)` would. JS's own `<` compares UTF-16 units, which differs past U+FFFF.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
