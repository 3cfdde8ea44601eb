/**
 * Caller context ready: from TelefUM's CONTACT? to the pane's GET /api/context answered in full (emails, meetings,
 * tasks, calls logged in the mailbox), through a real bridge signed in to the fake Graph with 100 ms added to every
 * Graph request. Each call is a different contact, so nothing is cached before the call comes in. Also the
 * CONTACT? reply time meanwhile: the context never delays TelefUM's answer.
 * Run alone: `node --import tsx bench/context-bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startFakeGraph } from "../test/fakes/graph/index.js";
import { startContextBridge } from "../test/context/context-bridge.js";
import { summarise } from "./stats.js";

const CALLS = 40;
const LATENCY_MS = 100;

const number = (i: number) => `067${String(2_000_000 + i).padStart(7, "0")}`;

export async function runContextBench(): Promise<void> {
  const graph = await startFakeGraph({ devicePendingPolls: 0 });
  const dir = mkdtempSync(join(tmpdir(), "context-bench-"));
  try {
    const me = { name: "Anna Operator", address: "anna@contoso.test" };
    for (let i = 0; i < CALLS; i++) {
      const them = { name: `Person ${i}`, address: `person${i}@contoso.test` };
      graph.addContact({ displayName: them.name, mobilePhone: number(i), emailAddresses: [them] });
      for (let m = 0; m < 8; m++) {
        const day = String(1 + ((i + m) % 28)).padStart(2, "0");
        graph.addMessage({
          subject: `Re: order ${i}-${m}`,
          body: "text",
          from: m % 2 ? them : me,
          toRecipients: [m % 2 ? me : them],
          receivedDateTime: `2026-10-${day}T09:00:00Z`,
        });
      }
      const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);
      graph.addEvent({
        subject: `Meeting ${i}`,
        start: at(-i / 4 - 1),
        end: at(-i / 4 - 0.9),
        attendees: [them.address],
      });
    }
    const t = await startContextBridge(dir, {
      microsoft365: graph.microsoft365Config("bench", { calls: { missedCallTask: true } }),
    });
    try {
      await t.bridge.m365.signInWithDeviceCode(() => undefined);
      await t.bridge.m365.syncNow();
      graph.latencyMs = LATENCY_MS;
      const ready: number[] = [];
      const replies: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const start = performance.now();
        const sent = t.transport.sent.length;
        t.transport.deliver(`CONTACT?^${number(i)}^1^1^`);
        while (t.transport.sent.length === sent) await new Promise((resolve) => setImmediate(resolve));
        replies.push(performance.now() - start);
        const [status, answer] = await t.api("GET", `/api/context?number=${number(i)}`);
        const mail = (answer as { mail: unknown[] }).mail.length;
        if (status !== 200 || mail !== 5) throw new Error(`context ${i}: ${status} ${JSON.stringify(answer)}`);
        ready.push(performance.now() - start);
      }
      const r = summarise(ready);
      const c = summarise(replies);
      console.log(
        `context ready (CONTACT? → /api/context complete), Graph latency ${LATENCY_MS} ms, ${CALLS} callers: ` +
          `p50 ${r.p50Ms.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms`,
      );
      console.log(
        `CONTACT? reply meanwhile: p50 ${c.p50Ms.toFixed(2)} ms, p95 ${c.p95Ms.toFixed(2)} ms, ` +
          `max ${c.maxMs.toFixed(2)} ms`,
      );
    } finally {
      await t.bridge.stop();
    }
  } finally {
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runContextBench();
