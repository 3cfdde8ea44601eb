/**
 * The fake Graph in a process of its own, driven over IPC by bench/m365-bench.ts, so its JSON work and memory
 * do not count against the bridge's figures (RSS, event-loop stalls during a sync).
 */
import { FakeGraph } from "../test/fakes/graph/fake-graph.js";

export type FakeGraphCommand =
  | { type: "start" }
  | { type: "fill"; count: number; folders: string[] }
  | { type: "add"; from: number; count: number }
  | { type: "stop" };

export function benchNumber(i: number): string {
  return `+38067${String(1_000_000 + i).padStart(7, "0")}`;
}

if (process.send) {
  const graph = await new FakeGraph().start();
  graph.devicePendingPolls = 0;
  process.on("message", async (command: FakeGraphCommand) => {
    switch (command.type) {
      case "start":
        process.send!({ url: graph.url, config: graph.microsoft365Config("bench") });
        return;
      case "fill": {
        const folders = [graph.defaultFolderId, ...command.folders.map((name) => graph.addFolder(name))];
        for (let i = 0; i < command.count; i++) {
          graph.addContact({
            parentFolderId: folders[i % folders.length],
            displayName: `Person ${i}`,
            companyName: `Company ${i % 50}`,
            mobilePhone: benchNumber(i),
            businessPhones: [`044 ${String(3_000_000 + i).slice(-7)}`],
            personalNotes: "Customer",
          });
        }
        process.send!({ folders: folders.length });
        return;
      }
      case "add":
        for (let i = 0; i < command.count; i++)
          graph.addContact({ displayName: `Late ${i}`, mobilePhone: benchNumber(command.from + i) });
        process.send!({ added: command.count });
        return;
      case "stop":
        await graph.stop();
        process.exit(0);
    }
  });
  process.send({ ready: true });
}
