// The formatter wraps code at 120 columns but cannot split strings or comments: this catches what it leaves.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 120;
const CHECKED = /\.(ts|mts|cts|js|mjs|cjs|c|css|html|sh)$/;
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => CHECKED.test(f));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    if ([...line].length > LIMIT) long.push(`${file}:${i + 1}: ${[...line].length} characters`);
  });
}
if (long.length > 0) {
  console.error(`Lines over ${LIMIT} characters:\n${long.join("\n")}`);
  process.exit(1);
}
