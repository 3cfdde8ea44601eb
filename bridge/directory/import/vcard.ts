/**
 * vCard 2.1 / 3.0 / 4.0 reader: what Outlook, Android and iPhone export. Handles line folding,
 * QUOTED-PRINTABLE with soft breaks, CHARSET= (Outlook writes windows-1251), escaped commas and semicolons.
 */
import iconv from "iconv-lite";
import type { ContactPhone, PhoneKind } from "../contact.js";

export interface ImportedContact {
  name: string;
  company: string;
  note: string;
  email: string;
  phones: ContactPhone[];
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** Joins folded lines: RFC folding (CRLF + space) and QUOTED-PRINTABLE soft breaks (`=` at line end). */
function unfold(text: string): string[] {
  const physical = text.replace(/\r\n?/g, "\n").split("\n");
  const lines: string[] = [];
  for (const line of physical) {
    const last = lines.length - 1;
    if (last >= 0 && /^[ \t]/.test(line) && line.length > 0) lines[last] += line.slice(1);
    else if (last >= 0 && /QUOTED-PRINTABLE/i.test(lines[last]!.split(":")[0]!) && lines[last]!.endsWith("="))
      lines[last] = lines[last]!.slice(0, -1) + line;
    else lines.push(line);
  }
  return lines.filter((l) => l.trim().length > 0);
}

function parseProperty(line: string): Property | undefined {
  const colon = line.indexOf(":");
  if (colon < 0) return undefined;
  const [head = "", ...paramParts] = line.slice(0, colon).split(";");
  const name = head.replace(/^item\d+\./i, "").toUpperCase();
  const params = new Map<string, string[]>();
  for (const part of paramParts) {
    const eq = part.indexOf("=");
    // vCard 2.1 allows bare TYPE values: TEL;CELL;VOICE
    const key = (eq < 0 ? "TYPE" : part.slice(0, eq)).toUpperCase();
    const values = (eq < 0 ? part : part.slice(eq + 1)).replace(/"/g, "").split(",");
    params.set(key, [...(params.get(key) ?? []), ...values.map((v) => v.trim())]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

function decodeValue(property: Property): string {
  const encoding = property.params.get("ENCODING")?.[0]?.toUpperCase();
  const charset = property.params.get("CHARSET")?.[0] ?? "utf-8";
  if (encoding === "QUOTED-PRINTABLE") {
    const bytes: number[] = [];
    const v = property.value;
    for (let i = 0; i < v.length; i++) {
      if (v[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
        bytes.push(parseInt(v.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(v[i]!, "utf8"));
    }
    return iconv.decode(Buffer.from(bytes), iconv.encodingExists(charset) ? charset : "utf-8");
  }
  if (encoding === "B" || encoding === "BASE64")
    return iconv.decode(Buffer.from(property.value, "base64"), iconv.encodingExists(charset) ? charset : "utf-8");
  return property.value;
}

function unescapeValue(text: string): string {
  return text.replace(/\\([nN,;\\])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** Splits a structured value on unescaped `;`. */
function components(text: string): string[] {
  return text.split(/(?<!\\);/).map(unescapeValue);
}

function phoneKind(types: string[]): PhoneKind {
  const t = types.map((x) => x.toUpperCase());
  if (t.includes("CELL") || t.includes("MOBILE")) return "mobile";
  if (t.includes("WORK")) return "business";
  if (t.includes("HOME")) return "home";
  return "other";
}

export function parseVCards(text: string): ImportedContact[] {
  const contacts: ImportedContact[] = [];
  let current:
    | { fn: string; n: string[]; org: string; title: string; note: string; email: string; phones: ContactPhone[] }
    | undefined;
  for (const line of unfold(text)) {
    const property = parseProperty(line);
    if (!property) continue;
    if (property.name === "BEGIN" && property.value.trim().toUpperCase() === "VCARD") {
      current = { fn: "", n: [], org: "", title: "", note: "", email: "", phones: [] };
      continue;
    }
    if (!current) continue;
    const value = decodeValue(property);
    switch (property.name) {
      case "END": {
        const [family = "", given = "", middle = ""] = current.n;
        const name = current.fn.trim() || [given, middle, family].filter(Boolean).join(" ").trim();
        if (name || current.phones.length > 0) {
          contacts.push({
            name,
            company: current.org,
            note: current.note || current.title,
            email: current.email,
            phones: current.phones,
          });
        }
        current = undefined;
        break;
      }
      case "FN":
        current.fn = unescapeValue(value);
        break;
      case "N":
        current.n = components(value);
        break;
      case "ORG":
        // ORG is "organisation;unit;unit": the company is the organisation alone.
        current.org = components(value)[0]?.trim() ?? "";
        break;
      case "TITLE":
        current.title = unescapeValue(value);
        break;
      case "NOTE":
        current.note = unescapeValue(value).split("\n")[0]!.trim();
        break;
      case "EMAIL":
        current.email ||= value.trim();
        break;
      case "TEL": {
        const number = value.replace(/^tel:/i, "").trim();
        // A fax or pager number never rings a person: answering a call from it with this contact would mislead.
        const types = (property.params.get("TYPE") ?? []).map((t) => t.toUpperCase());
        if (number && !types.includes("FAX") && !types.includes("PAGER"))
          current.phones.push({ number, kind: phoneKind(property.params.get("TYPE") ?? []) });
        break;
      }
    }
  }
  return contacts;
}
