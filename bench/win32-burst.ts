/**
 * The Win32 transport under Wine, against the fake TelefUM: how long TelefUM's SendMessage is blocked on the
 * first message after start (cold) and after idle pauses, how often the idle bridge wakes up, and 1000 CONTACT?
 * round trips one after another (send WM_COPYDATA → CONTACT reply received). A benchmark, not a test: nothing
 * here judges the numbers. Wine adds its own cost (every message goes through wineserver), so real Windows
 * figures will differ.
 *
 * Run: npx tsx bench/win32-burst.ts [count]   (needs wine, wineserver, x86_64-w64-mingw32-gcc, Xvfb without DISPLAY)
 */
import { pathToFileURL } from "node:url";
import {
  measureIdleCpu,
  measureIdleWakeups,
  removeHome,
  runFakeOnce,
  startBridgeUnderWine,
  startFake,
} from "../test/win32/harness.js";
import { missingWineTools, prepareWineEnv, startVirtualDisplay, stopWine } from "../test/win32/wine-env.js";

export interface BurstResult {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

function field(line: string | undefined, name: string): number {
  const match = line?.match(new RegExp(`\\b${name}=(-?\\d+)`));
  if (!match) throw new Error(`no ${name} in ${line ?? "(no line)"}`);
  return Number(match[1]);
}

export async function runWin32Burst(count = 1000): Promise<BurstResult> {
  const missing = missingWineTools();
  if (missing.length > 0) throw new Error(`the Win32 burst needs ${missing.join(", ")}`);
  const display = await startVirtualDisplay();
  const env = await prepareWineEnv(display);
  stopWine(env);
  let session: Awaited<ReturnType<typeof startBridgeUnderWine>> | undefined;
  try {
    runFakeOnce(env, "reset");
    session = await startBridgeUnderWine(env);
    const idle = await measureIdleCpu(env, 3);
    const wakeups = await measureIdleWakeups(env, 3);
    const fake = startFake(env, ["probe", "20", "300", "burst", String(count)]);
    const exitCode = await fake.exited;
    const probe = fake.lines.find((l) => l.startsWith("PROBE "));
    const burst = fake.lines.find((l) => l.startsWith("BURST "));
    if (!probe || !burst || exitCode !== 0)
      throw new Error(`the burst failed (exit ${exitCode}):\n${fake.lines.join("\n")}`);
    const ms = (us: number): string => (us / 1000).toFixed(2);
    console.log(
      `win32 idle: ${wakeups} wake-ups/s, bridge CPU ${idle.bridgePercent}%, wineserver ${idle.wineserverPercent}%`,
    );
    console.log(
      `win32 SendMessage blocked: first call after start ${ms(field(probe, "first_us"))} ms; ` +
        `after a 300 ms idle pause p50 ${ms(field(probe, "idle_p50_us"))} ms, ` +
        `max ${ms(field(probe, "idle_max_us"))} ms`,
    );
    const result = {
      count: field(burst, "count"),
      p50Ms: field(burst, "p50_us") / 1000,
      p99Ms: field(burst, "p99_us") / 1000,
      meanMs: field(burst, "mean_us") / 1000,
    };
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
