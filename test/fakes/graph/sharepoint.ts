/**
 * SharePoint through Graph v1.0, as the team call log uses it: sites (by id and by hostname and server-relative
 * path), lists (find by displayName, create with columns), columns (indexed, enforceUniqueValues), list items (fields,
 * `$filter` on `fields/X` only on indexed columns unless `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`, and
 * then refused over the list view threshold), a duplicate in a unique column refused, listItem delta (pages,
 * `deleted` facet, a deltaLink, 410 resyncRequired after invalidateDelta) and 403 accessDenied for a user whose grant
 * does not reach the site (delegated Sites.Selected granted per site; Sites.ReadWrite.All reaches every site).
 */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface FakeSignedInUser {
  oid: string;
  upn: string;
  name: string;
}

type Kind = "text" | "number" | "dateTime" | "boolean" | "choice";

export interface FakeColumn {
  id: string;
  name: string;
  kind: Kind;
  indexed: boolean;
  enforceUniqueValues: boolean;
}

interface FakeItem {
  id: string;
  fields: Record<string, unknown>;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: FakeSignedInUser;
  seq: number;
}

export interface FakeList {
  id: string;
  displayName: string;
  columns: FakeColumn[];
  items: Map<string, FakeItem>;
  tombstones: { id: string; seq: number }[];
  nextId: number;
  epoch: number;
  createdDateTime: string;
  /** The list's validation formula, as an admin may set one: an item it refuses is 400 (validate()). */
  validation?: (fields: Record<string, unknown>) => boolean;
}

interface FakeSite {
  id: string;
  hostname: string;
  path: string;
  displayName: string;
  lists: Map<string, FakeList>;
  /** Users granted the site under Sites.Selected (POST /sites/{id}/permissions, roles write). */
  granted: Set<string>;
}

export interface SharePointAnswer {
  status: number;
  body?: unknown;
}

/** Every query the items endpoint was asked with `$filter`: what a test reads to prove the bridge filters well. */
export interface ItemQuery {
  filter: string;
  columns: string[];
}

const BUILT_IN: FakeColumn[] = ["Title"].map((name) => ({
  id: randomUUID(),
  name,
  kind: "text",
  indexed: false,
  enforceUniqueValues: false,
}));
const ALL_SITES = ["Sites.ReadWrite.All", "Sites.Manage.All", "Sites.FullControl.All", "Sites.Read.All"];
const NON_INDEXED_PREFER = /HonorNonIndexedQueriesWarningMayFailRandomly/i;

const error = (status: number, code: string, message: string): SharePointAnswer => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID() } } },
});

export class FakeSharePoint {
  private readonly sites = new Map<string, FakeSite>();
  private seq = 0;
  readonly itemQueries: ItemQuery[] = [];
  /** SharePoint's list view threshold (5,000 items); a test may lower it. */
  viewThreshold = 5000;
  /** listItem delta page size when the client does not ask (Prefer: odata.maxpagesize). */
  deltaPageSize = 200;

  /** A team site at `url` (https://host/sites/name). */
  addSite(url: string, displayName = "Office"): string {
    const { hostname, pathname } = new URL(url);
    const id = `${hostname},${randomUUID()},${randomUUID()}`;
    const path = pathname.replace(/\/+$/, "");
    this.sites.set(id, { id, hostname, path, displayName, lists: new Map(), granted: new Set() });
    return id;
  }

  /** What the admin's `POST /sites/{siteId}/permissions` (roles ["write"]) does for a Sites.Selected user. */
  grant(siteId: string, userOid: string): void {
    this.site(siteId).granted.add(userOid);
  }

  list(siteId: string, displayName: string): FakeList | undefined {
    return [...this.site(siteId).lists.values()].find((l) => l.displayName === displayName);
  }

  /** Every item's fields (with its id), oldest first. */
  items(siteId: string, displayName: string): (Record<string, unknown> & { id: string })[] {
    const list = this.list(siteId, displayName);
    return list ? [...list.items.values()].map((i) => ({ ...i.fields, id: i.id })) : [];
  }

  /** Someone edits an item in SharePoint (a new version, seen by delta). */
  updateItem(siteId: string, displayName: string, itemId: string, fields: Record<string, unknown>): void {
    const item = this.list(siteId, displayName)!.items.get(itemId)!;
    Object.assign(item.fields, fields);
    item.lastModifiedDateTime = new Date().toISOString();
    item.seq = ++this.seq;
  }

  deleteItem(siteId: string, displayName: string, itemId: string): void {
    const list = this.list(siteId, displayName)!;
    if (list.items.delete(itemId)) list.tombstones.push({ id: itemId, seq: ++this.seq });
  }

  /** The admin sets (or, with undefined, removes) a validation formula on the list. */
  validate(siteId: string, displayName: string, rule: FakeList["validation"]): void {
    this.list(siteId, displayName)!.validation = rule;
  }

  /** Every delta token of the list issued so far answers 410 resyncRequired. */
  invalidateDelta(siteId: string, displayName: string): void {
    this.list(siteId, displayName)!.epoch++;
  }

  private site(id: string): FakeSite {
    const site = this.sites.get(id);
    if (!site) throw new Error(`no site ${id}`);
    return site;
  }

  route(
    method: string,
    url: URL,
    p: string,
    headers: IncomingHttpHeaders,
    json: () => Record<string, unknown>,
    user: FakeSignedInUser & { scopes: string[] },
  ): SharePointAnswer {
    const byPath = p.match(/^\/sites\/([^/:]+):(\/[^:]*):?$/);
    const byId = p.match(/^\/sites\/([^/:]+)(\/.*)?$/);
    let site: FakeSite | undefined;
    let rest = "";
    if (byPath) {
      const path = decodeURIComponent(byPath[2]!).replace(/\/+$/, "");
      site = [...this.sites.values()].find((s) => s.hostname === byPath[1] && s.path === path);
    } else if (byId) {
      site = this.sites.get(decodeURIComponent(byId[1]!));
      rest = byId[2] ?? "";
    }
    if (!site) return error(404, "itemNotFound", "Requested site could not be found");
    const all = user.scopes.some((s) => ALL_SITES.includes(s));
    if (!all && !(user.scopes.includes("Sites.Selected") && site.granted.has(user.oid))) {
      return error(403, "accessDenied", "Access denied");
    }
    if (rest === "" && method === "GET") return { status: 200, body: this.siteShape(site) };
    const lists = rest.match(/^\/lists(?:\/([^/]+)(\/.*)?)?$/);
    if (!lists) return error(400, "invalidRequest", `Unsupported ${method} ${p}`);
    if (!lists[1]) return this.listsRoute(site, method, url, json);
    const list = site.lists.get(decodeURIComponent(lists[1]));
    if (!list) return error(404, "itemNotFound", "The specified list was not found");
    return new ListRoutes(this, site, list, user).route(method, url, lists[2] ?? "", headers, json);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  private siteShape(site: FakeSite): Record<string, unknown> {
    return {
      id: site.id,
      name: site.path.split("/").pop(),
      displayName: site.displayName,
      webUrl: `https://${site.hostname}${site.path}`,
      siteCollection: { hostname: site.hostname },
    };
  }

  private listsRoute(site: FakeSite, method: string, url: URL, json: () => Record<string, unknown>): SharePointAnswer {
    if (method === "GET") {
      const filter = url.searchParams.get("$filter");
      const name = filter ? /^displayName eq '((?:[^']|'')*)'$/.exec(filter)?.[1]?.replace(/''/g, "'") : undefined;
      if (filter && name === undefined) return error(400, "invalidRequest", `Invalid filter clause: ${filter}`);
      const found = [...site.lists.values()].filter((l) => name === undefined || l.displayName === name);
      return { status: 200, body: { value: found.map((l) => listShape(site, l)) } };
    }
    if (method !== "POST") return error(405, "invalidRequest", method);
    const input = json() as { displayName?: string; columns?: Record<string, unknown>[]; list?: { template?: string } };
    if (!input.displayName) return error(400, "invalidRequest", "displayName is required");
    if ([...site.lists.values()].some((l) => l.displayName.toLowerCase() === input.displayName!.toLowerCase())) {
      return error(
        409,
        "nameAlreadyExists",
        "A list, survey, discussion board, or document library with the specified title already exists in this Web " +
          "site.  Please choose another title.",
      );
    }
    const columns: FakeColumn[] = [...BUILT_IN.map((c) => ({ ...c }))];
    for (const raw of input.columns ?? []) {
      const column = columnOf(raw);
      if ("status" in column) return column;
      columns.push(column);
    }
    const list: FakeList = {
      id: randomUUID(),
      displayName: input.displayName,
      columns,
      items: new Map(),
      tombstones: [],
      nextId: 1,
      epoch: 0,
      createdDateTime: new Date().toISOString(),
    };
    site.lists.set(list.id, list);
    return { status: 201, body: listShape(site, list) };
  }
}

function listShape(site: FakeSite, list: FakeList): Record<string, unknown> {
  return {
    id: list.id,
    name: list.displayName.replace(/\s+/g, ""),
    displayName: list.displayName,
    createdDateTime: list.createdDateTime,
    webUrl: `https://${site.hostname}${site.path}/Lists/${encodeURIComponent(list.displayName)}`,
    list: { template: "genericList", hidden: false, contentTypesEnabled: false },
  };
}

function columnOf(raw: Record<string, unknown>): FakeColumn | SharePointAnswer {
  const name = raw.name;
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    return error(400, "invalidRequest", `Invalid column name: ${String(name)}`);
  }
  const kind = (["text", "number", "dateTime", "boolean", "choice"] as const).find((k) => k in raw);
  if (!kind) return error(400, "invalidRequest", `Column ${name} has no type`);
  const indexed = raw.indexed === true;
  const enforceUniqueValues = raw.enforceUniqueValues === true;
  // SharePoint: "You must index this column to enforce unique values".
  if (enforceUniqueValues && !indexed) {
    return error(400, "invalidRequest", `Column ${name}: enforceUniqueValues requires an indexed column`);
  }
  return { id: randomUUID(), name, kind, indexed, enforceUniqueValues };
}

function columnShape(c: FakeColumn): Record<string, unknown> {
  const facet: Record<Kind, unknown> = {
    text: { allowMultipleLines: false, maxLength: 255 },
    number: { decimalPlaces: "automatic" },
    dateTime: { format: "dateTime", displayAs: "standard" },
    boolean: {},
    choice: { allowTextEntry: true, choices: [], displayAs: "dropDownMenu" },
  };
  return {
    id: c.id,
    name: c.name,
    displayName: c.name,
    indexed: c.indexed,
    enforceUniqueValues: c.enforceUniqueValues,
    [c.kind]: facet[c.kind],
  };
}

interface Condition {
  column: string;
  op: string;
  value: unknown;
}

/** `fields/X op value [and …]`; undefined when the clause is not understood. */
function parseFilter(filter: string): Condition[] | undefined {
  const out: Condition[] = [];
  for (const part of filter.split(/\s+and\s+/i)) {
    const m = /^fields\/(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/.exec(part.trim());
    if (!m) return undefined;
    const raw = m[3]!.trim();
    const value = raw.startsWith("'")
      ? raw.slice(1, -1).replace(/''/g, "'")
      : raw === "true" || raw === "false"
        ? raw === "true"
        : /^-?\d+(\.\d+)?$/.test(raw)
          ? Number(raw)
          : raw;
    out.push({ column: m[1]!, op: m[2]!, value });
  }
  return out;
}

function holds(actual: unknown, { op, value }: Condition): boolean {
  const a = actual as string | number | boolean;
  const b = value as string | number | boolean;
  if (op === "eq") return a === b;
  if (op === "ne") return a !== b;
  if (actual === undefined || actual === null) return false;
  return op === "gt" ? a > b : op === "ge" ? a >= b : op === "lt" ? a < b : a <= b;
}

/** The routes under one list: columns, items, an item's fields, delta. */
class ListRoutes {
  constructor(
    private readonly sp: FakeSharePoint,
    private readonly site: FakeSite,
    private readonly list: FakeList,
    private readonly user: FakeSignedInUser,
  ) {}

  route(
    method: string,
    url: URL,
    rest: string,
    headers: IncomingHttpHeaders,
    json: () => Record<string, unknown>,
  ): SharePointAnswer {
    const { list } = this;
    if (rest === "" && method === "GET") return { status: 200, body: listShape(this.site, list) };
    if (rest === "/columns" && method === "GET") return { status: 200, body: { value: list.columns.map(columnShape) } };
    if (rest === "/columns" && method === "POST") {
      const column = columnOf(json());
      if ("status" in column) return column;
      if (list.columns.some((c) => c.name === column.name)) {
        return error(409, "nameAlreadyExists", `A duplicate field name "${column.name}" was found.`);
      }
      list.columns.push(column);
      return { status: 201, body: columnShape(column) };
    }
    if (rest === "/items" && method === "GET") return this.query(url, headers);
    if (rest === "/items" && method === "POST") return this.create(json());
    if (rest === "/items/delta" && method === "GET") return this.delta(url, headers);
    const item = rest.match(/^\/items\/([^/]+)(\/fields)?$/);
    const found = item ? list.items.get(item[1]!) : undefined;
    if (!item || !found) return error(404, "itemNotFound", "The specified list item was not found");
    if (method === "GET") return { status: 200, body: this.itemShape(found, true) };
    if (method === "DELETE" && !item[2]) {
      this.sp.deleteItem(this.site.id, list.displayName, found.id);
      return { status: 204 };
    }
    if (method === "PATCH" && item[2]) {
      const patch = json();
      const refused = this.check(patch, found.id) ?? this.validated({ ...found.fields, ...patch });
      if (refused) return refused;
      Object.assign(found.fields, patch);
      found.lastModifiedDateTime = new Date().toISOString();
      found.seq = this.sp.nextSeq();
      return { status: 200, body: { ...found.fields, id: found.id } };
    }
    return error(400, "invalidRequest", `Unsupported ${method} ${rest}`);
  }

  /** Unknown fields and wrong types are 400; a duplicate in a unique column is Graph's 409. */
  private check(fields: Record<string, unknown>, selfId?: string): SharePointAnswer | undefined {
    for (const [name, value] of Object.entries(fields)) {
      const column = this.list.columns.find((c) => c.name === name);
      if (!column) return error(400, "invalidRequest", `Field '${name}' is not recognized`);
      const type = { text: "string", choice: "string", dateTime: "string", number: "number", boolean: "boolean" };
      if (value !== null && typeof value !== type[column.kind]) {
        return error(400, "invalidRequest", `Invalid value for field '${name}'`);
      }
      if (!column.enforceUniqueValues) continue;
      const clash = [...this.list.items.values()].some((i) => i.id !== selfId && i.fields[name] === value);
      if (clash) {
        return error(
          409,
          "nameAlreadyExists",
          "The list item could not be added or updated because duplicate values were found in the following " +
            `field(s) in the list: [${name}].`,
        );
      }
    }
    return undefined;
  }

  /** An item the list's validation formula refuses: SharePoint's answer through Graph. */
  private validated(fields: Record<string, unknown>): SharePointAnswer | undefined {
    if (!this.list.validation || this.list.validation(fields)) return undefined;
    return error(400, "invalidRequest", "List data validation failed.");
  }

  private create(input: Record<string, unknown>): SharePointAnswer {
    const fields = (input.fields ?? {}) as Record<string, unknown>;
    const refused = this.check(fields) ?? this.validated(fields);
    if (refused) return refused;
    const now = new Date().toISOString();
    const item: FakeItem = {
      id: String(this.list.nextId++),
      fields: { ...fields },
      createdDateTime: now,
      lastModifiedDateTime: now,
      createdBy: this.user,
      seq: this.sp.nextSeq(),
    };
    this.list.items.set(item.id, item);
    return { status: 201, body: this.itemShape(item, true) };
  }

  private query(url: URL, headers: IncomingHttpHeaders): SharePointAnswer {
    const filter = url.searchParams.get("$filter") ?? url.searchParams.get("filter");
    let items = [...this.list.items.values()];
    if (filter) {
      const conditions = parseFilter(filter);
      if (!conditions) return error(400, "invalidRequest", "Invalid filter clause");
      this.sp.itemQueries.push({ filter, columns: conditions.map((c) => c.column) });
      const loose = NON_INDEXED_PREFER.test(String(headers.prefer ?? ""));
      for (const c of conditions) {
        const column = this.list.columns.find((x) => x.name === c.column);
        if (!column) return error(400, "invalidRequest", `Field '${c.column}' is not recognized`);
        if (column.indexed) continue;
        if (!loose) {
          return error(
            400,
            "invalidRequest",
            `Field '${c.column}' cannot be referenced in filter or orderby as it is not indexed. ` +
              "Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, " +
              "but be warned that such queries may fail on large lists.",
          );
        }
        if (this.list.items.size > this.sp.viewThreshold) {
          return error(
            400,
            "invalidRequest",
            "The attempted operation is prohibited because it exceeds the list view threshold.",
          );
        }
      }
      items = items.filter((i) => conditions.every((c) => holds(i.fields[c.column], c)));
    }
    const expand = /fields/.test(url.searchParams.get("$expand") ?? url.searchParams.get("expand") ?? "");
    return { status: 200, body: { value: items.map((i) => this.itemShape(i, expand, url)) } };
  }

  private itemShape(item: FakeItem, withFields: boolean, url?: URL): Record<string, unknown> {
    const by = { user: { id: item.createdBy.oid, displayName: item.createdBy.name, email: item.createdBy.upn } };
    const shape: Record<string, unknown> = {
      "@odata.etag": `"${item.id},${item.seq}"`,
      id: item.id,
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime,
      createdBy: by,
      lastModifiedBy: by,
      contentType: { id: "0x0100", name: "Item" },
      webUrl: `https://${this.site.hostname}${this.site.path}/Lists/${this.list.id}/DispForm.aspx?ID=${item.id}`,
    };
    if (withFields) {
      const select = /fields\(\$?select=([^)]*)\)/.exec(
        url?.searchParams.get("$expand") ?? url?.searchParams.get("expand") ?? "",
      );
      const keep = select ? new Set(select[1]!.split(",").map((s) => s.trim())) : undefined;
      const fields = Object.fromEntries(Object.entries(item.fields).filter(([k]) => !keep || keep.has(k)));
      shape.fields = { "@odata.etag": shape["@odata.etag"], ...fields, id: item.id };
    }
    return shape;
  }

  /** Changes after the token's sequence, oldest first, a page at a time; then a deltaLink at the newest. */
  private delta(url: URL, headers: IncomingHttpHeaders): SharePointAnswer {
    const token = url.searchParams.get("token") ?? url.searchParams.get("$deltatoken");
    const skip = url.searchParams.get("$skiptoken");
    const state = decode(skip ?? token);
    if ((token || skip) && (!state || state.epoch !== this.list.epoch)) {
      return error(410, "resyncRequired", "Resync required. Replace any local items with the server's version.");
    }
    const from = state?.seq ?? 0;
    const until = state?.until ?? this.currentSeq();
    const size = Number(/odata\.maxpagesize=(\d+)/.exec(String(headers.prefer ?? ""))?.[1]) || this.sp.deltaPageSize;
    const changes = [
      ...[...this.list.items.values()].map((i) => ({ seq: i.seq, item: i as FakeItem | undefined, id: i.id })),
      ...(from > 0 ? this.list.tombstones.map((t) => ({ seq: t.seq, item: undefined, id: t.id })) : []),
    ]
      .filter((c) => c.seq > from && c.seq <= until)
      .sort((a, b) => a.seq - b.seq);
    const page = changes.slice(0, size);
    const value = page.map((c) =>
      c.item ? this.itemShape(c.item, true, url) : { id: c.id, deleted: { state: "deleted" } },
    );
    const base = new URL(url.toString());
    for (const k of ["token", "$deltatoken", "$skiptoken"]) base.searchParams.delete(k);
    const body: Record<string, unknown> = { value };
    if (changes.length > size) {
      base.searchParams.set("$skiptoken", encode({ seq: page.at(-1)!.seq, until, epoch: this.list.epoch }));
      body["@odata.nextLink"] = base.toString();
    } else {
      base.searchParams.set("token", encode({ seq: until, epoch: this.list.epoch }));
      body["@odata.deltaLink"] = base.toString();
    }
    return { status: 200, body };
  }

  private currentSeq(): number {
    const seqs = [...this.list.items.values()].map((i) => i.seq).concat(this.list.tombstones.map((t) => t.seq));
    return Math.max(0, ...seqs);
  }
}

interface DeltaState {
  seq: number;
  until?: number;
  epoch: number;
}

function encode(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

function decode(token: string | null): DeltaState | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as DeltaState;
  } catch {
    return undefined;
  }
}
