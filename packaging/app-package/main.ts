/**
 * `npm run package:appPackage [-- --port N] [-- --out DIR]`: the unified manifest's app package for a bridge on
 * port N (default 3000), as dist/appPackage/TelefUM-<port>.zip: manifest.json, its uk and ru localization
 * files and the two icons. No network: the manifest is made from manifest.xml, the catalogs and the port.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../../bridge/addin-api/addin-files.js";
import { PACKAGE_ICONS, unifiedManifestFiles } from "../../bridge/addin-api/unified-manifest.js";
import { DEFAULT_HTTP_PORT } from "../../bridge/config/config.js";
import { zipFiles } from "./zip.js";

function appPackage(port: number): Buffer {
  const icons = Object.values(PACKAGE_ICONS).map((name) => [
    name,
    readFileSync(join(projectRoot(), "appPackage", name)),
  ]);
  return zipFiles({ ...unifiedManifestFiles(port), ...Object.fromEntries(icons) });
}

function main(): void {
  const { values } = parseArgs({ options: { port: { type: "string" }, out: { type: "string" } } });
  const port = values.port === undefined ? DEFAULT_HTTP_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port ${values.port}: not a TCP port`);
  const dir = resolve(values.out ?? join(projectRoot(), "dist", "appPackage"));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `TelefUM-${port}.zip`);
  writeFileSync(file, appPackage(port));
  console.log(file);
}

main();
