/** The spec's web-service mode: `card.idForm: "url"` makes the contact's web link its TelefUM id, both ways. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBridge, type TestBridge } from "../addin/helpers.js";

let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge("off", { settings: { card: { idForm: "url" } } });
}, 60_000);
afterAll(() => t?.stop());

async function play(text: string): Promise<string | undefined> {
  const before = t.transport.sent.length;
  t.transport.deliver(text);
  await t.bridge.core.idle();
  return t.transport.sent.slice(before)[0];
}

describe('card.idForm: "url"', () => {
  it("answers CONTACT? with the local contact page as the id, and CARD with that link opens the contact", async () => {
    expect(await play("CONTACT?^0675355355^1^1^")).toBe(
      `CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^${t.url}/contact/1^`,
    );
    await play(`CARD^${t.url}/contact/1^`);
    expect(t.opened.at(-1)).toBe(`${t.url}/contact/1?number=0675355355`);
  });

  it("several contacts: every link in the id field, and CARD with them opens the chooser", async () => {
    const links = [2, 3, 4].map((id) => `${t.url}/contact/${id}`).join(", ");
    expect(await play("CONTACT?^0441234567^1^1^")).toBe(
      `CONTACT^0441234567^1^1^Олена Коваль(…)^ТОВ Ромашка(…)^Бухгалтерія(…)^${links}^`,
    );
    await play(`CARD^${links}^`);
    expect(t.opened.at(-1)).toBe(`${t.url}/chooser?ids=2%2C3%2C4&number=0441234567`);
  });
});
