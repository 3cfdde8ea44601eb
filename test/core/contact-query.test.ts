/** CONTACT?: the answer to TelefUM, the incoming call, and the ids offered for a number that CARD then names. */
import { describe, expect, it } from "vitest";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("CONTACT? answered", () => {
  it("answers CONTACT? with the contact and announces the incoming call", async () => {
    const t = await setup();
    expect(await t.play("CONTACT?^0675355355^2^1^")).toEqual([
      'CONTACT^0675355355^2^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
    ]);
    expect(t.of("incoming-call")).toMatchObject([
      { number: "0675355355", device: 2, line: 1, contacts: [{ id: "1", name: "Вася Петров" }] },
    ]);
  });

  it("does not answer again a CONTACT? the transport has answered, but announces that reply and the call", async () => {
    const transport = new LoopbackTransport();
    const t = await setup({ transport });
    const reply = 'CONTACT^0675355355^2^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^';
    transport.deliver("CONTACT?^0675355355^2^1^", reply);
    await t.core.idle();
    expect(transport.sent).toEqual([]);
    expect(t.of("sent").map((e) => e.text)).toEqual([reply]);
    expect(t.of("incoming-call")).toMatchObject([
      { number: "0675355355", device: 2, line: 1, contacts: [{ id: "1", name: "Вася Петров" }] },
    ]);
  });

  it("answers NOCONTACT for an unknown number and for a hidden (empty) one", async () => {
    const t = await setup();
    expect(await t.play("CONTACT?^+380931234567^4^2^")).toEqual(["NOCONTACT^+380931234567^4^2^"]);
    expect(await t.play("CONTACT?^^1^1^")).toEqual(["NOCONTACT^^1^1^"]);
  });

  it("answers several contacts the spec's way and opens the chooser with the number when CARD names them", async () => {
    const t = await setup();
    expect(await t.play("CONTACT?^0441234567^1^2^")).toEqual([
      "CONTACT^0441234567^1^2^Олена Коваль(…)^ТОВ Ромашка(…)^Бухгалтерія(…)^2, 3, 4^",
    ]);
    expect(await t.play("CARD^2, 3, 4^")).toEqual([]);
    expect(t.opener.requests).toHaveLength(1);
    expect(t.opener.requests[0]).toMatchObject({ ids: ["2", "3", "4"], missingIds: [], number: "0441234567" });
    expect(t.opener.requests[0]!.chosen).toBeUndefined();
    expect(t.opener.requests[0]!.contacts.map((c) => c.id)).toEqual(["2", "3", "4"]);
    // The log names the ids; the pane gets the people's names to say instead.
    expect(t.of("notice").map((e) => e.message)).toEqual(["opened the chooser for 2, 3, 4 in Outlook"]);
    const names = t.opener.requests[0]!.contacts.map((c) => c.name).join(", ");
    expect(names).toContain("Олена Коваль");
    expect(t.of("notice")[0]?.params.who).toBe(names);
  });

  it("puts the remembered choice first, and CARD then opens it directly with the others a click away", async () => {
    const t = await setup();
    await t.core.choose("3", "+380 44 123 45 67");
    expect(await t.play("CONTACT?^0441234567^1^1^")).toEqual([
      "CONTACT^0441234567^1^1^Іван Сидоренко(…)^ТОВ Ромашка(…)^Директор(…)^3, 2, 4^",
    ]);
    await t.play("CARD^3, 2, 4^");
    expect(t.opener.requests.at(-1)).toMatchObject({ ids: ["3", "2", "4"], number: "0441234567", chosen: "3" });
    expect(t.of("notice").at(-1)?.message).toBe("opened contact 3 (chosen before for 0441234567) in Outlook");
    expect(t.of("notice").at(-1)?.params).toMatchObject({ id: "3", who: "Іван Сидоренко" });
    t.directory.forgetChoice("0441234567");
    expect(await t.play("CONTACT?^0441234567^1^1^")).toEqual([
      "CONTACT^0441234567^1^1^Олена Коваль(…)^ТОВ Ромашка(…)^Бухгалтерія(…)^2, 3, 4^",
    ]);
  });

  it("answers CONTACT? on a device or line outside 1-4 / 1-2, echoing them, and warns", async () => {
    const t = await setup();
    expect(await t.play("CONTACT?^0675355355^6^3^")).toEqual([
      'CONTACT^0675355355^6^3^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
    ]);
    expect(t.of("notice").map((e) => [e.stage, e.level, e.message])).toEqual([
      ["CONTACT?", "warn", "device 6 is outside 1-4; answered anyway: CONTACT?^0675355355^6^3^"],
      ["CONTACT?", "warn", "line 3 is outside 1-2; answered anyway: CONTACT?^0675355355^6^3^"],
    ]);
  });
});
