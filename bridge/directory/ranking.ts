/**
 * The one order of several contacts on a number: the remembered choice, then personal contacts, shared mailboxes,
 * organisation contacts, directory users, files, local ones; within a kind, ascending id. The same person found
 * twice (the same e-mail address, e.g. a personal contact of a colleague and the colleague's directory user) is
 * listed once, as the best-ranked of them.
 */
import type { Contact, ContactSource } from "./contact.js";

const KIND_ORDER = ["outlook", "shared", "orgcontact", "directory", "import", "local"] as const;

function kindOf(source: ContactSource): (typeof KIND_ORDER)[number] {
  return source.startsWith("shared:") ? "shared" : (source as Exclude<ContactSource, `shared:${string}`>);
}

export function sourceRank(source: ContactSource): number {
  const rank = KIND_ORDER.indexOf(kindOf(source));
  return rank < 0 ? KIND_ORDER.length : rank;
}

/** The same order as SQL, for queries that sort and limit in the database (search). */
export function sourceRankSql(column: string): string {
  const whens = KIND_ORDER.map((kind, rank) =>
    kind === "shared" ? `WHEN ${column} LIKE 'shared:%' THEN ${rank}` : `WHEN ${column} = '${kind}' THEN ${rank}`,
  );
  return `CASE ${whens.join(" ")} ELSE ${KIND_ORDER.length} END`;
}

export function rankMatches(contacts: readonly Contact[], chosenId?: string): Contact[] {
  const order = (c: Contact) => (c.id === chosenId ? -1 : sourceRank(c.source));
  const sorted = [...contacts].sort((a, b) => order(a) - order(b) || Number(a.id) - Number(b.id));
  const emails = new Set<string>();
  return sorted.filter((c) => {
    const email = c.email.trim().toLowerCase();
    if (!email) return true;
    if (emails.has(email)) return false;
    emails.add(email);
    return true;
  });
}
