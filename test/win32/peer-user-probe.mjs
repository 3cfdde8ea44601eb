// Run by wine-e2e.test.ts under the Windows node.exe: the pieces of the local web server's same-user check
// (bridge/win32/connection-user.ts) on a loopback connection this process made to itself: the TCP table
// row and its owner PID, whether this process runs as its own user (token SID), and ends no socket has.
// Usage: node.exe peer-user-probe.mjs <staged win32/index.js, the Windows platform room> <result file>
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { pathToFileURL } from "node:url";

const [indexPath, resultFile] = process.argv.slice(2);
const { owningPid, processStartTime, runsAsUs, windowsPeerCheck } = await import(pathToFileURL(indexPath).href);
const check = windowsPeerCheck();
let client;
const server = createServer((socket) => {
  const ends = {
    localAddress: socket.localAddress,
    localPort: socket.localPort,
    remoteAddress: socket.remoteAddress,
    remotePort: socket.remotePort,
  };
  const result = {
    self: process.pid,
    owner: owningPid(ends) ?? null,
    selfRunsAsUs: runsAsUs(process.pid),
    // A verdict remembered for this PID is used while its start time matches, re-checked when it differs (the PID
    // now names another process).
    ...(() => {
      const started = processStartTime(process.pid);
      const remembered = { same: false, reason: "remembered" };
      const sameStart = new Map([[process.pid, { started, verdict: remembered }]]);
      const otherStart = new Map([[process.pid, { started: (started ?? 0n) - 1n, verdict: remembered }]]);
      return {
        startTimeKnown: typeof started === "bigint" && started > 0n,
        sameStartTime: runsAsUs(process.pid, undefined, sameStart),
        otherStartTime: runsAsUs(process.pid, undefined, otherStart),
        otherStartTimeCached: otherStart.get(process.pid).verdict,
      };
    })(),
    verdict: check(ends),
    unknownEnds: check({ ...ends, remotePort: ends.remotePort === 1 ? 2 : 1 }),
  };
  writeFileSync(resultFile, JSON.stringify(result));
  socket.destroy();
  client.destroy();
  server.close();
});
server.listen(0, "127.0.0.1", () => {
  client = connect(server.address().port, "127.0.0.1");
});
