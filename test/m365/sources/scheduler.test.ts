import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../bridge/log/log.js";
import { SyncScheduler } from "../../../bridge/m365/sources/sync-scheduler.js";

describe("SyncScheduler", () => {
  it("shares a running pass, queues one more, reports failures without throwing at the timer", async () => {
    let passes = 0;
    let release!: () => void;
    let fail = false;
    const scheduler = new SyncScheduler(
      async () => {
        passes++;
        if (fail) throw new Error("boom");
        await new Promise<void>((resolve) => (release = resolve));
      },
      3_600_000,
      silentLogger,
    );
    const first = scheduler.syncNow();
    const joined = scheduler.syncNow();
    expect(scheduler.status.running).toBe(true);
    release();
    await Promise.all([first, joined]);
    // Both callers got the same pass; the request made during it started one more pass right after.
    expect(passes).toBe(2);
    expect(scheduler.status.running).toBe(true);
    release();
    await scheduler.stop();
    fail = true;
    const again = new SyncScheduler(
      async () => {
        throw new Error("boom");
      },
      3_600_000,
      silentLogger,
    );
    await expect(again.syncNow()).rejects.toThrow("boom");
    expect(again.status.lastError).toBe("boom");
    await again.stop();
  });
});
