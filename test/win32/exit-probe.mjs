// Run by wine-e2e.test.ts under the Windows node.exe: starts the win32 transport and announces it (publishes
// hwndProgr), records the handle it published, then ends the process the way named by the mode, so
// the test can check hwndProgr went back to "0" on that path too.
// Usage: node.exe exit-probe.mjs <staged transport/win32/index.js> <result file> throw|sigint|exit
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [indexPath, resultFile, mode] = process.argv.slice(2);
const { createWin32Transport } = await import(pathToFileURL(indexPath).href);
const transport = createWin32Transport({ encoding: "cp1251" });
await transport.start(() => {});
transport.announce();
writeFileSync(resultFile, String(transport.windowHandle));

if (mode === "throw")
  setTimeout(() => {
    throw new Error("exit-probe: a crash nobody catches");
  }, 10);
else if (mode === "sigint")
  process.emit("SIGINT", "SIGINT"); // what Ctrl+C delivers; nobody else listens here
else if (mode === "exit") process.exit(3);
else throw new Error(`unknown mode ${mode}`);
