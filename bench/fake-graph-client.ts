/**
 * Drives the fake Graph running in its own process (fake-graph-process.ts) from a bench, so the fake's JSON work
 * and memory do not count against the bridge's figures.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The mobile number of the bench's i-th contact or user. */
export function benchNumber(i: number): string {
  return `+38067${String(1_000_000 + i).padStart(7, "0")}`;
}

export class FakeGraphProcess {
  private next = 0;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (m: { id?: number; result?: unknown }) => {
      if (m.id !== undefined) this.waiting.get(m.id)?.(m.result);
    });
  }

  static async start(): Promise<{ fake: FakeGraphProcess; config: Record<string, unknown> }> {
    const file = fileURLToPath(new URL("./fake-graph-process.ts", import.meta.url));
    const child = fork(file, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const config = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once("message", (m: { ready: Record<string, unknown> }) => resolve(m.ready));
      child.once("exit", (code) => reject(new Error(`fake Graph process exited ${code}`)));
    });
    return { fake: new FakeGraphProcess(child), config };
  }

  call(op: string, n = 0): Promise<number> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, (result) => resolve(result as number));
      this.child.send({ id, op, n });
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}
