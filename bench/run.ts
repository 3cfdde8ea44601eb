/**
 * `npm run bench`: speed and memory figures, printed, never asserted. Each part is optional so a machine
 * without Wine still gets the rest; `npm run bench -- lookup` runs one part.
 */
import { availableParallelism, loadavg } from "node:os";
import { runContextBench } from "./context-bench.js";
import { figuresTable, recordedFigures } from "./figures.js";
import { runLookupBench } from "./lookup.js";
import { runM365Bench } from "./m365-bench.js";
import { runRecoveryBench } from "./m365-recovery.js";
import { runProcessBench } from "./process-bench.js";
import { runReportsBench } from "./reports-bench.js";
import { runSourcesBench } from "./sources-bench.js";
import { runPaneBundle } from "./pane-bundle.js";
import { runWin32Burst } from "./win32-burst.js";
import { runWindowsInstalledBench } from "./windows-installed.js";

interface Part {
  name: string;
  run(): Promise<void>;
}

const parts: Part[] = [
  { name: "lookup", run: runLookupBench },
  { name: "start", run: () => runProcessBench({ start: true, import: false }) },
  { name: "import", run: () => runProcessBench({ start: false, import: true }) },
  { name: "m365-sync", run: runM365Bench },
  { name: "m365-sources", run: runSourcesBench },
  { name: "m365-recovery", run: runRecoveryBench },
  { name: "context", run: runContextBench },
  { name: "reports", run: runReportsBench },
  { name: "pane-bundle", run: runPaneBundle },
  // Needs wine, mingw and Xvfb (as .ci/run installs); it prints its own figures.
  { name: "win32-burst", run: async () => void (await runWin32Burst(1000)) },
  // Also makensis and osslsigncode: installs the Setup.exe in a fresh Wine prefix.
  { name: "windows-installed", run: runWindowsInstalledBench },
];

const wanted = process.argv.slice(2);
let failed = false;
for (const part of parts.filter((p) => wanted.length === 0 || wanted.includes(p.name))) {
  // The machine may be shared: the load says how much the figures below can be trusted.
  console.log(`\n== ${part.name} == (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);
  try {
    await part.run();
  } catch (error) {
    failed = true;
    console.error(`${part.name} failed: ${(error as Error).stack ?? String(error)}`);
  }
}
if (recordedFigures().length > 0) {
  console.log("\n== every figure beside its floor (same run) ==");
  console.log(figuresTable());
}
process.exitCode = failed ? 1 : 0;
