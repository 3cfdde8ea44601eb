/**
 * `start --transport stdio --encoding cp1251`, built and run as a process: stdout carries exactly the bytes TelefUM
 * would get over WM_COPYDATA (code page 1251, best fit: é → e, ß → ss, an emoji left out), stdin is read in it too.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltBridge, buildBridge } from "../support/built-cli.js";
import { contact, openTestStore } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;

beforeAll(async () => {
  build = await buildBridge("stdio-encoding");
});
afterAll(() => build?.dispose());

/** Runs the bridge on stdio with `input` as raw bytes; stdout comes back as raw bytes. */
function runBytes(home: string, args: string[], input: Buffer): { status: number | null; stdout: Buffer } {
  const result = spawnSync(
    process.execPath,
    [build.cli, "start", "--transport", "stdio", "--no-http", "--home", home, ...args],
    { input, env: { ...process.env, TELEFUM_BRIDGE_PORT: "" } },
  );
  return { status: result.status, stdout: result.stdout };
}

function homeWithCafe(): { home: string; id: string } {
  const home = tempDir();
  const store = openTestStore(home);
  store.directory.upsert(contact("Кафе 😀 Café", ["0501112233"], { company: "Straße", note: "Ок" }));
  const id = store.directory.lookupAll("0501112233")[0]!.id;
  store.db.close();
  return { home, id };
}

describe("stdio in code page 1251", () => {
  it("writes TelefUM's bytes: Cyrillic as cp1251, é and ß by their best fit, the emoji left out", () => {
    const { home, id } = homeWithCafe();
    const result = runBytes(home, ["--encoding", "cp1251"], Buffer.from("CONTACT?^0501112233^1^1^\n", "latin1"));
    expect(result.status).toBe(0);
    // К а ф е = CA E0 F4 E5, О к = CE EA in code page 1251; nothing above 0x7F is UTF-8.
    const expected = Buffer.concat([
      Buffer.from("CONTACT^0501112233^1^1^", "latin1"),
      Buffer.from([0xca, 0xe0, 0xf4, 0xe5]),
      Buffer.from(" Cafe^Strasse^", "latin1"),
      Buffer.from([0xce, 0xea]),
      Buffer.from(`^${id}^\n`, "latin1"),
    ]);
    expect(result.stdout.toString("hex")).toBe(expected.toString("hex"));
  });

  it("reads stdin in cp1251 too: a Cyrillic file name in CALLHISTORY is logged as written", () => {
    const { home } = homeWithCafe();
    // "Запис" in cp1251: C7 E0 EF E8 F1.
    const line = Buffer.concat([
      Buffer.from("CALLHISTORY^0501112233^in^True^2026-11-25 10:00:00^0:01:05^C:\\rec\\", "latin1"),
      Buffer.from([0xc7, 0xe0, 0xef, 0xe8, 0xf1]),
      Buffer.from(".wav^\n", "latin1"),
    ]);
    expect(runBytes(home, ["--encoding", "cp1251"], line).status).toBe(0);
    const store = openTestStore(home);
    try {
      expect(store.callLog.recent({ number: "0501112233" }).map((call) => call.recordingPath)).toEqual([
        "C:\\rec\\Запис.wav",
      ]);
    } finally {
      store.db.close();
    }
  });

  it("without --encoding stdio stays a script's UTF-8, the name as it is stored", () => {
    const { home, id } = homeWithCafe();
    const result = runBytes(home, [], Buffer.from("CONTACT?^0501112233^1^1^\n"));
    expect(result.stdout.toString("utf8")).toBe(`CONTACT^0501112233^1^1^Кафе 😀 Café^Straße^Ок^${id}^\n`);
  });
});
