import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltBridge, buildBridge, runCli, startCli } from "../support/built-cli.js";
import { openTestStore, seedSpecExample, SPEC_THREE_CONTACTS_REPLY } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("cli");
});
afterAll(() => build?.dispose());

describe("bridge CLI, built and run as a process", () => {
  it("start: answers CONTACT? through the simulator on a fresh store, and stops cleanly on SIGTERM", async () => {
    const home = tempDir();
    // The bridge speaks its configured language (else the system's): pinned, so the words below are known.
    writeFileSync(join(home, "config.json"), JSON.stringify({ language: "en" }));
    const bridge = await startCli(
      build.cli,
      ["--home", home, "--port", "0"],
      (line) => line.msg === "local web server listening",
    );
    expect(bridge.lines.find((l) => l.msg === "bridge started")).toMatchObject({ transport: "simulator", contacts: 5 });
    expect(bridge.lines.find((l) => l.msg === "seeded demo contacts")).toMatchObject({ count: 5 });
    const url = String(bridge.readyLine.url);
    expect(url).toMatch(/^https?:\/\/(localhost|127\.0\.0\.1):\d+$/);
    expect(bridge.readyLine.simulator).toBe(`${url}/simulator`);

    const port = new URL(url).port;
    const simulated = runCli(build.cli, ["simulate", "CONTACT?^0675355355^1^1^", "--home", home, "--port", port]);
    expect(simulated).toMatchObject({
      status: 0,
      stdout: 'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^\n',
    });
    const rejected = runCli(build.cli, ["simulate", "CONTACT?^0675355355^1^1", "--home", home, "--port", port]);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain("The message does not end with “^”.");

    // A second bridge on the same port says why it cannot start, and cleans up after itself.
    const second = runCli(build.cli, ["start", "--home", tempDir(), "--port", port]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      `error: port ${port} on 127.0.0.1 is already in use (another bridge running?); ` +
        "choose another with --port or TELEFUM_BRIDGE_PORT",
    );
    expect(second.stderr).toContain('"msg":"bridge stopped"');

    bridge.child.kill("SIGTERM");
    expect(await bridge.exited).toBe(0);
    expect(bridge.lines.at(-1)).toMatchObject({ msg: "bridge stopped" });
  });

  it("start --control-stdin: sends CALL typed on stdin and refuses inbound commands there", async () => {
    const home = tempDir();
    const bridge = await startCli(
      build.cli,
      ["--home", home, "--no-http", "--control-stdin"],
      (line) => line.msg === "bridge started",
    );
    bridge.child.stdin.write("CALL^0675355355^\nCONTACT?^1^1^1^\n");
    await expect
      .poll(() => bridge.lines.map((l) => l.msg))
      .toEqual(expect.arrayContaining(["to TelefUM", "control: only messages to TelefUM can be sent"]));
    // At info level the log names the command, not the message (numbers, names and SMS text are debug only).
    const sent = bridge.lines.find((l) => l.msg === "to TelefUM")!;
    expect([sent.command, sent.length, "text" in sent]).toEqual(["CALL", 16, false]);
    bridge.child.stdin.end();
    expect(await bridge.exited).toBe(0);
  });

  it("start --transport stdio: one message per line in, one reply per line out, bad lines never stop it", () => {
    const home = tempDir();
    // The spec's web variant (b): CREATECARD creates "New contact N" at once (the default opens the form).
    writeFileSync(
      join(home, "config.json"),
      JSON.stringify({ language: "en", createCard: { mode: "create-and-open" } }),
    );
    const input = [
      "CONTACT?^0675355355^1^1^",
      "garbage",
      "CONTACT?^0931234567^2^2^",
      "CREATECARD^0931234567^",
      "CONTACT?^0931234567^2^1^",
      "",
    ].join("\n");
    const result = runCli(build.cli, ["start", "--transport", "stdio", "--no-http", "--home", home], input);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
      "NOCONTACT^0931234567^2^2^",
      "CONTACT^0931234567^2^1^New contact1^^^6^",
      "",
    ]);
    expect(result.stderr).toContain('"msg":"message not understood (kept in the not-understood list)"');
    expect(result.stderr).toContain('"code":"MISSING_TERMINATOR"');
  });

  it("start --transport stdio: the spec's three contacts on one number get the spec's exact reply", () => {
    const home = tempDir();
    const store = openTestStore(home);
    seedSpecExample(store);
    store.db.close();
    const input = "CONTACT?^0675355355^1^1^\nCONTACT?^0675355355^7^3^\n";
    const result = runCli(build.cli, ["start", "--transport", "stdio", "--no-http", "--home", home], input);
    expect(result.stdout.split("\n")).toEqual([
      SPEC_THREE_CONTACTS_REPLY,
      SPEC_THREE_CONTACTS_REPLY.replace("^1^1^", "^7^3^"),
      "",
    ]);
    expect(result.stderr).toContain("device 7 is outside 1-4; answered anyway");
  });

  it("lookup: prints the exact reply line", () => {
    const home = tempDir();
    expect(runCli(build.cli, ["lookup", "+380 67 535 53 55", "--home", home])).toMatchObject({
      status: 0,
      stdout: 'CONTACT^+380 67 535 53 55^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^\n',
    });
    expect(runCli(build.cli, ["lookup", "0931234567", "--device", "3", "--line", "2", "--home", home]).stdout).toBe(
      "NOCONTACT^0931234567^3^2^\n",
    );
    // A device beyond TelefUM's four is still answered, as the bridge answers it.
    expect(runCli(build.cli, ["lookup", "0931234567", "--device", "6", "--home", home]).stdout).toBe(
      "NOCONTACT^0931234567^6^1^\n",
    );
  });

  it("import: adds a vCard's contacts that lookup then finds, and takes the demo contacts out for good", () => {
    const home = tempDir();
    // A first lookup seeds the demo contacts into the new store, as `start` does.
    expect(runCli(build.cli, ["lookup", "0675355355", "--home", home]).stdout).toMatch(/^CONTACT\^0675355355\^/);
    const file = join(home, "people.vcf");
    writeFileSync(
      file,
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Марія Шевченко\r\nORG:Львівгаз\r\n" +
        "TEL;TYPE=CELL:+380 97 000 11 22\r\nEND:VCARD\r\n",
    );
    expect(runCli(build.cli, ["import", file, "--home", home, "--lang", "en"])).toMatchObject({
      status: 0,
      stdout: `Imported 1 contact from ${file}\nThe demo contacts (5) are gone\n`,
    });
    // Demo contacts never come back, however often the bridge starts.
    expect(runCli(build.cli, ["lookup", "0675355355", "--home", home]).stdout).toBe("NOCONTACT^0675355355^1^1^\n");
    expect(runCli(build.cli, ["lookup", "0970001122", "--home", home]).stdout).toMatch(
      /^CONTACT\^0970001122\^1\^1\^Марія Шевченко\^Львівгаз\^\^\d+\^\n$/,
    );
    const missing = runCli(build.cli, ["import", join(home, "nope.vcf"), "--home", home]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.vcf/);
  });

  it("manifest: prints or writes the add-in manifest for the configured port", () => {
    const home = tempDir();
    const printed = runCli(build.cli, ["manifest", "--home", home]);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
    const out = join(home, "manifest-4443.xml");
    expect(runCli(build.cli, ["manifest", "--port", "4443", "--out", out, "--home", home])).toMatchObject({
      status: 0,
      stdout: `wrote ${out} for https://localhost:4443\n`,
    });
    const written = readFileSync(out, "utf8");
    expect(written).toContain('<SourceLocation DefaultValue="https://localhost:4443/taskpane.html"/>');
    expect(written).not.toContain("localhost:3000");
  });

  it("explains bad usage instead of crashing", () => {
    const home = tempDir();
    writeFileSync(join(home, "config.json"), JSON.stringify({ language: "en" }));
    expect(runCli(build.cli, ["frobnicate"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown command "frobnicate"'),
    });
    expect(runCli(build.cli, ["start", "--transport", "carrier-pigeon", "--home", home])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("transport must be one of auto, win32, simulator, stdio"),
    });
  });
});
