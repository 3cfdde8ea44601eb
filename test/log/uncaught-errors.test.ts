/**
 * The long-running bridge's last resort (log/uncaught-errors.ts) in a real process: an exception nobody caught and
 * a rejection nobody awaited are logged, and the process keeps running. (A start that fails still exits with its
 * message: test/same-user/connection-flood.test.ts, a port another user holds.)
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const module = (name: string): string => JSON.stringify(join(import.meta.dirname, "../../bridge/log", name));
const SCRIPT = `
import { keepServingOnUncaughtErrors } from ${module("uncaught-errors.ts")};
import { createLogger } from ${module("log.ts")};
keepServingOnUncaughtErrors(createLogger());
setTimeout(() => { throw new Error("a socket error nobody heard"); }, 10);
void Promise.reject(new Error("a promise nobody awaited"));
setTimeout(() => console.log("still serving"), 200);
`;

describe("uncaught errors in the long-running bridge", () => {
  it("are logged, and the process keeps running", async () => {
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
      cwd: join(import.meta.dirname, "..", ".."),
    });
    expect(run.stdout).toBe("still serving\n");
    const lines = run.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "uncaught error; the bridge keeps serving",
        kind: "rejection",
        reason: "a promise nobody awaited",
      }),
      expect.objectContaining({
        msg: "uncaught error; the bridge keeps serving",
        kind: "exception",
        reason: "a socket error nobody heard",
      }),
    ]);
  });
});
