/**
 * The Win32 transport under Wine, against the fake TelefUM, each figure beside its floor from the same run: the
 * native floor program (test/win32/native-floor.c: a message-only window that re-reads hwndTelefUM and answers
 * CONTACT? by WM_COPYDATA, nothing else) in the same prefix. Rounds alternate floor and bridge; in each, the fake is
 * already waiting when the program starts, so its first CONTACT? goes out the moment hwndProgr appears (as TelefUM's
 * does). Per round: how long that first SendMessage blocks TelefUM, 20 round trips after 300 ms idle pauses, then
 * `count` round trips one after another; the figures are medians over the rounds. The bridge's idle wake-ups and CPU
 * are measured once. A benchmark, not a test: nothing here judges the numbers but the table's goals.
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

/** One program's figures from one round, in microseconds. */
interface Round {
  firstBlocked: number;
  idleRoundTrip: number;
  idleBlocked: number;
  burstP50: number;
  burstP99: number;
}

export interface BurstResult {
  count: number;
  p50Ms: number;
  p99Ms: number;
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

/** Starts the fake (waiting for hwndProgr), then the program under test; returns the fake's figures. */
async function round(env: WineEnv, count: number, start: () => Promise<() => Promise<unknown>>): Promise<Round> {
  runFakeOnce(env, "reset");
  const fake = startFake(env, ["probe", String(IDLE_PAUSES), String(IDLE_PAUSE_MS), "burst", String(count)]);
  const stop = await start();
  const exitCode = await fake.exited;
  await stop();
  const probe = fake.lines.find((l) => l.startsWith("PROBE "));
  const burst = fake.lines.find((l) => l.startsWith("BURST "));
  if (!probe || !burst || exitCode !== 0)
    throw new Error(`the round failed (exit ${exitCode}):\n${fake.lines.join("\n")}`);
  return {
    firstBlocked: field(probe, "first_us"),
    idleRoundTrip: field(probe, "idle_rt_p50_us"),
    idleBlocked: field(probe, "idle_p50_us"),
    burstP50: field(burst, "p50_us"),
    burstP99: field(burst, "p99_us"),
  };
}

export async function runWin32Burst(count = 1000): Promise<BurstResult> {
  const missing = missingWineTools();
  if (missing.length > 0) throw new Error(`the Win32 burst needs ${missing.join(", ")}`);
  const display = await startVirtualDisplay();
  const env = await prepareWineEnv(display);
  stopWine(env);
  const floor: Round[] = [];
  const bridge: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      floor.push(
        await round(env, count, async () => {
          const program = await startNativeFloor(env, FLOOR_MODE);
          return () => program.stop();
        }),
      );
      bridge.push(
        await round(env, count, async () => {
          const session = await startBridgeUnderWine(env);
          return async () => {
            if (i === 0) {
              const idle = await measureIdleCpu(env, 3);
              const wakeups = await measureIdleWakeups(env, 3);
              console.log(
                `win32 idle: ${wakeups} wake-ups/s, bridge CPU ${idle.bridgePercent}%, ` +
                  `wineserver ${idle.wineserverPercent}%`,
              );
            }
            await session.stop();
            removeHome(session.home);
          };
        }),
      );
    }
  } finally {
    stopWine(env);
    display?.stop();
  }
  const ms = (us: number): number => us / 1000;
  const figure = (pick: (r: Round) => number): { value: number; floor: number } => ({
    value: ms(median(bridge.map(pick))),
    floor: ms(median(floor.map(pick))),
  });
  for (const [who, rounds] of [
    ["bridge", bridge],
    ["native floor", floor],
  ] as const)
    console.log(
      `win32 ${who} (${rounds.length} rounds, µs): first SendMessage blocked ` +
        `${rounds.map((r) => r.firstBlocked).join("/")}; after a ${IDLE_PAUSE_MS} ms pause round trip p50 ` +
        `${rounds.map((r) => r.idleRoundTrip).join("/")}, blocked p50 ${rounds.map((r) => r.idleBlocked).join("/")}; ` +
        `${count} round trips p50 ${rounds.map((r) => r.burstP50).join("/")}, p99 ` +
        `${rounds.map((r) => r.burstP99).join("/")}`,
    );
  const floorName = `native C program (${FLOOR_MODE} its window procedure)`;
  const warm = figure((r) => r.burstP50);
  recordFigure({ name: "Win32 warm round trip p50 (Wine)", ...warm, floorName, unit: "ms", goalRatio: 3 });
  recordFigure({
    name: "TelefUM blocked by the first SendMessage after start (Wine)",
    ...figure((r) => r.firstBlocked),
    floorName,
    unit: "ms",
    goalRatio: 3,
  });
  recordFigure({
    name: "Win32 round trip after an idle pause (Wine)",
    ...figure((r) => r.idleRoundTrip),
    floorName,
    unit: "ms",
    goalRatio: 3,
  });
  return { count, p50Ms: warm.value, p99Ms: ms(median(bridge.map((r) => r.burstP99))), floorP50Ms: warm.floor };
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
