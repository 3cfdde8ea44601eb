/**
 * manifest.xml names the bridge's origin (https://localhost:3000) in every URL. A bridge on another port
 * needs the same manifest with that origin, or Outlook loads the pane from nowhere.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./addin-files.js";

export const MANIFEST_ORIGIN = "https://localhost:3000";

export function manifestForPort(
  port: number,
  manifest = readFileSync(join(projectRoot(), "manifest.xml"), "utf8"),
): string {
  if (!manifest.includes(MANIFEST_ORIGIN))
    throw new Error(`manifest.xml does not name ${MANIFEST_ORIGIN}; was it edited by hand?`);
  return manifest.split(MANIFEST_ORIGIN).join(`https://localhost:${port}`);
}
