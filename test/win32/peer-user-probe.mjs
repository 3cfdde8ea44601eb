// Run by wine-e2e.test.ts under the Windows node.exe: the pieces of the local web server's same-user check
// (bridge/win32/connection-user.ts) on a loopback connection this process made to itself: the TCP table
// row and its owner PID, whether this process runs as its own user (token SID), and ends no socket has.
// Usage: node.exe peer-user-probe.mjs <staged win32/index.js, the Windows platform room> <result file>
import { writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { pathToFileURL } from "node:url";

const [indexPath, resultFile] = process.argv.slice(2);
const { owningPid, runsAsUs, windowsPeerCheck } = await import(pathToFileURL(indexPath).href);
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
