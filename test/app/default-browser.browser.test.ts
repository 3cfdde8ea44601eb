/**
 * With no pane and no sign-in, what TelefUM asks for still opens where a person can see it: a real bridge process
 * with a recording stand-in for `xdg-open` on PATH, and the pages it opens rendered in chromium.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haveChromium, launchChromium } from "../support/browser.js";
import { type BuiltBridge, buildBridge, runCliAsync, startCli } from "../support/built-cli.js";
import { openTestStore, seedSpecExample, SPEC_THREE_CONTACTS_REPLY } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();
const haveBrowser = haveChromium("the default-browser pages tests");

let build: BuiltBridge;
let bridge: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let home: string;
let url: string;
let openedLog: string;

/** Every link the bridge handed to "the default browser", in order. */
function opened(): string[] {
  return existsSync(openedLog) ? readFileSync(openedLog, "utf8").split("\n").filter(Boolean) : [];
}

/** Plays TelefUM against the running bridge; answers what the bridge sent back. */
async function telefum(message: string): Promise<string> {
  const port = new URL(url).port;
  const result = await runCliAsync(build.cli, ["simulate", message, "--home", home, "--port", port]);
  return result.stdout.trim();
}

/** Waits for the next link the bridge opens after `count` links. */
async function nextOpened(count: number): Promise<string> {
  await expect.poll(() => opened().length, { timeout: 10_000 }).toBe(count + 1);
  return opened()[count]!;
}

async function show(link: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(link);
  return page;
}

beforeAll(async () => {
  if (!haveBrowser) return;
  build = await buildBridge("pages");
  home = tempDir();
  const bin = join(home, "bin");
  mkdirSync(bin);
  openedLog = join(home, "opened.log");
  // Records its argument instead of starting a browser; the bridge never goes through a shell to call it.
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" >> "${openedLog}"\n`);
  chmodSync(join(bin, "xdg-open"), 0o755);
  writeFileSync(join(home, "config.json"), JSON.stringify({ language: "en", addin: { tls: "off" } }));
  const store = openTestStore(home);
  seedSpecExample(store);
  store.db.close();
  bridge = await startCli(
    build.cli,
    ["--home", home, "--port", "0", "--transport", "simulator"],
    (line) => line.msg === "local web server listening",
    // Debug: the tests read the texts sent to TelefUM, which the log shows only there (they are personal data).
    { PATH: `${bin}:${process.env.PATH}`, TELEFUM_LOG_LEVEL: "debug" },
  );
  url = String(bridge.readyLine.url);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  bridge?.child.kill("SIGTERM");
  await bridge?.exited;
  build?.dispose();
});

describe.skipIf(!haveBrowser)("no pane, no sign-in: the default browser", () => {
  it("CARD^id^ opens the contact's page: name, company, note, numbers with Call and SMS", async () => {
    const before = opened().length;
    await telefum("CARD^23456^");
    expect(await nextOpened(before)).toBe(`${url}/contact/23456`);
    const page = await show(`${url}/contact/23456`);
    expect(await page.textContent("#name")).toBe("Вася Петров");
    expect(await page.textContent("#company")).toBe('Агенство "Меридиан"');
    expect(await page.textContent("#note")).toBe("Хороший человек");
    expect(await page.textContent("#numbers .number")).toBe("067 535 53 55");
    await page.click('#numbers button[data-action="call"]');
    await expect.poll(() => page.textContent("#status")).toBe("Sent to TelefUM.");
    expect(bridge.lines.filter((l) => l.msg === "to TelefUM (text)").map((l) => l.text)).toContain("CALL^0675355355^");
    expect(bridge.lines.map((l) => l.msg)).toContain(
      `CARD: opened contact 23456 in the default browser (${url}/contact/23456)`,
    );
    await page.close();
  });

  it("several ids: the chooser lists name, company and note of each; a click opens one and remembers it", async () => {
    expect(await telefum("CONTACT?^0675355355^1^1^")).toBe(SPEC_THREE_CONTACTS_REPLY);
    let count = opened().length;
    await telefum("CARD^23456, 23457, 23458^");
    const chooserLink = await nextOpened(count);
    expect(chooserLink).toBe(`${url}/chooser?ids=23456%2C23457%2C23458&number=0675355355`);
    const page = await show(chooserLink);
    const rows = await page.$$eval("#choices li", (items) =>
      items.map((li) => ["name", "company", "note"].map((c) => li.querySelector(`.${c}`)?.textContent)),
    );
    expect(rows).toEqual([
      ["Вася Петров", 'Агенство "Меридиан"', "Хороший человек"],
      ["Вася Петров", "Перевозки", "недорого"],
      ["Петров Василий Иванович", "ООО «Труба»", "Металлопрокат"],
    ]);
    count = opened().length;
    await page.click('li[data-contact-id="23457"] button[data-action="choose"]');
    expect(await nextOpened(count)).toBe(`${url}/contact/23457?number=0675355355`);
    await page.close();
    expect(await telefum("CONTACT?^0675355355^1^1^")).toBe(
      "CONTACT^0675355355^1^1^Вася Петров(…)^Перевозки(…)^недорого(…)^23457, 23456, 23458^",
    );

    // Remembered: CARD opens that contact directly, which says so, with "choose another" and "forget".
    count = opened().length;
    await telefum("CARD^23457, 23456, 23458^");
    const remembered = await nextOpened(count);
    expect(remembered).toBe(`${url}/contact/23457?number=0675355355`);
    const contact = await show(remembered);
    expect(await contact.textContent("#remembered p")).toBe("This contact is remembered for 067 535 53 55.");
    expect(await contact.getAttribute("#choose-another", "href")).toBe(
      "/chooser?ids=23457%2C23456%2C23458&number=0675355355",
    );
    await contact.click("#forget");
    await contact.waitForURL(`${url}/chooser?ids=23457%2C23456%2C23458&number=0675355355`);
    expect(await telefum("CONTACT?^0675355355^1^1^")).toBe(SPEC_THREE_CONTACTS_REPLY);
    await contact.close();
  });

  it("CREATECARD opens the new-contact form with the number filled in; saving creates and opens it", async () => {
    let count = opened().length;
    await telefum("CREATECARD^0931234567^");
    const form = await nextOpened(count);
    expect(form).toBe(`${url}/new-contact?number=0931234567`);
    const page = await show(form);
    expect(await page.inputValue("#nc-number")).toBe("0931234567");
    await page.fill("#nc-name", "Марія Шевченко");
    await page.fill("#nc-company", "Львівгаз");
    count = opened().length;
    await page.click('button[type="submit"]');
    await expect.poll(() => page.textContent("#status")).toBe("Saved: Марія Шевченко");
    expect(await nextOpened(count)).toBe(`${url}/contact/23459`);
    expect(await telefum("CONTACT?^0931234567^1^1^")).toBe("CONTACT^0931234567^1^1^Марія Шевченко^Львівгаз^^23459^");
    await page.close();
  });

  it("CARD^https://…^ opens that link; file: and javascript: links are refused and logged", async () => {
    const count = opened().length;
    await telefum("CARD^https://crm.example/client?id=42&tab=calls^");
    expect(await nextOpened(count)).toBe("https://crm.example/client?id=42&tab=calls");
    await telefum("CARD^file:///etc/passwd^");
    await telefum("CARD^javascript:alert(1)^");
    await expect
      .poll(() => bridge.lines.filter((l) => l.msg === "CARD failed").map((l) => l.reason))
      .toEqual([
        'only http and https links are opened, not "file" (refused)',
        'only http and https links are opened, not "javascript" (refused)',
      ]);
    expect(opened()).toHaveLength(count + 1);
  });

  it("a message that cannot be understood is kept in the not-understood list", async () => {
    await telefum("HELLO^world^");
    await telefum("CALLHISTORY^0675355355^in^True^yesterday^0:01:00^^");
    const token = readFileSync(join(home, "addin-token"), "utf8").trim();
    const answer = await fetch(`${url}/api/not-understood`, { headers: { "x-bridge-token": token } });
    type Kept = { code: string; raw: string; reason: string; params: Record<string, string> };
    const { messages } = (await answer.json()) as { messages: Kept[] };
    expect(messages.slice(0, 2).map((m) => [m.code, m.raw, m.reason])).toEqual([
      [
        "BAD_DATE",
        "CALLHISTORY^0675355355^in^True^yesterday^0:01:00^^",
        'start must be a date and time such as 2013-05-14 10:11:46, got "yesterday"',
      ],
      ["UNKNOWN_COMMAND", "HELLO^world^", 'unknown command "HELLO"'],
    ]);
    // What the reason's words name, found again from the kept text: a person reads those, not the English above.
    expect(messages.slice(0, 2).map((m) => m.params)).toEqual([{ value: "yesterday" }, { command: "HELLO" }]);
  });
});
