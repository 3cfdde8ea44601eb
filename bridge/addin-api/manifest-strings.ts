/**
 * The manifest's words come from the catalogs: every string resource, DisplayName and Description carries the
 * English default and an <Override> per other language. `localizeManifest` rewrites them from the catalogs
 * (`npm run manifest:strings` after editing a catalog); a test checks manifest.xml is up to date.
 */
import { LANGUAGES, translator, type Language } from "../i18n/i18n.js";

/** Outlook's locale for each of our languages. */
export const MANIFEST_LOCALES: Record<Exclude<Language, "en">, string> = { uk: "uk-UA", ru: "ru-RU" };

/** Manifest element or `bt:String` id → catalog key. */
export const MANIFEST_STRINGS: Record<string, string> = {
  DisplayName: "manifest.displayName",
  Description: "manifest.description",
  "Group.Label": "manifest.groupLabel",
  "Call.Label": "manifest.callLabel",
  "Sms.Label": "manifest.smsLabel",
  "Pane.Label": "manifest.paneLabel",
  "Call.Tooltip": "manifest.callTooltip",
  "Sms.Tooltip": "manifest.smsTooltip",
  "Pane.Tooltip": "manifest.paneTooltip",
};

function xmlValue(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `<tag …DefaultValue="en"><prefix:Override Locale="uk-UA" Value="…"/>…</tag>` for one catalog key. */
function localized(tag: string, attrs: string, key: string, indent: string, prefix: string): string {
  const overrides = LANGUAGES.filter((language): language is Exclude<Language, "en"> => language !== "en").map(
    (language) => {
      const value = xmlValue(translator(language).t(key));
      return `${indent}  <${prefix}Override Locale="${MANIFEST_LOCALES[language]}" Value="${value}"/>`;
    },
  );
  const english = xmlValue(translator("en").t(key));
  return `<${tag}${attrs} DefaultValue="${english}">\n${overrides.join("\n")}\n${indent}</${tag}>`;
}

export function localizeManifest(xml: string): string {
  // The top-level DisplayName and Description (controls name their Description by resid, not DefaultValue).
  let out = xml.replace(
    /^([ \t]*)<(DisplayName|Description) DefaultValue="[^"]*"(?:\/>|>[\s\S]*?<\/\2>)/gm,
    (_all, indent: string, tag: string) => `${indent}${localized(tag, "", MANIFEST_STRINGS[tag]!, indent, "")}`,
  );
  out = out.replace(
    /^([ \t]*)<bt:String id="([^"]+)" DefaultValue="[^"]*"(?:\/>|>[\s\S]*?<\/bt:String>)/gm,
    (all, indent: string, id: string) => {
      const key = MANIFEST_STRINGS[id];
      return key ? `${indent}${localized("bt:String", ` id="${id}"`, key, indent, "bt:")}` : all;
    },
  );
  return out;
}
