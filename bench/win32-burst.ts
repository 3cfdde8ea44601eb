/**
 * 1000 CONTACT? lookups, one after another, from the fake TelefUM to the bridge's Win32 transport under
 * Wine; prints the round-trip latency the fake measured (send WM_COPYDATA → CONTACT reply received).
 * A benchmark, not a test: nothing here judges the numbers. Wine adds its own cost (every message
 * goes through wineserver), so real Windows figures will differ.
 *
 * Run: npx tsx bench/win32-burst.ts [count]   (needs wine, wineserver, x86_64-w64-mingw32-gcc, Xvfb without DISPLAY)
 */
import { pathToFileURL } from "node:url";
import { removeHome, runFakeOnce, startBridgeUnderWine, startFake } from "../test/win32/harness.js";
import { missingWineTools, prepareWineEnv, startVirtualDisplay, stopWine } from "../test/win32/wine-env.js";

export interface BurstResult {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export async function runWin32Burst(count = 1000): Promise<BurstResult> {
  const missing = missingWineTools();
  if (missing.length > 0) throw new Error(`the Win32 burst needs ${missing.join(", ")}`);
  const display = await startVirtualDisplay();
  const env = prepareWineEnv(display);
  stopWine(env);
  let session: Awaited<ReturnType<typeof startBridgeUnderWine>> | undefined;
  try {
    runFakeOnce(env, "reset");
    session = await startBridgeUnderWine(env);
    const fake = startFake(env, ["burst", String(count)]);
    const exitCode = await fake.exited;
    const line = fake.lines.find((l) => l.startsWith("BURST "));
    const match = line?.match(/^BURST count=(\d+) errors=(\d+) p50_us=(\d+) p99_us=(\d+) mean_us=(\d+)$/);
    if (!match || exitCode !== 0) throw new Error(`the burst failed (exit ${exitCode}):\n${fake.lines.join("\n")}`);
    const [, done, , p50, p99, mean] = match.map(Number) as number[];
    const result = { count: done!, p50Ms: p50! / 1000, p99Ms: p99! / 1000, meanMs: mean! / 1000 };
    console.log(
      `win32 burst under Wine: ${result.count} lookups, round trip p50 ${result.p50Ms.toFixed(2)} ms, ` +
        `p99 ${result.p99Ms.toFixed(2)} ms, mean ${result.meanMs.toFixed(2)} ms`,
    );
    return result;
  } finally {
    await session?.stop();
    stopWine(env);
    display?.stop();
    if (session) removeHome(session.home);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWin32Burst(process.argv[2] ? Number(process.argv[2]) : 1000).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
