// Run by the flood tests, as another OS user (runuser -u nobody) or as this one: opens <count> TCP connections to
// <host>:<port>, sends nothing (or <send> on each), holds them up to <holdMs>, and prints what the server did with
// them as JSON: how many connected, how many the server closed before that, the bytes it sent back.
// Usage: node flood-client.mjs <host> <port> <count> <holdMs> [send]
import { connect } from "node:net";

const [host, port, count, holdMs, send] = process.argv.slice(2);
const result = { connected: 0, closedByServer: 0, bytes: 0, errors: {} };
const sockets = [];
let open = Number(count);
const finish = () => {
  const summary = JSON.stringify(result);
  for (const socket of sockets) socket.destroy();
  console.log(summary);
  process.exit(0);
};
const timer = setTimeout(finish, Number(holdMs));
for (let i = 0; i < Number(count); i++) {
  const socket = connect({ host, port: Number(port) });
  sockets.push(socket);
  let connected = false;
  socket.on("connect", () => {
    connected = true;
    result.connected++;
    if (send) socket.write(send);
  });
  socket.on("data", (chunk) => (result.bytes += chunk.length));
  socket.on("error", (error) => (result.errors[error.code] = (result.errors[error.code] ?? 0) + 1));
  socket.on("close", () => {
    if (connected) result.closedByServer++;
    if (--open === 0) {
      clearTimeout(timer);
      finish();
    }
  });
}
