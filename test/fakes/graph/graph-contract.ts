/**
 * Every request the fake Graph receives (a $batch's inner requests too) checked against Microsoft's Graph v1.0
 * description before it is routed: a path segment, `$select`, `$expand`, `$filter` or `$orderby` property, or a body
 * property the description does not have is refused the way Graph refuses it (400 BadRequest, Graph's wording), so a
 * test cannot pass on a request that real Graph would turn down.
 */
import { graphCsdl, type Csdl, type CsdlOperation } from "./graph-csdl.js";

/** Where a path has got to: a type ("Collection(…)" for a set), and the operation when the path ends in one. */
interface At {
  type?: string;
  operation?: CsdlOperation;
}

const KEYWORDS = new Set(
  "eq ne gt ge lt le and or not has in add sub mul div mod true false null any all asc desc".split(" "),
);

class Breach extends Error {}

const elementOf = (type: string): string => /^Collection\((.*)\)$/.exec(type)?.[1] ?? type;
const isCollection = (type: string): boolean => type.startsWith("Collection(");

/** The type and its base types, nearest first. */
function lineage(csdl: Csdl, type: string): string[] {
  const out: string[] = [];
  for (let t = csdl.types.get(type); t; t = t.baseType ? csdl.types.get(t.baseType) : undefined) out.push(t.name);
  return out;
}

/** A member's type; a property of an open type that declares nothing is untyped ("Edm.Untyped"). */
function member(csdl: Csdl, type: string, name: string): string | undefined {
  for (const t of lineage(csdl, type)) {
    const found = csdl.types.get(t)!.properties.get(name) ?? csdl.types.get(t)!.navigation.get(name);
    if (found) return found;
  }
  return csdl.types.get(type)?.open ? "Edm.Untyped" : undefined;
}

/** The most specific overload: `users/delta` is user's delta, not directoryObject's. */
function boundOperation(csdl: Csdl, type: string, name: string): CsdlOperation | undefined {
  const overloads = csdl.operations.get(name.replace(/^microsoft\.graph\./, "")) ?? [];
  for (const t of lineage(csdl, elementOf(type))) {
    const binding = isCollection(type) ? `Collection(${t})` : t;
    const found = overloads.find((op) => op.boundTo === binding);
    if (found) return found;
  }
  return undefined;
}

function isCastTo(csdl: Csdl, from: string, name: string): boolean {
  return csdl.types.has(name) && lineage(csdl, name).includes(elementOf(from));
}

/** The path after /v1.0, segment by segment; a drive item addressed by path (`root:/a/b.mp3:`) is one item. */
function walk(csdl: Csdl, path: string): At {
  const segments = path
    .replace(/:\/[^:]*:(?=\/|$)/g, "")
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  let at: At | undefined;
  for (const raw of segments) {
    const name = raw.replace(/\(.*\)$/, "");
    if (!at) {
      const root = csdl.roots.get(name);
      if (!root) throw new Breach(`Resource not found for the segment '${raw}'.`);
      at = { type: raw === name ? root : elementOf(root) }; // users('id') is one user
      continue;
    }
    const here = at.type;
    if (here === undefined) throw new Breach(`Resource not found for the segment '${raw}'.`);
    if (["$value", "$count", "$ref"].includes(name)) return { type: "Edm.Stream" };
    const operation = boundOperation(csdl, here, name);
    if (operation) at = { type: operation.returns, operation };
    else if (isCastTo(csdl, here, name)) at = { type: isCollection(here) ? `Collection(${name})` : name };
    else if (isCollection(here))
      at = { type: elementOf(here) }; // a key
    else {
      const found = member(csdl, here, name);
      if (!found) throw new Breach(`Resource not found for the segment '${raw}'.`);
      at = { type: found };
    }
  }
  if (!at) throw new Breach("Resource not found for the segment ''.");
  return at;
}

const notOnType = (name: string, type: string) => `Could not find a property named '${name}' on type '${type}'.`;

/** A property path (`emailAddresses/address`, `ep/id` of a lambda) resolved against a type. */
function resolvePath(csdl: Csdl, type: string, path: string, prefix: string): string {
  let here = type;
  for (const name of path.split("/")) {
    const found = member(csdl, elementOf(here), name);
    if (!found) throw new Breach(`${prefix}${notOnType(name, elementOf(here))}`);
    here = found;
  }
  return here;
}

/** Commas at the top level only: `$expand=a($select=b,c),d` is two items. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((s) => s.trim()).filter(Boolean);
}

function checkFilter(csdl: Csdl, type: string, filter: string): void {
  const prefix = "Invalid filter clause: ";
  const text = filter
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\b\d{4}-\d\d-\d\d(?:T[\d:.]+(?:Z|[+-]\d\d:\d\d)?)?/g, "0")
    .replace(/\b[0-9a-f]{8}-[0-9a-f-]{27}\b/gi, "0");
  const lambdas = new Map<string, string>();
  for (const m of text.matchAll(/([A-Za-z_][\w/]*)\/(?:any|all)\(\s*(\w+)\s*:/g)) {
    lambdas.set(m[2]!, elementOf(resolvePath(csdl, type, m[1]!, prefix)));
  }
  for (const m of text.matchAll(/(?<![\w.'])([A-Za-z_]\w*(?:\/[A-Za-z_]\w*)*)(?![\w(:])/g)) {
    const path = m[1]!;
    if (KEYWORDS.has(path) || /\/(any|all)$/.test(path)) continue;
    const [first, ...rest] = path.split("/");
    const lambda = lambdas.get(first!);
    if (lambda) {
      if (rest.length) resolvePath(csdl, lambda, rest.join("/"), prefix);
    } else resolvePath(csdl, type, path, prefix);
  }
}

function checkQuery(csdl: Csdl, type: string, query: URLSearchParams): void {
  const select = query.get("$select");
  for (const field of select ? topLevelItems(select) : []) {
    if (field !== "*" && !field.includes(".") && !member(csdl, type, field.split("/")[0]!))
      throw new Breach(`Parsing OData Select and Expand failed: ${notOnType(field, type)}`);
  }
  const expand = query.get("$expand");
  for (const item of expand ? topLevelItems(expand) : []) {
    const name = item.replace(/\(.*\)$/s, "").trim();
    if (name !== "*" && !member(csdl, type, name))
      throw new Breach(`Parsing OData Select and Expand failed: ${notOnType(name, type)}`);
  }
  const filter = query.get("$filter");
  if (filter) checkFilter(csdl, type, filter);
  const orderby = query.get("$orderby");
  for (const item of orderby ? topLevelItems(orderby) : []) {
    resolvePath(csdl, type, item.split(/\s+/)[0]!, "Invalid $orderby clause: ");
  }
}

/** A JSON value against a structured type: every key a property of it (or of the type its `@odata.type` names). */
function checkValue(csdl: Csdl, type: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) checkValue(csdl, elementOf(type), item);
    return;
  }
  if (value === null || typeof value !== "object" || !csdl.types.has(elementOf(type))) return;
  const record = value as Record<string, unknown>;
  const named = typeof record["@odata.type"] === "string" ? record["@odata.type"].replace(/^#/, "") : undefined;
  const actual = named && isCastTo(csdl, type, named) ? named : elementOf(type);
  for (const [key, inner] of Object.entries(record)) {
    if (key.includes("@")) continue; // annotations: @odata.type, …@odata.bind
    const property = member(csdl, actual, key);
    if (!property) {
      throw new Breach(
        `The property '${key}' does not exist on type '${actual}'. ` +
          "Make sure to only use property names that are defined by the type or mark the type as open type.",
      );
    }
    checkValue(csdl, property, inner);
  }
}

function checkBody(csdl: Csdl, at: At, body: Buffer): void {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return; // a stream (an upload, $value): not a JSON payload
  }
  if (at.operation) {
    const known = new Set(at.operation.parameters.map((p) => p.toLowerCase())); // Graph matches these case-blind
    for (const key of Object.keys(value ?? {})) {
      if (!known.has(key.toLowerCase())) {
        throw new Breach(
          `The parameter '${key}' in the request payload is not a valid parameter for the operation ` +
            `'${at.operation.name}'.`,
        );
      }
    }
    return;
  }
  if (at.type) checkValue(csdl, elementOf(at.type), value);
}

/**
 * Why Graph would refuse this request, in Graph's words; undefined when Microsoft's description has everything it
 * names. `path` is the part after /v1.0. `$batch` itself is not a resource: its requests are checked one by one.
 */
export function graphContractBreach(
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): string | undefined {
  if (path === "/$batch") return undefined;
  const csdl = graphCsdl();
  try {
    const at = walk(csdl, path);
    // Query options address what a GET (or a function) gives back; an action's result is not queried here.
    if (at.type && at.operation?.kind !== "Action") checkQuery(csdl, elementOf(at.type), query);
    if (body.length && method !== "GET" && method !== "DELETE") checkBody(csdl, at, body);
    return undefined;
  } catch (error) {
    if (error instanceof Breach) return error.message;
    throw error;
  }
}
