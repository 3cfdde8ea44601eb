/**
 * appPackage (the unified manifest for Microsoft 365), checked offline: against Microsoft's JSON Schema of the
 * version its `$schema` names (draft-04, in `shared/microsoft-contracts/unified-manifest` beside the checkout or
 * one of its parents, read from there), as what the generator makes from manifest.xml, the catalogs and the port,
 * in agreement with manifest.xml, and zipped by `npm run package:appPackage`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
// CommonJS modules: their default export is the `default` of what they export.
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { MANIFEST_LOCALES } from "../../bridge/addin-api/manifest-strings.js";
import {
  PACKAGE_ICONS,
  RIBBON_BUTTONS,
  RIBBON_CONTEXTS,
  UNIFIED_MANIFEST_VERSION,
  unifiedManifestFiles,
} from "../../bridge/addin-api/unified-manifest.js";
import { DEFAULT_HTTP_PORT } from "../../bridge/config/config.js";
import { useTempDir } from "../support/temp-dir.js";

const root = projectRoot();
const tempDir = useTempDir("telefum-app-package-");
const packageFile = (name: string) => join(root, "appPackage", name);
// biome-ignore lint/suspicious/noExplicitAny: walking a parsed manifest
type Json = Record<string, any>;
const readJson = (name: string): Json => JSON.parse(readFileSync(packageFile(name), "utf8")) as Json;
const manifest = readJson("manifest.json");
const localizations = { uk: readJson("uk.json"), ru: readJson("ru.json") };

/** shared/microsoft-contracts/unified-manifest beside the checkout (CI) or beside one of its parents (a worktree). */
function contractsDir(): string | undefined {
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "microsoft-contracts", "unified-manifest");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A validator for the schema a `$schema` URL names (…/teams/v1.17/MicrosoftTeams.schema.json). */
function validatorFor(schemaUrl: string) {
  const [, version, file] = /\/teams\/(v1\.\d+)\/([\w.]+\.json)$/.exec(schemaUrl) ?? [];
  expect(file, `$schema ${schemaUrl}`).toBeDefined();
  const dir = contractsDir();
  expect(dir, "shared/microsoft-contracts/unified-manifest beside the checkout").toBeDefined();
  // The localization schema's patterns are not valid with the u flag (`\b]`); Microsoft's own tools run without it.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(dir!, version!, file!), "utf8")));
}

function pngSize(path: string): { width: number; height: number } {
  const data = readFileSync(path);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

type XmlNode = { [key: string]: XmlNode[] | string | undefined };
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  alwaysCreateTextNode: true,
}).parse(readFileSync(join(root, "manifest.xml"), "utf8")) as XmlNode;
const kid = (node: XmlNode, tag: string): XmlNode => (node[tag] as XmlNode[])[0]!;
const kids = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? [];
const attr = (node: XmlNode, name: string) => node[`@_${name}`] as string;
const text = (node: XmlNode) => node["#text"] as string;
const app = kid(xml, "OfficeApp");
const v10 = kid(app, "VersionOverrides");
const v11 = kid(v10, "VersionOverrides");
const resources = kid(v11, "Resources");

/** A resid's text in manifest.xml: the default, or a locale's override. */
function xmlString(id: string, locale?: string): string {
  for (const list of ["bt:ShortStrings", "bt:LongStrings"])
    for (const entry of kids(kid(resources, list), "bt:String"))
      if (attr(entry, "id") === id) {
        if (!locale) return attr(entry, "DefaultValue");
        return attr(kids(entry, "bt:Override").find((o) => attr(o, "Locale") === locale)!, "Value");
      }
  throw new Error(`no string ${id}`);
}
function xmlUrl(id: string): string {
  return attr(kids(kid(resources, "bt:Urls"), "bt:Url").find((u) => attr(u, "id") === id)!, "DefaultValue");
}
const SURFACES: Record<string, string> = {
  MessageReadCommandSurface: "mailRead",
  MessageComposeCommandSurface: "mailCompose",
  AppointmentOrganizerCommandSurface: "meetingDetailsOrganizer",
  AppointmentAttendeeCommandSurface: "meetingDetailsAttendee",
};
const extension = manifest.extensions[0];
const group = extension.ribbons[0].tabs[0].groups[0];

describe("appPackage: the unified manifest", () => {
  it("names a schema version Microsoft publishes and validates against it, localization files too", () => {
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.manifestVersion).toBe(UNIFIED_MANIFEST_VERSION);
    const validate = validatorFor(manifest.$schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    for (const localization of Object.values(localizations)) {
      const check = validatorFor(localization.$schema);
      expect(check(localization), JSON.stringify(check.errors)).toBe(true);
    }
    // And the check can fail: Microsoft's limit of 80 characters on the short description.
    expect(validate({ ...manifest, description: { ...manifest.description, short: "x".repeat(81) } })).toBe(false);
  });

  it("is what manifest.xml, the catalogs and the default port make (`npm run manifest:strings` after an edit)", () => {
    for (const [name, made] of Object.entries(unifiedManifestFiles(DEFAULT_HTTP_PORT)))
      expect(readFileSync(packageFile(name), "utf8"), name).toBe(made);
  });

  it("carries the two icons Microsoft asks for: a 192×192 colour icon and a 32×32 outline", () => {
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(pngSize(packageFile(PACKAGE_ICONS.color))).toEqual({ width: 192, height: 192 });
    expect(pngSize(packageFile(PACKAGE_ICONS.outline))).toEqual({ width: 32, height: 32 });
  });
});

describe("manifest.xml and manifest.json agree", () => {
  it("on the add-in's id, version, provider and permission", () => {
    expect(manifest.id).toBe(text(kid(app, "Id")));
    expect(`${manifest.version}.0`).toBe(text(kid(app, "Version")));
    expect(manifest.developer.name).toBe(text(kid(app, "ProviderName")));
    expect(text(kid(app, "Permissions"))).toBe("ReadItem");
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: "MailboxItem.Read.User", type: "Delegated" },
    ]);
  });

  it("on the requirement sets: Mailbox 1.3 for the ribbon, a pinnable pane where the XML pins it (1.5)", () => {
    const min = (overrides: XmlNode) => attr(kid(kid(overrides, "Requirements"), "bt:Sets"), "DefaultMinVersion");
    expect(min(v10)).toBe("1.3");
    expect(min(v11)).toBe("1.5");
    expect(extension.requirements).toEqual({
      scopes: ["mail"],
      capabilities: [{ name: "Mailbox", minVersion: "1.3" }],
    });
    expect(extension.runtimes[0].actions).toEqual([{ id: "openPane", type: "openPage", pinnable: true }]);
  });

  it("on the pane's URL and the function file's, and the functions it runs", () => {
    const pane = extension.runtimes.find((r: Json) => r.actions.some((a: Json) => a.type === "openPage"));
    const commands = extension.runtimes.find((r: Json) => r.actions.some((a: Json) => a.type === "executeFunction"));
    expect(pane.code.page).toBe(xmlUrl("Taskpane.Url"));
    expect(commands.code.page).toBe(xmlUrl("Commands.Url"));
    expect(commands.actions.map((a: Json) => a.id)).toEqual(["callFromItem", "smsFromItem"]);
  });

  it("on the ribbon: Call, SMS and the pane on the same four surfaces, in the same order, with the same icons", () => {
    const points = kids(kid(kid(kid(v11, "Hosts"), "Host"), "DesktopFormFactor"), "ExtensionPoint");
    expect(points.map((p) => SURFACES[attr(p, "xsi:type")])).toEqual(RIBBON_CONTEXTS);
    expect(extension.ribbons[0].contexts).toEqual(RIBBON_CONTEXTS);
    for (const point of points) {
      const controls = kids(kid(kid(point, "OfficeTab"), "Group"), "Control");
      expect(controls.map((c) => attr(c, "id").replace(/^[A-Za-z]+?(V11)?(?=Call|Sms|Pane)/, ""))).toEqual(
        RIBBON_BUTTONS.map((b) => `${b.name}Button`),
      );
      controls.forEach((control, i) => {
        const button = group.controls[i];
        const action = kid(control, "Action");
        if (attr(action, "xsi:type") === "ExecuteFunction")
          expect(button.actionId).toBe(text(kid(action, "FunctionName")));
        else expect(button.actionId).toBe("openPane");
        const images = kids(kid(control, "Icon"), "bt:Image").map((image) => attr(image, "resid"));
        const xmlIcons = kids(kid(resources, "bt:Images"), "bt:Image").filter((i) => images.includes(attr(i, "id")));
        expect(button.icons.map((icon: Json) => icon.url)).toEqual(xmlIcons.map((i) => attr(i, "DefaultValue")));
      });
    }
  });

  it("on every word, in English and in each override language", () => {
    const xmlIds = ["Call", "Sms", "Pane"];
    expect(group.label).toBe(xmlString("Group.Label"));
    xmlIds.forEach((id, i) => {
      expect(group.controls[i].label).toBe(xmlString(`${id}.Label`));
      expect(group.controls[i].supertip).toEqual({
        title: xmlString(`${id}.Label`),
        description: xmlString(`${id}.Tooltip`),
      });
    });
    expect(manifest.name.short).toBe(attr(kid(app, "DisplayName"), "DefaultValue"));
    expect(manifest.description.full).toBe(attr(kid(app, "Description"), "DefaultValue"));
    for (const [language, locale] of Object.entries(MANIFEST_LOCALES)) {
      const strings = localizations[language as keyof typeof localizations];
      expect(manifest.localizationInfo.additionalLanguages).toContainEqual({
        languageTag: locale,
        file: `${language}.json`,
      });
      const override = (node: XmlNode) =>
        attr(kids(node, "Override").find((o) => attr(o, "Locale") === locale)!, "Value");
      expect(strings["name.short"]).toBe(override(kid(app, "DisplayName")));
      expect(strings["description.full"]).toBe(override(kid(app, "Description")));
      const path = "extensions[0].ribbons[0].tabs[0].groups[0]";
      expect(strings[`${path}.label`]).toBe(xmlString("Group.Label", locale));
      xmlIds.forEach((id, i) => {
        expect(strings[`${path}.controls[${i}].label`]).toBe(xmlString(`${id}.Label`, locale));
        expect(strings[`${path}.controls[${i}].supertip.description`]).toBe(xmlString(`${id}.Tooltip`, locale));
      });
    }
  });
});

describe("npm run package:appPackage", () => {
  it("zips manifest.json, its localization files and the icons for the given port, offline", () => {
    const out = tempDir();
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", join(root, "packaging", "app-package", "main.ts"), "--port", "3456", "--out", out],
      { cwd: root, encoding: "utf8" },
    );
    const zip = join(out, "TelefUM-3456.zip");
    expect(printed.trim()).toBe(zip);
    // unzip, the system's own reader: the archive tests clean and lists exactly the package.
    expect(execFileSync("unzip", ["-t", zip], { encoding: "utf8" })).toContain("No errors detected");
    const listing = execFileSync("zipinfo", ["-1", zip], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toEqual(["manifest.json", "uk.json", "ru.json", "color.png", "outline.png"]);
    const packed = JSON.parse(execFileSync("unzip", ["-p", zip, "manifest.json"], { encoding: "utf8" })) as Json;
    expect(packed.extensions[0].runtimes[0].code.page).toBe("https://localhost:3456/taskpane.html");
    expect(packed.validDomains).toEqual(["localhost:3456"]);
    expect(JSON.stringify(packed)).not.toContain(":3000");
    expect(execFileSync("unzip", ["-p", zip, "outline.png"])).toEqual(readFileSync(packageFile("outline.png")));
    const uk = execFileSync("unzip", ["-p", zip, "uk.json"], { encoding: "utf8" });
    expect(uk).toBe(readFileSync(packageFile("uk.json"), "utf8"));
  });
});
