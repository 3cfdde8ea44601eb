/**
 * The Win32 transport under Wine, against the fake TelefUM, each figure beside its floor from the same run: the
 * native floor program (test/win32/native-floor.c: a message-only window that re-reads hwndTelefUM and answers
 * CONTACT? by WM_COPYDATA, nothing else) in the same prefix. How long TelefUM's first SendMessage blocks: the fake
 * is already waiting when the program starts, so its CONTACT? goes out the moment hwndProgr appears (as TelefUM's
 * does); medians of 3 starts of each. The round trips after 300 ms idle pauses and one after another: both programs
 * running, the fake sending to each in turn, so every pair of samples shares the load of its moment (a shared machine
 * swings 10x between rounds). The bridge's idle wake-ups and CPU are printed too. A benchmark, not a test.
 *
 * Run: npx tsx bench/win32-burst.ts [count]   (needs wine, wineserver, x86_64-w64-mingw32-gcc, Xvfb without DISPLAY)
 */
import { pathToFileURL } from "node:url";
import { recordFigure } from "./figures.js";
import {
  measureIdleCpu,
  measureIdleWakeups,
  removeHome,
  runFakeOnce,
  startBridgeUnderWine,
  startFake,
  startNativeFloor,
  type LineProcess,
} from "../test/win32/harness.js";
import {
  missingWineTools,
  prepareWineEnv,
  startVirtualDisplay,
  stopWine,
  type WineEnv,
} from "../test/win32/wine-env.js";

const ROUNDS = 3;
const IDLE_PAUSES = 20;
const IDLE_PAUSE_MS = 300;
/** The floor answers the way the bridge does: after its window procedure has returned TelefUM's SendMessage. */
const FLOOR_MODE = "after";

export interface BurstResult {
  count: number;
  p50Ms: number;
  floorP50Ms: number;
}

function field(line: string | undefined, name: string): number {
  const match = line?.match(new RegExp(`\\b${name}=(-?\\d+)`));
  if (!match) throw new Error(`no ${name} in ${line ?? "(no line)"}`);
  return Number(match[1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Runs the fake to its end; its output lines, or an error with all of them. */
async function fakeRun(fake: LineProcess): Promise<string[]> {
  const exitCode = await fake.exited;
  if (exitCode !== 0) throw new Error(`the fake failed (exit ${exitCode}):\n${fake.lines.join("\n")}`);
  return fake.lines;
}

/** The fake waits for hwndProgr, then `start` runs the program: how long its first SendMessage blocked (µs). */
async function firstSend(env: WineEnv, start: () => Promise<() => Promise<unknown>>): Promise<number> {
  runFakeOnce(env, "reset");
  const fake = startFake(env, ["probe", "0", "0"]);
  const stop = await start();
  const lines = await fakeRun(fake).finally(stop);
  return field(
    lines.find((l) => l.startsWith("PROBE ")),
    "first_us",
  );
}

export async function runWin32Burst(count = 1000): Promise<BurstResult> {
  const missing = missingWineTools();
  if (missing.length > 0) throw new Error(`the Win32 burst needs ${missing.join(", ")}`);
  const display = await startVirtualDisplay();
  const env = await prepareWineEnv(display);
  stopWine(env);
  const first = { bridge: [] as number[], floor: [] as number[] };
  let idleLine = "";
  let pairs: string[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      first.floor.push(
        await firstSend(env, async () => {
          const program = await startNativeFloor(env, FLOOR_MODE);
          return () => program.stop();
        }),
      );
      first.bridge.push(
        await firstSend(env, async () => {
          const session = await startBridgeUnderWine(env);
          return async () => {
            await session.stop();
            removeHome(session.home);
          };
        }),
      );
    }
    // Both running, the fake sending to each in turn: every pair of samples shares the machine's load of the moment.
    runFakeOnce(env, "reset");
    const session = await startBridgeUnderWine(env);
    const bridgeHwnd = runFakeOnce(env, "read-progr")[0]!.replace("HWNDPROGR ", "");
    const floor = await startNativeFloor(env, FLOOR_MODE);
    try {
      const floorHwnd = String(field(floor.floor.lines[0], "hwndProgr"));
      const idle = await measureIdleCpu(env, 3);
      const wakeups = await measureIdleWakeups(env, 3);
      idleLine = `${wakeups} wake-ups/s, bridge CPU ${idle.bridgePercent}%, wineserver ${idle.wineserverPercent}%`;
      const args = ["pair", String(IDLE_PAUSES), String(IDLE_PAUSE_MS), bridgeHwnd, floorHwnd];
      pairs = await fakeRun(startFake(env, [...args, "pair", String(count), "0", bridgeHwnd, floorHwnd]));
    } finally {
      await floor.stop();
      await session.stop();
      removeHome(session.home);
    }
  } finally {
    stopWine(env);
    display?.stop();
  }
  const [idle, burst] = pairs.filter((l) => l.startsWith("PAIR "));
  const ms = (us: number): number => us / 1000;
  console.log(`win32 idle bridge: ${idleLine}`);
  console.log(
    `win32 first SendMessage after start (µs, ${ROUNDS} starts each): bridge ${first.bridge.join("/")}, ` +
      `native floor ${first.floor.join("/")}`,
  );
  console.log(`win32 paired round trips (a = bridge, b = native floor): ${idle}; ${burst}`);
  const floorName = `native C program (${FLOOR_MODE} its window procedure)`;
  const warm = { value: ms(field(burst, "a_p50_us")), floor: ms(field(burst, "b_p50_us")) };
  recordFigure({ name: "Win32 warm round trip p50 (Wine)", ...warm, floorName, unit: "ms", goalRatio: 3 });
  recordFigure({
    name: "TelefUM blocked by the first SendMessage after start (Wine)",
    value: ms(median(first.bridge)),
    floor: ms(median(first.floor)),
    floorName,
    unit: "ms",
    goalRatio: 3,
  });
  recordFigure({
    name: "Win32 round trip after an idle pause (Wine)",
    value: ms(field(idle, "a_p50_us")),
    floor: ms(field(idle, "b_p50_us")),
    floorName,
    unit: "ms",
    goalRatio: 3,
  });
  return { count, p50Ms: warm.value, floorP50Ms: warm.floor };
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
