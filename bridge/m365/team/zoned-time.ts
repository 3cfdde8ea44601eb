/** TelefUM's wall-clock "YYYY-MM-DD HH:MM:SS" in a zone → UTC ISO; an unknown zone name counts as this PC's. */
export function zonedToUtc(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(local);
  if (!m) return new Date(local).toISOString();
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", ...PARTS });
  } catch {
    return new Date(y, mo - 1, d, h, mi, s).toISOString();
  }
  // The zone's offset at that instant, found twice so a time next to a DST change lands right.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - (wallOf(format, guess) - guess);
  return new Date(guess).toISOString();
}

const PARTS = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
} as const;

/** The wall clock `format`'s zone shows at `instant`, read as if it were UTC. */
function wallOf(format: Intl.DateTimeFormat, instant: number): number {
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}
