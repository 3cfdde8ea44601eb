/**
 * The admin kit's .reg files (docs/admin), imported by Windows' own `reg` under Wine and read back: the Local
 * Network Access policies of Edge and Chrome name exactly Outlook's origins, and the removal file takes them away.
 * Needs wine (TELEFUM_REQUIRE_WINE=1 makes a missing one a failure).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPath, prepareWinePrefix, run, windowsPath, wineEnvironment } from "../../packaging/windows/windows-tools.js";
import { PROJECT_ROOT, startVirtualDisplay, type VirtualDisplay } from "./wine-env.js";

const missing = ["wine", "wineserver", "wineboot"].filter((tool) => !onPath(tool));
if (missing.length > 0 && process.env.TELEFUM_REQUIRE_WINE === "1") throw new Error(`missing ${missing.join(", ")}`);
if (missing.length > 0) console.warn(`\n!! SKIPPING the admin kit's .reg test: missing ${missing.join(", ")}\n`);

const OUTLOOK_ORIGINS = [
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.cloud.microsoft",
  "https://outlook.live.com",
];
const KEYS = ["Microsoft\\Edge", "Google\\Chrome"].flatMap((browser) =>
  ["LoopbackNetworkAllowedForUrls", "LocalNetworkAccessAllowedForUrls"].map(
    (policy) => `HKLM\\SOFTWARE\\Policies\\${browser}\\${policy}`,
  ),
);

let display: VirtualDisplay | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (missing.length > 0) return;
  display = await startVirtualDisplay();
  env = { ...wineEnvironment(), ...(display && { DISPLAY: display.display }) };
  await prepareWinePrefix(env);
}, 600_000);

afterAll(() => display?.stop());

const wineReg = (...args: string[]) => run("wine", ["reg", ...args], { env, timeout: 120_000 });
const kitFile = (name: string) => windowsPath(join(PROJECT_ROOT, "docs", "admin", name));

/** A key's values as `name=data`, or undefined when the key does not exist. */
async function values(key: string): Promise<string[] | undefined> {
  const out = await wineReg("query", key).catch(() => undefined);
  if (out === undefined) return undefined;
  return [...out.matchAll(/^\s+(\S+)\s+REG_SZ\s+(.*?)\s*$/gm)].map(([, name, data]) => `${name}=${data}`);
}

describe.skipIf(missing.length > 0)("admin kit: Local Network Access policies as .reg files", () => {
  it("the .reg sets both policies of Edge and Chrome to Outlook's origins; -remove.reg undoes it", async () => {
    await wineReg("import", kitFile("allow-outlook-local-network.reg"));
    const expected = OUTLOOK_ORIGINS.map((origin, i) => `${i + 1}=${origin}`);
    for (const key of KEYS) expect(await values(key), key).toEqual(expected);
    await wineReg("import", kitFile("allow-outlook-local-network-remove.reg"));
    for (const key of KEYS) expect(await values(key), key).toBeUndefined();
  }, 300_000);
});
