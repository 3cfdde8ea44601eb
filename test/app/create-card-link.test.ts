/** `createCard.urlTemplate`, the spec's web variant (a): CREATECARD opens that link with the number in it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBridge, type TestBridge } from "../addin/helpers.js";

let t: TestBridge;

beforeAll(async () => {
  const createCard = { urlTemplate: "https://crm.example/new?phone={phone}&from=telefum" };
  t = await startTestBridge("off", { settings: { createCard } });
}, 60_000);
afterAll(() => t?.stop());

describe("createCard.urlTemplate", () => {
  it("opens the link in the default browser with the number filled in, and creates nothing", async () => {
    const before = t.bridge.directory.count();
    t.transport.deliver("CREATECARD^+380 93 123 45 67^");
    await t.bridge.core.idle();
    expect(t.opened).toEqual(["https://crm.example/new?phone=%2B380%2093%20123%2045%2067&from=telefum"]);
    expect(t.bridge.directory.count()).toBe(before);
  });
});
