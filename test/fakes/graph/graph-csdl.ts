/**
 * Microsoft's Graph v1.0 service description (CSDL), read once per test process from the shared contracts folder
 * beside the checkout (never copied into the repository): entity sets and singletons, entity and complex types with
 * their properties and navigation properties, and the bound functions and actions (`delta`, `createUploadSession`).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface CsdlType {
  name: string;
  baseType?: string;
  /** Structural properties: name → type ("Collection(microsoft.graph.emailAddress)", "Edm.String"). */
  properties: Map<string, string>;
  navigation: Map<string, string>;
  /** Types that name this one as their base, for `@odata.type` and casts. */
  derived: string[];
  /**
   * Open and declaring nothing of its own (a SharePoint list item's `fields`): any property name goes. An open type
   * that declares its properties (contact) is held to them, as Graph refuses made-up contact properties.
   */
  open: boolean;
}

export interface CsdlOperation {
  name: string;
  kind: "Function" | "Action";
  /** The binding parameter's type, e.g. "Collection(microsoft.graph.contact)". */
  boundTo: string;
  parameters: string[];
  returns?: string;
}

export interface Csdl {
  types: Map<string, CsdlType>;
  /** Entity set or singleton name → its type ("Collection(…)" for an entity set). */
  roots: Map<string, string>;
  /** Operation name → every overload. */
  operations: Map<string, CsdlOperation[]>;
}

const RELATIVE = join("shared", "microsoft-contracts", "graph-v1.0", "cleanMetadata.xml");

/** `../shared/…` of the main checkout; a sibling worktree finds it one folder further up. */
export function csdlPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    const up = resolve(dir, "..");
    if (up === dir) throw new Error(`Microsoft's Graph v1.0 description (${RELATIVE}) not found above the checkout`);
    dir = up;
  }
}

let loaded: Csdl | undefined;

export function graphCsdl(): Csdl {
  loaded ??= parseCsdl(readFileSync(csdlPath(), "utf8"));
  return loaded;
}

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** A tag scan is enough: the description is machine-written, one element per tag, no CDATA. */
export function parseCsdl(xml: string): Csdl {
  const csdl: Csdl = { types: new Map(), roots: new Map(), operations: new Map() };
  const aliases = new Map<string, string>();
  let namespace = "";
  let type: CsdlType | undefined;
  let operation: CsdlOperation | undefined;
  const qualify = (name: string): string => {
    const collection = /^Collection\((.*)\)$/.exec(name);
    if (collection) return `Collection(${qualify(collection[1]!)})`;
    const dot = name.lastIndexOf(".");
    if (dot < 0) return name;
    const prefix = name.slice(0, dot);
    return `${aliases.get(prefix) ?? prefix}.${name.slice(dot + 1)}`;
  };
  for (const tag of xml.matchAll(/<(\/?)(\w+)((?:[^>"]|"[^"]*")*?)(\/?)>/g)) {
    const [, closing, element, rest] = tag;
    if (closing) {
      if (element === "EntityType" || element === "ComplexType") type = undefined;
      if (element === "Function" || element === "Action") operation = undefined;
      continue;
    }
    const a = attributes(rest!);
    switch (element) {
      case "Schema":
        namespace = a.Namespace!;
        if (a.Alias) aliases.set(a.Alias, namespace);
        break;
      case "EntityType":
      case "ComplexType":
        type = {
          name: `${namespace}.${a.Name}`,
          properties: new Map(),
          navigation: new Map(),
          derived: [],
          open: false,
        };
        type.open = a.OpenType === "true" && tag[4] === "/"; // self-closing: no properties of its own
        if (a.BaseType) type.baseType = a.BaseType; // qualified after the scan: the alias may come later
        csdl.types.set(type.name, type);
        break;
      case "Property":
        type?.properties.set(a.Name!, a.Type!);
        break;
      case "NavigationProperty":
        type?.navigation.set(a.Name!, a.Type!);
        break;
      case "Function":
      case "Action":
        if (a.IsBound !== "true") break;
        operation = { name: a.Name!, kind: element, boundTo: "", parameters: [] };
        csdl.operations.set(a.Name!, [...(csdl.operations.get(a.Name!) ?? []), operation]);
        break;
      case "Parameter":
        if (!operation) break;
        if (operation.boundTo) operation.parameters.push(a.Name!);
        else operation.boundTo = a.Type!;
        break;
      case "ReturnType":
        if (operation) operation.returns = a.Type!;
        break;
      case "EntitySet":
        csdl.roots.set(a.Name!, `Collection(${a.EntityType})`);
        break;
      case "Singleton":
        csdl.roots.set(a.Name!, a.Type!);
        break;
    }
  }
  for (const t of csdl.types.values()) {
    if (t.baseType) t.baseType = qualify(t.baseType);
    for (const map of [t.properties, t.navigation]) for (const [k, v] of map) map.set(k, qualify(v));
  }
  for (const t of csdl.types.values()) if (t.baseType) csdl.types.get(t.baseType)?.derived.push(t.name);
  for (const list of csdl.operations.values()) {
    for (const op of list) {
      op.boundTo = qualify(op.boundTo);
      if (op.returns) op.returns = qualify(op.returns);
    }
  }
  for (const [k, v] of csdl.roots) csdl.roots.set(k, qualify(v));
  return csdl;
}
