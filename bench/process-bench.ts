/**
 * The bridge as a real process, compiled as `npm run build:bridge` compiles it: cold start to the first answer over
 * stdio and the RSS then; `bridge import` of a 100 000-contact CSV, its time and peak RSS. Medians of three runs.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { buildBridge } from "../test/support/built-cli.js";
import { recordFigure } from "./figures.js";

const RUNS = 3;
const START_RUNS = 5;
const IMPORT_SIZE = 100_000;
const PEAK_RSS = join(import.meta.dirname, "peak-rss.mjs");
const IMPORT_FLOOR = join(import.meta.dirname, "import-floor.mjs");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

const LINE_RESPONDER = join(import.meta.dirname, "floors", "line-responder.cjs");

/** Starts a program that answers stdin, asks at once, times the first reply line; then its RSS. */
async function coldStart(args: string[]): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "ignore"],
    env: { ...process.env, TELEFUM_BRIDGE_PORT: "" },
  });
  child.stdin.write("CONTACT?^0675355355^1^1^\n");
  const reply = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve));
  const ms = performance.now() - started;
  if (!reply.startsWith("CONTACT^0675355355^1^1^")) throw new Error(`unexpected reply ${reply}`);
  await new Promise((resolve) => setTimeout(resolve, 300)); // start-up work that follows the first answer
  const rss = rssMiB(child.pid!);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin.end();
  await exited;
  return { ms, rss };
}

function writeCsv(path: string): void {
  const lines = ["First Name,Last Name,Company,Mobile Phone,Business Phone,E-mail Address"];
  for (let i = 0; i < IMPORT_SIZE; i++) {
    const local = String(500_000_000 + i * 37);
    lines.push(
      `Ім'я${i},Прізвище${i},Компанія ${i % 500},+380${local},044 ${String(3_000_000 + i).slice(-7)},c${i}@example.com`,
    );
  }
  writeFileSync(path, `${lines.join("\r\n")}\r\n`);
}

/** `bridge import` (or, with `floor`, the floor program on the same compiled modules), its time and peak RSS. */
function importOnce(
  cli: string,
  home: string,
  csv: string,
  floor = false,
): { ms: number; peakMiB: number; out: string } {
  const builtDir = join(cli, "..", "..");
  const args = floor ? [IMPORT_FLOOR, builtDir, csv, home] : [cli, "import", csv, "--home", home];
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", PEAK_RSS, ...args], {
    encoding: "utf8",
    env: { ...process.env, TELEFUM_BRIDGE_PORT: "" },
  });
  const ms = performance.now() - started;
  const peak = /PEAK_RSS_KB (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !peak) throw new Error(`import failed: ${result.stdout}${result.stderr}`);
  return { ms, peakMiB: Number(peak[1]) / 1024, out: result.stdout.trim() };
}

export async function runProcessBench(parts: { start: boolean; import: boolean }): Promise<void> {
  const build = await buildBridge("bench");
  const dir = mkdtempSync(join(tmpdir(), "telefum-process-bench-"));
  try {
    if (parts.start) {
      const bridge = [build.cli, "start", "--transport", "stdio", "--no-http", "--home", join(dir, "start-home")];
      await coldStart(bridge); // creates and seeds the store; the runs below start on it as a user would
      // Bridge and floor alternate, so a change in the machine's load touches both alike.
      const runs = [];
      const floors = [];
      for (let i = 0; i < START_RUNS; i++) {
        floors.push(await coldStart([LINE_RESPONDER]));
        runs.push(await coldStart(bridge));
      }
      console.log(
        `cold start to first answer (stdio): runs ${runs.map((r) => r.ms.toFixed(0)).join(", ")} ms; ` +
          `bare node ${floors.map((r) => r.ms.toFixed(0)).join(", ")} ms`,
      );
      const floorName = "bare node answering one line";
      recordFigure({
        name: "cold start to the first stdio answer",
        value: median(runs.map((r) => r.ms)),
        floorName,
        floor: median(floors.map((r) => r.ms)),
        unit: "ms",
        goalRatio: 2,
      });
      recordFigure({
        name: "RSS after start",
        value: median(runs.map((r) => r.rss)),
        floorName,
        floor: median(floors.map((r) => r.rss)),
        unit: "MiB",
        goalRatio: 1.5,
      });
    }
    if (parts.import) {
      const csv = join(dir, "contacts.csv");
      writeCsv(csv);
      const runs = [];
      const floors = [];
      // Alternated, each on a fresh data folder, so a change in the machine's load falls on both alike.
      for (let i = 0; i < RUNS; i++) {
        floors.push(importOnce(build.cli, join(dir, `floor-home-${i}`), csv, true));
        runs.push(importOnce(build.cli, join(dir, `import-home-${i}`), csv));
      }
      const seconds = (list: { ms: number }[]): string => list.map((r) => (r.ms / 1000).toFixed(1)).join(", ");
      console.log(
        `bridge import of ${IMPORT_SIZE} contacts (CSV): ` +
          `median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1)} s ` +
          `(runs ${seconds(runs)} s; floor runs ${seconds(floors)} s), ` +
          `peak rss ${median(runs.map((r) => r.peakMiB)).toFixed(0)} MiB ` +
          `(floor ${median(floors.map((r) => r.peakMiB)).toFixed(0)} MiB); ${runs[0]!.out.split("\n").at(-1)}`,
      );
      const name = `bridge import of ${IMPORT_SIZE / 1000}k (CSV)`;
      const floorName = "read + parse + one transaction";
      recordFigure({
        name: `${name}: time`,
        value: median(runs.map((r) => r.ms)) / 1000,
        floorName,
        floor: median(floors.map((r) => r.ms)) / 1000,
        unit: "s",
        goalRatio: 1.5,
      });
      recordFigure({
        name: `${name}: peak memory`,
        value: median(runs.map((r) => r.peakMiB)),
        floorName,
        floor: median(floors.map((r) => r.peakMiB)),
        unit: "MiB",
        goalRatio: 1.2,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    build.dispose();
  }
}
