/**
 * `bridge import` of a CSV larger than one piece of the streamed reader, as a process: every contact arrives, a bad
 * row is reported with its line and the rest go in; the progress shows as plain lines in a pipe and as a bar redrawn
 * in place on a terminal (a pseudo-terminal made by util-linux `script`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bridge/store/sqlite.js";
import { type BuiltBridge, buildBridge, runCli } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("import-progress");
}, 180_000);
afterAll(() => build?.dispose());

const ROWS = 40_000;
/** The file's line of the row without a number: header on line 1, and one row two lines long before it. */
const BAD_LINE = 20_002;

/** About 2.4 MiB: more than two pieces of the reader, with a quoted two-line field early on. */
function writeCsv(path: string): void {
  const lines = ["Name,Company,Mobile Phone,Notes"];
  for (let i = 0; i < ROWS; i++) {
    if (i === 5) lines.push(`Person ${i},"Firm, ""Quoted""",+38067${String(1_000_000 + i)},"first line\r\nsecond"`);
    else if (i === BAD_LINE - 3) lines.push(`Nobody ${i},Firm ${i},,no number here`);
    else lines.push(`Person ${i},Компанія ${i % 100},+38067${String(1_000_000 + i)},нотатка ${i}`);
  }
  writeFileSync(path, `${lines.join("\r\n")}\r\n`);
}

function importedCount(home: string): number {
  const db = openDatabase(join(home, "bridge.db"));
  try {
    return Number((db.prepare("SELECT count(*) AS n FROM contacts WHERE source = 'import'").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe("bridge import of a large CSV", () => {
  it("into a pipe: every contact but the bad row, reported with its line, and plain progress lines", () => {
    const home = tempDir();
    const file = join(home, "big.csv");
    writeCsv(file);
    const result = runCli(build.cli, ["import", file, "--home", home, "--lang", "en"]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const progress = lines.filter((l) => l.startsWith("Importing: "));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(9);
    for (const line of progress) expect(line).toMatch(/^Importing: \d+% · [\d,]+ contacts( · about .+ left)?$/);
    const shares = progress.map((l) => Number(/(\d+)%/.exec(l)![1]));
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(result.stdout).not.toContain("\r");
    expect(lines.slice(progress.length)).toEqual([
      `Imported 39,999 contacts from ${file}`,
      `Line ${BAD_LINE}: Nobody ${BAD_LINE - 3} skipped: no phone number`,
    ]);
    expect(importedCount(home)).toBe(ROWS - 1);
    expect(runCli(build.cli, ["lookup", "0671000005", "--home", home]).stdout).toBe(
      'CONTACT^0671000005^1^1^Person 5^Firm, "Quoted"^first line^1^\n'.replace("^1^\n", `^${idOf(home, 5)}^\n`),
    );
  });

  it("on a terminal: a bar with its share and count redrawn in place, then the same summary", () => {
    const home = tempDir();
    const file = join(home, "big.csv");
    writeCsv(file);
    const command = [process.execPath, build.cli, "import", file, "--home", home, "--lang", "uk"].join(" ");
    const result = spawnSync("script", ["-qfc", command, "/dev/null"], { encoding: "utf8", input: "" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\rІмпорт \[[█░]{24}\] \d+% · [\d\s\u00a0]+ контакт/);
    expect(result.stdout).toContain("\x1b[K");
    expect(result.stdout).toMatch(/Імпортовано 39\s999 контактів із /);
    expect(result.stdout).toContain(`Рядок ${BAD_LINE}: Nobody ${BAD_LINE - 3} пропущено, немає номера телефону`);
    expect(importedCount(home)).toBe(ROWS - 1);
    expect(existsSync(join(home, "bridge.db"))).toBe(true);
  });
});

function idOf(home: string, row: number): number {
  const db = openDatabase(join(home, "bridge.db"));
  try {
    const found = db.prepare("SELECT id FROM contacts WHERE name = ?").get(`Person ${row}`) as { id: number };
    return found.id;
  } finally {
    db.close();
  }
}
