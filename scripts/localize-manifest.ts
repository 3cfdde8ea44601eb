// Rewrites manifest.xml's strings (defaults and uk-UA / ru-RU overrides) from the catalogs in bridge/i18n, and
// appPackage's manifest.json and localization files from the same catalogs and manifest.xml's identity.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localizeManifest } from "../bridge/addin-api/manifest-strings.js";
import { projectRoot } from "../bridge/addin-api/addin-files.js";
import { unifiedManifestFiles } from "../bridge/addin-api/unified-manifest.js";
import { DEFAULT_HTTP_PORT } from "../bridge/config/config.js";

const path = join(projectRoot(), "manifest.xml");
writeFileSync(path, localizeManifest(readFileSync(path, "utf8")));
for (const [name, text] of Object.entries(unifiedManifestFiles(DEFAULT_HTTP_PORT)))
  writeFileSync(join(projectRoot(), "appPackage", name), text);
