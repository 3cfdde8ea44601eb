/**
 * manifest.xml, checked offline: against Microsoft's Office add-in XSDs with xmllint (the schemas sit in a
 * `shared/office-manifest-xsd` folder beside the checkout or one of its parents), and with a real XML parser
 * for what the schemas cannot say: resource ids, URLs, icons, the ribbon functions and the localized strings.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import { manifestForPort } from "../../bridge/addin-api/manifest-for-port.js";
import { localizeManifest, MANIFEST_LOCALES, MANIFEST_STRINGS } from "../../bridge/addin-api/manifest-strings.js";
import { translator } from "../../bridge/i18n/i18n.js";
import { DEFAULT_HTTP_PORT } from "../../bridge/config/config.js";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";

const root = projectRoot();
const manifestPath = join(root, "manifest.xml");
const xml = readFileSync(manifestPath, "utf8");

type XmlNode = { [key: string]: XmlNode[] | string | undefined; "#text"?: string };
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
});
const doc = parser.parse(xml) as XmlNode;

/** Child elements named `tag`. */
function kids(node: XmlNode, tag: string): XmlNode[] {
  const value = node[tag];
  return Array.isArray(value) ? value : [];
}
function kid(node: XmlNode, tag: string): XmlNode {
  const [first] = kids(node, tag);
  if (!first) throw new Error(`no <${tag}>`);
  return first;
}
function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}
function text(node: XmlNode): string {
  return typeof node["#text"] === "string" ? node["#text"] : "";
}
/** Every element below `node` (depth first), optionally not descending into nested VersionOverrides. */
function* descendants(
  node: XmlNode,
  options: { skipNestedOverrides?: boolean } = {},
): Generator<{ tag: string; node: XmlNode }> {
  for (const [tag, value] of Object.entries(node)) {
    if (!Array.isArray(value)) continue;
    for (const child of value) {
      if (typeof child !== "object") continue;
      yield { tag, node: child };
      if (options.skipNestedOverrides && tag === "VersionOverrides") continue;
      yield* descendants(child, options);
    }
  }
}

const app = kid(doc, "OfficeApp");
const v10 = kid(app, "VersionOverrides");
const v11 = kid(v10, "VersionOverrides");
const SURFACES = [
  "MessageReadCommandSurface",
  "MessageComposeCommandSurface",
  "AppointmentOrganizerCommandSurface",
  "AppointmentAttendeeCommandSurface",
];

function extensionPoints(overrides: XmlNode): Map<string, XmlNode> {
  const points = kids(kid(kid(kid(overrides, "Hosts"), "Host"), "DesktopFormFactor"), "ExtensionPoint");
  return new Map(points.map((p) => [attr(p, "xsi:type") ?? "", p]));
}
function controls(point: XmlNode): XmlNode[] {
  return kids(point, "OfficeTab")
    .flatMap((tab) => kids(tab, "Group"))
    .flatMap((group) => kids(group, "Control"));
}
function resourceIds(overrides: XmlNode): Map<string, { kind: string; value: string }> {
  const resources = kid(overrides, "Resources");
  const ids = new Map<string, { kind: string; value: string }>();
  for (const [group, item] of [
    ["bt:Images", "bt:Image"],
    ["bt:Urls", "bt:Url"],
    ["bt:ShortStrings", "bt:String"],
    ["bt:LongStrings", "bt:String"],
  ] as const) {
    for (const node of kids(resources, group).flatMap((g) => kids(g, item))) {
      const id = attr(node, "id")!;
      expect(ids.has(id), `duplicate resource id ${id}`).toBe(false);
      ids.set(id, { kind: group, value: attr(node, "DefaultValue") ?? "" });
    }
  }
  return ids;
}
/** Every URL the manifest names: app domains and each DefaultValue that is a URL. */
function manifestUrls(app: XmlNode): string[] {
  const urls: string[] = kids(kid(app, "AppDomains"), "AppDomain").map(text);
  for (const { node } of descendants(app)) {
    const value = attr(node, "DefaultValue");
    if (value && /^[a-z]+:\/\//i.test(value)) urls.push(value);
  }
  return urls;
}
function pngSize(file: string): { width: number; height: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** shared/office-manifest-xsd beside the checkout (CI) or beside one of its parents (a worktree). */
function schemaDir(): string | undefined {
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "office-manifest-xsd");
    if (existsSync(join(candidate, "OfficeAppManifestV1_1.xsd"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

describe("manifest.xml", () => {
  it("validates against the Office add-in manifest schemas (xmllint)", () => {
    const schemas = schemaDir();
    if (!schemas && process.env.CI !== "true") return console.warn("!! SKIPPING the XSD check: no office-manifest-xsd");
    expect(schemas, "shared/office-manifest-xsd beside the checkout").toBeDefined();
    const schema = join(schemas!, "OfficeAppManifestV1_1.xsd");
    const run = (file: string) =>
      execFileSync("xmllint", ["--nonet", "--noout", "--schema", schema, file], { encoding: "utf8", stdio: "pipe" });
    expect(() => run(manifestPath)).not.toThrow();
    // And the check can fail: an Override outside its place is refused.
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    try {
      const broken = join(dir, "broken.xml");
      writeFileSync(broken, xml.replace("<DefaultLocale>", '<Override Locale="uk-UA" Value="x"/><DefaultLocale>'));
      expect(() => run(broken)).toThrow(/fails to validate/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("carries uk-UA and ru-RU overrides from the catalogs on every string, DisplayName and Description", () => {
    expect(localizeManifest(xml)).toBe(xml); // regenerated from the catalogs: npm run manifest:strings
    const app = kid(doc, "OfficeApp");
    const strings = [kid(app, "DisplayName"), kid(app, "Description")];
    const resources = (node: XmlNode): XmlNode[] => {
      const found: XmlNode[] = [];
      for (const [tag, value] of Object.entries(node)) {
        if (!Array.isArray(value)) continue;
        for (const child of value) {
          if (tag === "bt:String") found.push(child);
          else found.push(...resources(child));
        }
      }
      return found;
    };
    strings.push(...resources(app));
    expect(strings.length).toBe(16);
    for (const node of strings) {
      const key = MANIFEST_STRINGS[attr(node, "id") ?? (node === strings[0] ? "DisplayName" : "Description")]!;
      const overrides = [...kids(node, "Override"), ...kids(node, "bt:Override")].map((o) => [
        attr(o, "Locale"),
        attr(o, "Value"),
      ]);
      expect(attr(node, "DefaultValue")).toBe(translator("en").t(key));
      expect(overrides).toEqual([
        [MANIFEST_LOCALES.uk, translator("uk").t(key)],
        [MANIFEST_LOCALES.ru, translator("ru").t(key)],
      ]);
    }
    expect(translator("uk").t("manifest.callLabel")).toBe("Подзвонити");
  });

  it("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("is a Mailbox (Outlook) add-in with valid basics", () => {
    expect(attr(app, "xsi:type")).toBe("MailApp");
    expect(attr(app, "xmlns")).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(text(kid(app, "Id"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(text(kid(app, "Version"))).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(kids(kid(app, "Hosts"), "Host").map((h) => attr(h, "Name"))).toEqual(["Mailbox"]);
    const set = kid(kid(kid(app, "Requirements"), "Sets"), "Set");
    expect(attr(set, "Name")).toBe("Mailbox");
    expect(text(kid(app, "Permissions"))).toMatch(/^(Restricted|ReadItem|ReadWriteItem|ReadWriteMailbox)$/);
    // Element order the MailApp schema requires for the base manifest.
    const order = Object.keys(app).filter((k) => !k.startsWith("@_") && k !== "#text");
    expect(order).toEqual([
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "FormSettings",
      "Permissions",
      "Rule",
      "DisableEntityHighlighting",
      "VersionOverrides",
    ]);
  });

  it("has VersionOverrides 1.0 with a nested 1.1 requiring Mailbox 1.5", () => {
    expect(attr(v10, "xsi:type")).toBe("VersionOverridesV1_0");
    expect(attr(v10, "xmlns")).toBe("http://schemas.microsoft.com/office/mailappversionoverrides");
    expect(attr(v11, "xsi:type")).toBe("VersionOverridesV1_1");
    expect(attr(v11, "xmlns")).toBe("http://schemas.microsoft.com/office/mailappversionoverrides/1.1");
    const sets = kid(kid(v11, "Requirements"), "bt:Sets");
    expect(Number(attr(sets, "DefaultMinVersion"))).toBeGreaterThanOrEqual(1.5);
    expect(attr(kid(sets, "bt:Set"), "Name")).toBe("Mailbox");
    expect(attr(kid(kid(v11, "Hosts"), "Host"), "xsi:type")).toBe("MailHost");
  });

  for (const [label, overrides] of [
    ["1.0", v10],
    ["1.1", v11],
  ] as const) {
    it(`puts Call, SMS and the pane on read/compose and appointment surfaces (${label})`, () => {
      const points = extensionPoints(overrides);
      expect([...points.keys()].sort()).toEqual([...SURFACES].sort());
      const ids = new Set<string>();
      for (const [surface, point] of points) {
        const list = controls(point);
        for (const control of list) {
          expect(attr(control, "xsi:type")).toBe("Button");
          const id = attr(control, "id")!;
          expect(ids.has(id), `control id ${id} repeats`).toBe(false);
          ids.add(id);
        }
        const actions = list.map((c) => kid(c, "Action"));
        const functions = actions
          .filter((a) => attr(a, "xsi:type") === "ExecuteFunction")
          .map((a) => text(kid(a, "FunctionName")));
        expect(functions, surface).toEqual(["callFromItem", "smsFromItem"]);
        const panes = actions.filter((a) => attr(a, "xsi:type") === "ShowTaskpane");
        expect(panes, surface).toHaveLength(1);
        const pinning = kids(panes[0]!, "SupportsPinning").map(text);
        // Pinning is a 1.1 feature, offered where the user reads mail.
        expect(pinning, surface).toEqual(label === "1.1" && surface === "MessageReadCommandSurface" ? ["true"] : []);
        const labels = list.map((c) => resourceIds(overrides).get(attr(kid(c, "Label"), "resid")!)?.value);
        expect(labels, surface).toEqual(["Call", "SMS", "TelefUM"]);
      }
    });

    it(`resolves every resid within its own Resources (${label})`, () => {
      const ids = resourceIds(overrides);
      const used = new Set<string>();
      for (const { tag, node } of descendants(overrides, { skipNestedOverrides: true })) {
        const resid = attr(node, "resid");
        if (resid === undefined) continue;
        expect(ids.has(resid), `<${tag} resid="${resid}"> has no resource`).toBe(true);
        used.add(resid);
        if (tag === "bt:Image") expect(ids.get(resid)!.kind).toBe("bt:Images");
        if (tag === "SourceLocation" || tag === "FunctionFile") expect(ids.get(resid)!.kind).toBe("bt:Urls");
      }
      for (const [id, { kind, value }] of ids) {
        expect(id.length, id).toBeLessThanOrEqual(32);
        expect(used.has(id), `resource ${id} is never used`).toBe(true);
        if (kind === "bt:ShortStrings") expect(value.length).toBeLessThanOrEqual(125);
        if (kind === "bt:LongStrings") expect(value.length).toBeLessThanOrEqual(250);
      }
    });
  }

  it("keeps the element order of the MailAppVersionOverrides schemas", () => {
    // Sequences as the MailAppVersionOverridesV1_1 XSD defines them (Office's validator rejects other orders).
    const elements = (node: XmlNode): string[] => Object.keys(node).filter((k) => !k.startsWith("@_") && k !== "#text");
    expect(elements(v10)).toEqual(["Requirements", "Hosts", "Resources", "VersionOverrides"]);
    expect(elements(v11)).toEqual(["Requirements", "Hosts", "Resources"]);
    for (const overrides of [v10, v11]) {
      expect(elements(kid(kid(kid(overrides, "Hosts"), "Host"), "DesktopFormFactor"))).toEqual([
        "FunctionFile",
        "ExtensionPoint",
      ]);
      expect(elements(kid(overrides, "Resources"))).toEqual([
        "bt:Images",
        "bt:Urls",
        "bt:ShortStrings",
        "bt:LongStrings",
      ]);
      for (const point of extensionPoints(overrides).values()) {
        for (const control of controls(point)) {
          expect(elements(control)).toEqual(["Label", "Supertip", "Icon", "Action"]);
          expect(elements(kid(control, "Supertip"))).toEqual(["Title", "Description"]);
          const action = kid(control, "Action");
          if (attr(action, "xsi:type") === "ShowTaskpane")
            expect(["SourceLocation", "SourceLocation,SupportsPinning"]).toContain(elements(action).join(","));
        }
      }
    }
  });

  it("points every URL at the bridge over https on its default port", () => {
    const source = attr(
      kid(kid(kid(kid(app, "FormSettings"), "Form"), "DesktopSettings"), "SourceLocation"),
      "DefaultValue",
    )!;
    const base = new URL(source);
    expect(base.protocol).toBe("https:");
    expect(base.hostname).toBe("localhost");
    expect(Number(base.port)).toBe(DEFAULT_HTTP_PORT);
    expect(base.pathname).toBe("/taskpane.html");
    const urls = manifestUrls(app);
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) {
      const parsed = new URL(url);
      expect(parsed.protocol, url).toBe("https:");
      expect(parsed.host, url).toBe(base.host);
    }
  });

  it("uses icons that exist as PNGs of the declared sizes", () => {
    const urls = new Map<string, number | undefined>();
    urls.set(attr(kid(app, "IconUrl"), "DefaultValue")!, 64);
    urls.set(attr(kid(app, "HighResolutionIconUrl"), "DefaultValue")!, 128);
    for (const overrides of [v10, v11]) {
      const ids = resourceIds(overrides);
      for (const { tag, node } of descendants(overrides, { skipNestedOverrides: true })) {
        if (tag === "bt:Image" && attr(node, "resid"))
          urls.set(ids.get(attr(node, "resid")!)!.value, Number(attr(node, "size")));
      }
    }
    for (const [url, size] of urls) {
      const path = new URL(url).pathname;
      expect(path, url).toMatch(/^\/assets\/[a-z]+-\d+\.png$/);
      const file = join(root, "src", path); // webpack copies src/assets → dist/addin/assets
      expect(pngSize(file), url).toEqual({ width: size, height: size });
    }
  });

  it("names ribbon functions the function file registers", () => {
    const commands = readFileSync(join(root, "src", "commands", "commands.ts"), "utf8");
    const ffUrl = resourceIds(v11).get(
      attr(kid(kid(kid(kid(v11, "Hosts"), "Host"), "DesktopFormFactor"), "FunctionFile"), "resid")!,
    )!.value;
    expect(new URL(ffUrl).pathname).toBe("/commands.html");
    for (const name of ["callFromItem", "smsFromItem"])
      expect(commands).toContain(`Office.actions.associate("${name}"`);
  });

  it("can be made for another port (`bridge manifest --port N`): every URL moves, nothing else changes", async () => {
    const moved = manifestForPort(4443, xml);
    const movedApp = kid(parser.parse(moved) as XmlNode, "OfficeApp");
    const urls = manifestUrls(movedApp);
    expect(urls).toHaveLength(manifestUrls(app).length);
    for (const url of urls) expect(new URL(url).host, url).toBe("localhost:4443");
    expect(moved.replaceAll("localhost:4443", "localhost:3000")).toBe(xml);
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    try {
      writeFileSync(join(dir, "manifest.xml"), moved);
      expect(await OfficeAddinManifest.readManifestFile(join(dir, "manifest.xml"))).toMatchObject({
        officeAppType: "MailApp",
        displayName: "TelefUM",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is readable by office-addin-manifest (what office-addin-debugging uses to sideload)", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info).toMatchObject({ officeAppType: "MailApp", hosts: ["Mailbox"], displayName: "TelefUM" });
  });
});
