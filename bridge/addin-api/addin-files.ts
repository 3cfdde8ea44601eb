import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout/install folder (where package.json is), whether running from bridge/*.ts or dist/bridge/*.js. */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where webpack puts the built add-in (task pane, commands, icons). */
export function addinDistDir(): string {
  return join(projectRoot(), "dist", "addin");
}
