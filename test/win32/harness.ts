/**
 * Runs the bridge (Windows node.exe, win32 transport) and the fake TelefUM side by side under Wine,
 * with a line-based view of both: the bridge's JSON log on stderr, the fake's result lines on stdout.
 * Shared by the vitest end-to-end test and bench/win32-burst.ts.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { windowsPath } from "../../packaging/windows/windows-tools.js";
import { PROJECT_ROOT, type WineEnv } from "./wine-env.js";

export { windowsPath } from "../../packaging/windows/windows-tools.js";

/** A child process whose output is collected line by line and can be awaited. */
export class LineProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly label: string,
    readonly child: ChildProcess,
    output: Readable,
    echo: boolean,
  ) {
    const reader = createInterface({ input: output, crlfDelay: Infinity }).on("line", (raw) => {
      const line = raw.replace(/\r$/, "");
      this.lines.push(line);
      if (echo) process.stderr.write(`[${label}] ${line}\n`);
      for (const wake of [...this.waiters]) wake();
    });
    // Exited means: the process is gone *and* every line it wrote has been read.
    const allRead = new Promise<void>((resolve) => reader.on("close", resolve));
    const exitCode = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    this.exited = Promise.all([exitCode, allRead]).then(([code]) => code);
  }

  /** Resolves with the first line (already seen or future) that matches; rejects after timeoutMs. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.lines.slice(from).find(match);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.label}: no matching line within ${timeoutMs} ms; last lines:\n${this.lines.slice(-15).join("\n")}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = (): void => void check();
      this.waiters.add(wake);
      check();
    });
  }

  writeLine(text: string): void {
    this.child.stdin!.write(`${text}\n`);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }
}

export interface BridgeLogLine {
  msg: string;
  level: string;
  [key: string]: unknown;
}

/** The bridge's JSON log lines (non-JSON lines, e.g. Node warnings, are skipped). */
export function bridgeLog(bridge: LineProcess): BridgeLogLine[] {
  return bridge.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as BridgeLogLine];
    } catch {
      return [];
    }
  });
}

export function isLog(line: string, msg: string, extra: (entry: BridgeLogLine) => boolean = () => true): boolean {
  try {
    const entry = JSON.parse(line) as BridgeLogLine;
    return entry.msg === msg && extra(entry);
  } catch {
    return false;
  }
}

/** What running the fake needs: any prefix's environment and the fake's exe. */
export type FakeHost = Pick<WineEnv, "env" | "fakeExe">;

function wineCommand(_env: FakeHost, args: string[]): [string, string[]] {
  return ["wine", args];
}

/**
 * Follows a file as it grows, as a stream, until stop(). Needed for node.exe's output: under Wine a
 * Windows Node cannot write its stdout/stderr to a Unix pipe (EBADF when it opens them), but a file works.
 */
export function followFile(path: string): { stream: Readable; stop(): void } {
  const stream = new PassThrough();
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(64 * 1024);
  let position = 0;
  const readNew = (): void => {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      if (n <= 0) break;
      stream.write(Buffer.from(buffer.subarray(0, n)));
      position += n;
    }
  };
  const timer = setInterval(readNew, 25);
  return {
    stream,
    stop() {
      clearInterval(timer);
      readNew();
      closeSync(fd);
      stream.end();
    },
  };
}

/** Runs the fake once to completion (reset, read-progr) and returns its stdout lines. */
export function runFakeOnce(env: FakeHost, ...modes: string[]): string[] {
  const [command, args] = wineCommand(env, [env.fakeExe, ...modes]);
  // A wine started while the previous wineserver is still shutting down (right after `wineserver -w`)
  // can die before the program runs, printing nothing: that is Wine's start, not the fake's answer, so
  // it is tried again; a run that still prints nothing fails with what Wine said.
  let stderr = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = spawnSync(command, args, { env: env.env, encoding: "utf8", timeout: 60_000 });
    if (result.error) throw result.error;
    const lines = result.stdout.split(/\r?\n/).filter(Boolean);
    if (lines.length > 0) return lines;
    stderr = `exit ${result.status}: ${result.stderr.slice(-2000)}`;
  }
  throw new Error(`the fake TelefUM (${modes.join(" ")}) printed nothing under Wine; ${stderr}`);
}

export interface BridgeSession {
  bridge: LineProcess;
  home: string;
  /** Ends the bridge the way a parent does (closing its control stdin) and waits for it. */
  stop(): Promise<number | null>;
}

export async function startBridgeUnderWine(
  env: WineEnv,
  options: { echo?: boolean; prepare?: (home: string) => void } = {},
): Promise<BridgeSession> {
  const home = mkdtempSync(join(tmpdir(), "telefum-wine-"));
  options.prepare?.(home);
  const logPath = join(home, "bridge-output.log");
  const logFd = openSync(logPath, "w");
  const [command, args] = wineCommand(env, [
    env.nodeExe,
    env.cliJs,
    "start",
    "--transport",
    "win32",
    "--home",
    windowsPath(home),
    "--no-http",
    "--control-stdin",
  ]);
  // stdin stays a pipe (the CLI reads it as a plain fd there); stdout and stderr go to a file we follow.
  // Debug level: the tests read the message texts (personal data, logged only there) and check that another
  // program's WM_COPYDATA is noticed (and left alone).
  const childEnv = { ...env.env, TELEFUM_LOG_LEVEL: "debug" };
  const child = spawn(command, args, { env: childEnv, cwd: env.appDir, stdio: ["pipe", logFd, logFd] });
  closeSync(logFd);
  const output = followFile(logPath);
  child.on("exit", () => setTimeout(() => output.stop(), 50));
  const bridge = new LineProcess("bridge", child, output.stream, options.echo ?? false);
  await Promise.race([
    bridge.waitForLine((line) => isLog(line, "bridge started"), 90_000),
    bridge.exited.then((code) => {
      throw new Error(`the bridge exited with ${code} before starting:\n${bridge.lines.join("\n")}`);
    }),
  ]);
  return {
    bridge,
    home,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => bridge.kill(), 30_000);
      const code = await bridge.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function startFake(env: FakeHost, modes: string[], options: { echo?: boolean } = {}): LineProcess {
  const [command, args] = wineCommand(env, [env.fakeExe, ...modes]);
  // A mingw C program has no trouble with Unix pipes under Wine.
  const child = spawn(command, args, { env: env.env, stdio: ["pipe", "pipe", "inherit"] });
  return new LineProcess("fake-telefum", child, child.stdout, options.echo ?? false);
}

/**
 * The native floor program (native-floor.c) answering CONTACT? in this prefix: resolves once it has published
 * hwndProgr; `stop()` closes its stdin and waits for it to take the handle back.
 */
export async function startNativeFloor(
  env: Pick<WineEnv, "env" | "floorExe">,
  mode: "inside" | "after",
): Promise<{ floor: LineProcess; stop(): Promise<number | null> }> {
  const child = spawn("wine", [env.floorExe, mode], { env: env.env, stdio: ["pipe", "pipe", "inherit"] });
  const floor = new LineProcess("native-floor", child, child.stdout!, process.env.TELEFUM_WINE_ECHO === "1");
  await floor.waitForLine((line) => line.startsWith("READY ") || line.startsWith("FAIL "), 60_000);
  return {
    floor,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => floor.kill(), 30_000);
      const code = await floor.exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

/** CPU time (ms) a Linux process has used so far, from /proc; undefined when it is gone. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return undefined;
  }
}

/** The processes of this Wine prefix by name (node.exe, bridge.exe; wineserver: it pays for every window message). */
export function winePids(prefix: string, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, "utf8").startsWith(name)) continue;
      const environment = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environment.includes(`WINEPREFIX=${prefix}`)) found.push(Number(entry));
    } catch {
      // process gone or not ours
    }
  }
  return found;
}

function winePid(prefix: string, name: string): number | undefined {
  return winePids(prefix, name)[0];
}

export interface IdleCpu {
  seconds: number;
  /** CPU of the bridge process (node.exe) as a percentage of one core. */
  bridgePercent: number;
  /** CPU of the Wine server over the same time (serves our PeekMessage calls, among others). */
  wineserverPercent: number | undefined;
}

/** Samples CPU use while nothing is happening: the cost of the message pump at rest. */
export async function measureIdleCpu(env: WineEnv, seconds = 5): Promise<IdleCpu> {
  const pid = winePid(env.env.WINEPREFIX!, "node.exe");
  if (pid === undefined) throw new Error("no node.exe process found in the Wine prefix");
  const serverPid = winePid(env.env.WINEPREFIX!, "wineserver");
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let start-up work settle first
  const before = { bridge: cpuMs(pid), server: serverPid ? cpuMs(serverPid) : undefined };
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = performance.now() - started;
  const after = { bridge: cpuMs(pid), server: serverPid ? cpuMs(serverPid) : undefined };
  const percent = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : Math.round(((b - a) / elapsed) * 1000) / 10;
  return {
    seconds,
    bridgePercent: percent(before.bridge, after.bridge) ?? NaN,
    wineserverPercent: percent(before.server, after.server),
  };
}

/** Context switches (every thread of a process), from /proc: how often it woke up. */
function contextSwitches(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${task}/status`, "utf8");
      for (const match of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)) total += Number(match[1]);
    } catch {
      // thread gone
    }
  }
  return total;
}

/** How often the bridge process (node.exe) wakes up per second while nothing is happening. */
export async function measureIdleWakeups(env: WineEnv, seconds = 5): Promise<number> {
  const pid = winePid(env.env.WINEPREFIX!, "node.exe");
  if (pid === undefined) throw new Error("no node.exe process found in the Wine prefix");
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let start-up work settle first
  const before = contextSwitches(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return Math.round(((contextSwitches(pid) - before) / (performance.now() - started)) * 1000 * 10) / 10;
}

export interface ProbeResult {
  exitCode: number | null;
  /** The handle the probe published before ending, as it read it back. */
  published: string;
  output: string;
}

/** Runs exit-probe.mjs under Wine: publish hwndProgr, then end the process by `mode`. */
export function runExitProbe(env: WineEnv, mode: "throw" | "sigint" | "exit"): ProbeResult {
  const dir = mkdtempSync(join(tmpdir(), "telefum-probe-"));
  try {
    const resultFile = join(dir, "published.txt");
    const outputFile = join(dir, "output.log");
    const out = openSync(outputFile, "w");
    const indexJs = join(env.appDir, "dist", "bridge", "transport", "win32", "index.js");
    const probe = join(PROJECT_ROOT, "test", "win32", "exit-probe.mjs");
    const [command, args] = wineCommand(env, [env.nodeExe, probe, windowsPath(indexJs), windowsPath(resultFile), mode]);
    // Output to a file: under Wine node.exe cannot open a Unix pipe as stdout/stderr.
    const result = spawnSync(command, args, {
      env: env.env,
      cwd: env.appDir,
      stdio: ["ignore", out, out],
      timeout: 60_000,
    });
    closeSync(out);
    let published = "";
    try {
      published = readFileSync(resultFile, "utf8");
    } catch {
      // the probe died before publishing; the test shows its output
    }
    return { exitCode: result.status, published, output: readFileSync(outputFile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs peer-user-probe.mjs under Wine: the Windows same-user check on a connection node.exe made to itself. Not
 * spawnSync: a long block of the test worker starves vitest's own messages on a busy machine.
 */
export async function runPeerUserProbe(env: WineEnv): Promise<{ result: string; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "telefum-peer-"));
  try {
    const resultFile = join(dir, "verdicts.json");
    const outputFile = join(dir, "output.log");
    const out = openSync(outputFile, "w");
    const indexJs = join(env.appDir, "dist", "bridge", "win32", "index.js");
    const probe = join(PROJECT_ROOT, "test", "win32", "peer-user-probe.mjs");
    const [command, args] = wineCommand(env, [env.nodeExe, probe, windowsPath(indexJs), windowsPath(resultFile)]);
    const child = spawn(command, args, { env: env.env, cwd: env.appDir, stdio: ["ignore", out, out] });
    closeSync(out);
    const timer = setTimeout(() => child.kill(), 60_000);
    await new Promise((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    let result = "";
    try {
      result = readFileSync(resultFile, "utf8");
    } catch {
      // the probe failed; the test shows its output
    }
    return { result, output: readFileSync(outputFile, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
