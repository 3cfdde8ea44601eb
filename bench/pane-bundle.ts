/**
 * The add-in's weight: builds it as `npm run build:addin` does and prints each script's size, raw and gzipped
 * (what the pane downloads from the bridge), next to the figures before Fluent UI and the catalogs came in.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { addinDistDir, projectRoot } from "../bridge/addin-api/addin-files.js";

/** Measured on the hand-made pane (no Fluent UI, English only), same build. */
const BEFORE: Record<string, { raw: number; gzip: number }> = {
  "taskpane.js": { raw: 22_523, gzip: 7_724 },
  "commands.js": { raw: 5_019, gzip: 2_168 },
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export async function runPaneBundle(): Promise<void> {
  const root = projectRoot();
  execFileSync(process.execPath, [join(root, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production"], {
    cwd: root,
    stdio: "pipe",
  });
  for (const file of ["taskpane.js", "commands.js", "taskpane.css"]) {
    const bytes = readFileSync(join(addinDistDir(), file));
    const before = BEFORE[file];
    const then = before ? `  (before: ${kb(before.raw)}, gzip ${kb(before.gzip)})` : "";
    console.log(
      `${file.padEnd(13)} ${kb(bytes.length).padStart(9)}, gzip ${kb(gzipSync(bytes, { level: 9 }).length)}${then}`,
    );
  }
}
