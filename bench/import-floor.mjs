// The floor of `bridge import` of a CSV, run as a process like the bridge: the least work that fills the same
// index from the same file — the whole file read, decoded and parsed at once, then every contact written in ONE
// transaction through the same writer (the same rows, keys and indexes), with the same compiled modules.
// Usage: node import-floor.mjs <compiled bridge folder> <file.csv> <data folder>
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [built, file, home] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(built, "bridge", path)).href);
const { loadConfig } = await load("config/config.js");
const { openStore } = await load("app/open-store.js");
const { decodeTextFile } = await load("directory/import/text-decoding.js");
const { parseContactsCsv } = await load("directory/import/csv.js");

const { db, directory } = openStore(loadConfig({ dataDir: home }));
const contacts = parseContactsCsv(decodeTextFile(readFileSync(file)));
let n = 0;
db.transaction(() => {
  for (const contact of contacts) {
    if (contact.phones.length === 0) continue;
    directory.write({ source: "import", externalId: `file:${n++}`, folderId: null, ...contact });
  }
});
db.close();
process.stdout.write(`wrote ${n}\n`);
