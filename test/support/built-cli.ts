/**
 * The bridge compiled the way `npm run build:bridge` compiles it, into a private folder inside the project
 * (so node_modules resolves), then run as a real process, exactly as `npm start` would.
 */
import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

export const projectDir = join(import.meta.dirname, "..", "..");

export interface BuiltBridge {
  cli: string;
  dispose(): void;
}

/** Compiles without blocking the test worker: a long synchronous build starves vitest's own messages. */
export async function buildBridge(name: string): Promise<BuiltBridge> {
  const outDir = join(projectDir, ".cache", `test-build-${name}-${process.pid}`);
  const tsc = join(projectDir, "node_modules", "typescript", "bin", "tsc");
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.bridge.json", "--outDir", outDir], {
      cwd: projectDir,
      encoding: "utf8",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
  return { cli: join(outDir, "bridge", "cli.js"), dispose: () => rmSync(outDir, { recursive: true, force: true }) };
}

export function runCli(
  cli: string,
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    input,
    env: { ...process.env, TELEFUM_BRIDGE_PORT: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, without blocking this process: needed when the child talks to a server running in the test. */
export function runCliAsync(
  cli: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, TELEFUM_BRIDGE_PORT: "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** Starts `cli start …` (`env` added to this process's) and resolves once the log line matching `ready` appears. */
export async function startCli(
  cli: string,
  args: string[],
  ready: (line: LogLine) => boolean,
  env: NodeJS.ProcessEnv = {},
): Promise<{
  child: ChildProcessWithoutNullStreams;
  lines: LogLine[];
  readyLine: LogLine;
  exited: Promise<number | null>;
}> {
  const child = spawn(process.execPath, [cli, "start", ...args], { stdio: "pipe", env: { ...process.env, ...env } });
  const lines: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const readyLine = await new Promise<LogLine>((resolve, reject) => {
    const reader = createInterface({ input: child.stderr });
    reader.on("line", (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { level: "raw", msg: text };
      }
      lines.push(line);
      if (ready(line)) resolve(line);
    });
    void exited.then((code) =>
      reject(
        new Error(`bridge exited (${code}) before it was ready:\n${lines.map((l) => JSON.stringify(l)).join("\n")}`),
      ),
    );
  });
  return { child, lines, readyLine, exited };
}
