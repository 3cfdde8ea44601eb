/**
 * The part of Exchange's KQL that message `$search` takes, as the fake Graph understands it: the whole value in
 * double quotes (a quote inside escaped with a backslash), terms joined by OR, each a property restriction
 * (`participants:`, `from:`, `to:`, `subject:`, `body:`) or free text (a word or a "quoted phrase") matched against
 * subject, body and sender. Matching is case-insensitive containment, as Exchange's phrase match is for our texts.
 */
export interface SearchableMessage {
  subject: string;
  body: string;
  from: { name: string; address: string };
  toRecipients: { name: string; address: string }[];
}

export type KqlQuery = { ok: true; terms: { property?: string; value: string }[] } | { ok: false; reason: string };

const PROPERTIES = new Set(["participants", "from", "to", "subject", "body"]);

export function parseSearch(raw: string): KqlQuery {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"'))
    return { ok: false, reason: "Syntax error: the $search value must be enclosed in double quotes" };
  const inner = raw.slice(1, -1);
  const terms: { property?: string; value: string }[] = [];
  let current = "";
  let quoted = false;
  const flush = () => {
    const text = current.trim();
    current = "";
    if (!text) return;
    const m = /^([a-zA-Z]+):(.+)$/.exec(text);
    if (m && PROPERTIES.has(m[1]!.toLowerCase())) terms.push({ property: m[1]!.toLowerCase(), value: m[2]! });
    else terms.push({ value: text });
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "\\" && i + 1 < inner.length) {
      const next = inner[++i]!;
      if (next === '"') quoted = !quoted;
      else current += next;
      continue;
    }
    if (c === '"') return { ok: false, reason: "Syntax error: unescaped double quote inside $search" };
    if (!quoted && inner.startsWith(" OR ", i)) {
      flush();
      i += 3;
      continue;
    }
    current += c;
  }
  if (quoted) return { ok: false, reason: "Syntax error: unbalanced quotes in $search" };
  flush();
  return terms.length ? { ok: true, terms } : { ok: false, reason: "Syntax error: empty $search" };
}

export function matches(query: { property?: string; value: string }[], message: SearchableMessage): boolean {
  const has = (text: string, value: string) => text.toLowerCase().includes(value.toLowerCase());
  const people = (list: { name: string; address: string }[], value: string) =>
    list.some((p) => p.address.toLowerCase() === value.toLowerCase() || has(p.name, value));
  return query.some(({ property, value }) => {
    switch (property) {
      case "participants":
        return people([message.from, ...message.toRecipients], value);
      case "from":
        return people([message.from], value);
      case "to":
        return people(message.toRecipients, value);
      case "subject":
        return has(message.subject, value);
      case "body":
        return has(message.body, value);
      default:
        return (
          has(message.subject, value) ||
          has(message.body, value) ||
          has(message.from.name, value) ||
          has(message.from.address, value)
        );
    }
  });
}
