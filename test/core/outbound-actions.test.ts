/** What the user sends TelefUM: CALL, SENDSMS and SENDSMSSHABL, checked before they go. */
import { describe, expect, it } from "vitest";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("Sending to TelefUM", () => {
  it("dials, texts and asks for a template, with sanitised fields", async () => {
    const t = await setup();
    // Every number goes in the national digits TelefUM itself reports, however it was written.
    expect(await t.core.dial(" +380 67 535 53 55 ")).toBe("CALL^0675355355^");
    expect(await t.core.sendSms("0675355355", "Передзвоніть^будь ласка\r\nзавтра", 5)).toBe(
      "SENDSMS^0675355355^Передзвоніть будь ласка завтра^5^",
    );
    expect(await t.core.sendSmsTemplate("0675355355")).toBe("SENDSMSSHABL^0675355355^");
    expect(t.transport instanceof LoopbackTransport && t.transport.sent).toEqual([
      "CALL^0675355355^",
      "SENDSMS^0675355355^Передзвоніть будь ласка завтра^5^",
      "SENDSMSSHABL^0675355355^",
    ]);
    expect(t.of("sent")).toHaveLength(3);
  });

  it("sends a number in one form whatever form it came in: a contact's +380…, a missed call's 097…", async () => {
    const t = await setup();
    await t.core.dial("+380971112233");
    await t.core.dial("0971112233");
    await t.core.sendSms("+38 (097) 111-22-33", "Добрий день", 1);
    await t.core.sendSmsTemplate("+380971112233");
    await t.core.dial("+48 12 345 67 89");
    await t.core.dial("*101#");
    expect(t.transport instanceof LoopbackTransport && t.transport.sent).toEqual([
      "CALL^0971112233^",
      "CALL^0971112233^",
      "SENDSMS^0971112233^Добрий день^1^",
      "SENDSMSSHABL^0971112233^",
      "CALL^+48123456789^",
      "CALL^*101#^",
    ]);
  });

  it("refuses to dial something that is not a number, and an empty SMS", async () => {
    const t = await setup();
    expect(() => t.core.dial("abc")).toThrow('"abc" is not a phone number');
    expect(() => t.core.sendSms("0675355355", "   ", 1)).toThrow("the SMS text is empty");
    expect(t.transport instanceof LoopbackTransport && t.transport.sent).toEqual([]);
  });
});
