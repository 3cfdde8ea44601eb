import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_USER, FakeGraph } from "../fakes/graph/index.js";
import { type BuiltBridge, buildBridge, projectDir, runCli, runCliAsync } from "../support/built-cli.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
let build: BuiltBridge;
let graph: FakeGraph;

beforeAll(async () => {
  build = await buildBridge("cli-m365");
  graph = await new FakeGraph().start();
  graph.devicePendingPolls = 1;
  graph.addContact({
    displayName: "Марія Шевченко",
    companyName: "Львівгаз",
    mobilePhone: "+380 97 000 11 22",
    businessPhones: [],
    homePhones: [],
  });
});
afterAll(async () => {
  build?.dispose();
  await graph?.stop();
});

function homeWithConfig(): string {
  const home = tempDir();
  const microsoft365 = graph.microsoft365Config("00000000-0000-0000-0000-00000000c11e");

  writeFileSync(join(home, "config.json"), JSON.stringify({ seedDemo: false, microsoft365 }));
  return home;
}

describe("bridge signin / status against the fake Microsoft 365", () => {
  it("signs in with a device code, syncs contacts, and answers them afterwards", async () => {
    const home = homeWithConfig();
    // A separate process: it trusts the fake's self-signed certificate the standard way.
    const env = { NODE_EXTRA_CA_CERTS: join(projectDir, "test", "fakes", "graph", "tls", "cert.pem") };
    const run = (args: string[]) => runCliAsync(build.cli, [...args, "--home", home], env);

    const before = await run(["status"]);
    expect(before.status, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toMatchObject({
      enabled: true,
      signedIn: false,
      settings: { clientId: "00000000-0000-0000-0000-00000000c11e" },
      managed: [],
    });

    const signin = await run(["signin"]);
    expect(signin.status, signin.stderr).toBe(0);
    const [codeLine, signedLine, ...statusLines] = signin.stdout.split("\n");
    expect(codeLine).toBe(`To sign in, open ${graph.url}/devicelogin and enter the code FAKE-CODE.`);
    expect(signedLine).toBe(`signed in as ${FAKE_USER.upn}; syncing contacts…`);
    expect(JSON.parse(statusLines.join("\n"))).toMatchObject({
      signedIn: true,
      account: FAKE_USER.upn,
      sync: { contacts: 1 },
    });

    expect(runCli(build.cli, ["lookup", "0970001122", "--home", home]).stdout).toMatch(
      /^CONTACT\^0970001122\^1\^1\^Марія Шевченко\^Львівгаз\^\^\d+\^\n$/,
    );
    expect(JSON.parse((await run(["status"])).stdout)).toMatchObject({ signedIn: true, account: FAKE_USER.upn });
  });

  it("explains how to configure Microsoft 365 when it is not", () => {
    const result = runCli(build.cli, ["signin", "--home", tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /Microsoft 365 is not configured: add "microsoft365": \{ "clientId": "<app id>" \} to .*config\.json/,
    );
  });
});
