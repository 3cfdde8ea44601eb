/**
 * The unified manifest for Microsoft 365 (`appPackage/manifest.json` and a localization file per other language),
 * made from what manifest.xml is made from: its identity (id, version, provider) read from manifest.xml, its words
 * from the catalogs (the keys of MANIFEST_STRINGS), its URLs from the bridge's port. So the two cannot drift:
 * `npm run manifest:strings` rewrites both, and a test checks the files in appPackage are what this makes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGES, translator, type Language } from "../i18n/i18n.js";
import { projectRoot } from "./addin-files.js";
import { MANIFEST_LOCALES } from "./manifest-strings.js";

/** The schema version followed: the first Outlook add-ins use, so every Outlook that takes a JSON manifest does. */
export const UNIFIED_MANIFEST_VERSION = "1.17";
const SCHEMAS = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}`;

/** Mailbox 1.3: the ribbon commands' minimum, as manifest.xml's VersionOverrides 1.0. */
export const MAILBOX_MIN_VERSION = "1.3";

/** The icons the package carries beside manifest.json (drawn by src/assets/make-icons.mjs). */
export const PACKAGE_ICONS = { color: "color.png", outline: "outline.png" } as const;

/** The ribbon's buttons, in order: each XML Control's id ends with this name (MsgReadCallButton…). */
export const RIBBON_BUTTONS = [
  { name: "Call", action: "callFromItem", label: "manifest.callLabel", tip: "manifest.callTooltip", icon: "call" },
  { name: "Sms", action: "smsFromItem", label: "manifest.smsLabel", tip: "manifest.smsTooltip", icon: "sms" },
  { name: "Pane", action: "openPane", label: "manifest.paneLabel", tip: "manifest.paneTooltip", icon: "app" },
] as const;

/** Outlook's windows where the ribbon shows, as manifest.xml's four command surfaces. */
export const RIBBON_CONTEXTS = ["mailRead", "mailCompose", "meetingDetailsOrganizer", "meetingDetailsAttendee"];

type Json = { [key: string]: unknown };
type OtherLanguage = Exclude<Language, "en">;

interface Identity {
  id: string;
  version: string;
  provider: string;
}

function xmlElement(xml: string, tag: string): string {
  const found = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];
  if (!found) throw new Error(`manifest.xml has no <${tag}>`);
  return found;
}

/** Id, version and provider from manifest.xml; the JSON manifest's version is semver (1.0.0.0 → 1.0.0). */
export function manifestIdentity(xml = readFileSync(join(projectRoot(), "manifest.xml"), "utf8")): Identity {
  const version = xmlElement(xml, "Version").split(".").slice(0, 3).join(".");
  return { id: xmlElement(xml, "Id"), version, provider: xmlElement(xml, "ProviderName") };
}

/** Every localizable string of manifest.json: its JSON path (as the localization files name it) → catalog key. */
function localizedPaths(): Record<string, string> {
  const group = "extensions[0].ribbons[0].tabs[0].groups[0]";
  const paths: Record<string, string> = {
    "name.short": "manifest.displayName",
    "name.full": "manifest.displayName",
    "description.short": "manifest.shortDescription",
    "description.full": "manifest.description",
    [`${group}.label`]: "manifest.groupLabel",
  };
  RIBBON_BUTTONS.forEach((button, i) => {
    const control = `${group}.controls[${i}]`;
    paths[`${control}.label`] = button.label;
    paths[`${control}.supertip.title`] = button.label;
    paths[`${control}.supertip.description`] = button.tip;
  });
  return paths;
}

function icons(origin: string, name: string): Json[] {
  return [16, 32, 80].map((size) => ({ size, url: `${origin}/assets/${name}-${size}.png` }));
}

function manifestJson(origin: string, identity: Identity, t: (key: string) => string): Json {
  const controls = RIBBON_BUTTONS.map((button) => ({
    id: `${button.name}Button`,
    type: "button",
    label: t(button.label),
    icons: icons(origin, button.icon),
    supertip: { title: t(button.label), description: t(button.tip) },
    actionId: button.action,
  }));
  const commands = RIBBON_BUTTONS.filter((button) => button.name !== "Pane");
  return {
    $schema: `${SCHEMAS}/MicrosoftTeams.schema.json`,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    version: identity.version,
    id: identity.id,
    localizationInfo: {
      defaultLanguageTag: "en-US",
      additionalLanguages: LANGUAGES.filter((l): l is OtherLanguage => l !== "en").map((language) => ({
        languageTag: MANIFEST_LOCALES[language],
        file: `${language}.json`,
      })),
    },
    developer: {
      name: identity.provider,
      websiteUrl: `${origin}/taskpane.html`,
      privacyUrl: `${origin}/taskpane.html`,
      termsOfUseUrl: `${origin}/taskpane.html`,
    },
    name: { short: t("manifest.displayName"), full: t("manifest.displayName") },
    description: { short: t("manifest.shortDescription"), full: t("manifest.description") },
    icons: { ...PACKAGE_ICONS },
    accentColor: "#0F6CBD",
    validDomains: [new URL(origin).host],
    showLoadingIndicator: false,
    isFullScreen: false,
    defaultBlockUntilAdminAction: false,
    // ReadItem in manifest.xml.
    authorization: { permissions: { resourceSpecific: [{ name: "MailboxItem.Read.User", type: "Delegated" }] } },
    extensions: [
      {
        requirements: { scopes: ["mail"], capabilities: [{ name: "Mailbox", minVersion: MAILBOX_MIN_VERSION }] },
        runtimes: [
          {
            id: "PaneRuntime",
            type: "general",
            code: { page: `${origin}/taskpane.html` },
            lifetime: "short",
            actions: [{ id: "openPane", type: "openPage", pinnable: true }],
          },
          {
            id: "CommandsRuntime",
            type: "general",
            code: { page: `${origin}/commands.html` },
            lifetime: "short",
            actions: commands.map((button) => ({
              id: button.action,
              type: "executeFunction",
              displayName: button.action,
            })),
          },
        ],
        ribbons: [
          {
            contexts: RIBBON_CONTEXTS,
            tabs: [
              {
                builtInTabId: "TabDefault",
                groups: [
                  { id: "TelefUMGroup", label: t("manifest.groupLabel"), icons: icons(origin, "app"), controls },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** One language's localization file: every localizable path with its catalog text. */
function localizationJson(language: OtherLanguage): Json {
  const { t } = translator(language);
  const strings = Object.entries(localizedPaths()).map(([path, key]) => [path, t(key)]);
  return { $schema: `${SCHEMAS}/MicrosoftTeams.Localization.schema.json`, ...Object.fromEntries(strings) };
}

/** The package's JSON files (file name → text) for a bridge on `port`. */
export function unifiedManifestFiles(port: number, xml?: string): Record<string, string> {
  const origin = `https://localhost:${port}`;
  const text = (value: Json) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = {
    "manifest.json": text(manifestJson(origin, manifestIdentity(xml), translator("en").t)),
  };
  for (const language of LANGUAGES) if (language !== "en") files[`${language}.json`] = text(localizationJson(language));
  return files;
}
