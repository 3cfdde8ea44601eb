/** Entry of `npm run package:windows`. */
import { packageWindows } from "./build.js";

packageWindows().catch((error: Error) => {
  process.stderr.write(`package:windows failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
