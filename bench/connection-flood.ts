/**
 * Issue 20's flood, measured: CONTACT? latency over the stdio transport while another OS user (`runuser -u
 * nobody`, so run as root) opens thousands of connections to the bridge's web server, each sending a request.
 * Usage: node --import tsx bench/connection-flood.ts [compiled cli.js; default: this checkout, compiled]
 */
import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { buildBridge, startCli } from "../test/support/built-cli.js";
import { formatSummary, summarise } from "./stats.js";

const CONNECTIONS = 3_000;
const SAMPLES = 40;
const REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

const given = process.argv[2];
const build = given ? undefined : await buildBridge("flood-bench");
const cli = given ?? build!.cli;
const dir = mkdtempSync(join(tmpdir(), "telefum-flood-bench-"));
chmodSync(dir, 0o755);
copyFileSync(join(import.meta.dirname, "..", "test", "same-user", "flood-client.mjs"), join(dir, "flood-client.mjs"));
chmodSync(join(dir, "flood-client.mjs"), 0o644);
const home = join(dir, "home");
mkdirSync(home);
writeFileSync(join(home, "config.json"), JSON.stringify({ addin: { tls: "off" } }));
const bridge = await startCli(
  cli,
  ["--home", home, "--port", "0", "--transport", "stdio"],
  (line) => line.msg === "local web server listening",
);
const replies = createInterface({ input: bridge.child.stdout });
const port = new URL(String(bridge.readyLine.url)).port;

async function latencies(): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const answered = new Promise((resolve) => replies.once("line", resolve));
    bridge.child.stdin.write("CONTACT?^101^1^1^\n");
    await answered;
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return samples;
}

try {
  await latencies(); // warm up
  console.log(formatSummary("CONTACT? alone", summarise(await latencies())));
  const script = [process.execPath, join(dir, "flood-client.mjs"), "127.0.0.1", port, String(CONNECTIONS), "60000"];
  const flood = promisify(execFile)(
    "runuser",
    ["-u", "nobody", "--", "sh", "-c", 'ulimit -n 8192; exec "$@"', "sh", ...script, REQUEST],
    { cwd: dir },
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  console.log(
    formatSummary(`CONTACT? during ${CONNECTIONS} connections of another user`, summarise(await latencies())),
  );
  console.log(`the flood: ${(await flood).stdout.trim()}`);
} finally {
  bridge.child.kill("SIGTERM");
  await bridge.exited;
  build?.dispose();
  rmSync(dir, { recursive: true, force: true });
}
