/**
 * The installed Windows program's figures, under Wine: installer size, installed size, cold start of
 * bridge.exe to its first CONTACT answer (as the fake TelefUM sees it: from launching the exe to the
 * reply; includes Wine's process start-up), and the idle resident memory of bridge.exe.
 * Builds the Setup.exe from the sources as they are (an older one in dist/windows would measure old code).
 * Then the installed bridge.exe's warm round trip beside the native floor program in the same prefix, the fake
 * sending to each in turn (a ratio, recorded with the other figures).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { packageWindows } from "../packaging/windows/build.js";
import { onPath } from "../packaging/windows/windows-tools.js";
import { ensureAddinBuilt } from "../test/support/browser.js";
import { isLog, runFakeOnce, startFake, startNativeFloor, winePids } from "../test/win32/harness.js";
import {
  freshInstallHost,
  type InstallHost,
  runWindowsProgram,
  startInstalledBridge,
} from "../test/win32/installed-app.js";
import { buildNative, missingWineTools, startVirtualDisplay } from "../test/win32/wine-env.js";
import { recordFigure } from "./figures.js";

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) * 1024;
}

export async function runWindowsInstalledBench(): Promise<void> {
  const missing = [...missingWineTools(), ...["makensis", "osslsigncode"].filter((tool) => !onPath(tool))];
  if (missing.length > 0) throw new Error(`the installed-program bench needs ${missing.join(", ")}`);
  await ensureAddinBuilt();
  const setup = await packageWindows({ signing: undefined });
  const display = await startVirtualDisplay();
  const host = await freshInstallHost(display);
  try {
    const install = await runWindowsProgram(host, [setup, "/S"]);
    if (install.status !== 0) throw new Error(`Setup /S failed (${install.status}):\n${install.output}`);
    const installed = Number(execFileSync("du", ["-sb", host.installDir], { encoding: "utf8" }).split("\t")[0]);
    console.log(`installer ${mb(statSync(setup).size)}, installed ${mb(installed)}`);

    // The fake waits for hwndProgr, so its first lookup goes out the moment the bridge's window exists.
    runFakeOnce(host, "reset");
    const fake = startFake(host, ["lookup", "hold"]);
    const launched = performance.now();
    const bridge = startInstalledBridge(host);
    await fake.waitForLine((line) => line === "PASS contact-known", 120_000);
    const coldStart = performance.now() - launched;
    fake.writeLine("GO");
    await fake.exited;
    await bridge.waitForLine((line) => isLog(line, "tray: state"), 60_000);
    await sleep(5000);
    const pid = winePids(host.prefix, "bridge.exe")[0];
    const rss = pid === undefined ? NaN : residentBytes(pid);
    console.log(`cold start to first CONTACT answer ${Math.round(coldStart)} ms; idle RSS of bridge.exe ${mb(rss)}`);
    await pairedRoundTrips(host, await buildNative("native-floor"));
    await runWindowsProgram(host, [`${host.installDir}/bridge.exe`, "--quit"]);
    await bridge.exited;
  } finally {
    host.dispose();
    display?.stop();
  }
}

/** bridge.exe and the native floor both running, the fake sending 1,000 CONTACT? to each in turn. */
async function pairedRoundTrips(host: InstallHost, floorExe: string): Promise<void> {
  const bridgeHwnd = runFakeOnce(host, "read-progr")[0]!.replace("HWNDPROGR ", "");
  const floor = await startNativeFloor({ env: host.env, floorExe }, "after");
  try {
    const floorHwnd = floor.floor.lines[0]?.match(/hwndProgr=(\d+)/)?.[1];
    if (!floorHwnd) throw new Error(`the native floor gave no handle: ${floor.floor.lines.join("\n")}`);
    const fake = startFake(host, ["pair", "1000", "0", bridgeHwnd, floorHwnd]);
    if ((await fake.exited) !== 0) throw new Error(`the fake failed:\n${fake.lines.join("\n")}`);
    const pair = fake.lines.find((line) => line.startsWith("PAIR "));
    const us = (name: string): number => Number(pair?.match(new RegExp(`\\b${name}=(\\d+)`))?.[1] ?? Number.NaN);
    console.log(`installed bridge.exe, paired round trips (a = bridge.exe, b = native floor): ${pair}`);
    recordFigure({
      name: "Win32 warm round trip p50, installed bridge.exe (Wine)",
      value: us("a_p50_us") / 1000,
      floorName: "native C program (after its window procedure)",
      floor: us("b_p50_us") / 1000,
      unit: "ms",
      goalRatio: 3,
    });
  } finally {
    await floor.stop();
  }
}
