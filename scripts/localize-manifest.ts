// Rewrites manifest.xml's strings (defaults and uk-UA / ru-RU overrides) from the catalogs in bridge/i18n.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localizeManifest } from "../bridge/addin-api/manifest-strings.js";
import { projectRoot } from "../bridge/addin-api/addin-files.js";

const path = join(projectRoot(), "manifest.xml");
writeFileSync(path, localizeManifest(readFileSync(path, "utf8")));
