/** What the user sends TelefUM: CALL, SENDSMS and SENDSMSSHABL, checked before they go. */
import { describe, expect, it } from "vitest";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("Sending to TelefUM", () => {
  it("dials, texts and asks for a template, with sanitised fields", async () => {
    const t = await setup();
    expect(await t.core.dial(" +380 67 535 53 55 ")).toBe("CALL^+380 67 535 53 55^");
    expect(await t.core.sendSms("0675355355", "Передзвоніть^будь ласка\r\nзавтра", 5)).toBe(
      "SENDSMS^0675355355^Передзвоніть будь ласка завтра^5^",
    );
    expect(await t.core.sendSmsTemplate("0675355355")).toBe("SENDSMSSHABL^0675355355^");
    expect(t.transport instanceof LoopbackTransport && t.transport.sent).toEqual([
      "CALL^+380 67 535 53 55^",
      "SENDSMS^0675355355^Передзвоніть будь ласка завтра^5^",
      "SENDSMSSHABL^0675355355^",
    ]);
    expect(t.of("sent")).toHaveLength(3);
  });

  it("refuses to dial something that is not a number, and an empty SMS", async () => {
    const t = await setup();
    expect(() => t.core.dial("abc")).toThrow('"abc" is not a phone number');
    expect(() => t.core.sendSms("0675355355", "   ", 1)).toThrow("the SMS text is empty");
    expect(t.transport instanceof LoopbackTransport && t.transport.sent).toEqual([]);
  });
});
