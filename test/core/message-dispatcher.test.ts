/** Every text from TelefUM parsed and dispatched: bad ones reported, failures reported, the bridge still answers. */
import { describe, expect, it } from "vitest";
import type { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { TransportError, type Transport } from "../../bridge/transport/transport.js";
import { randomMessages } from "../support/random-messages.js";
import { useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("The dispatcher: every text from TelefUM, bad ones too", () => {
  it.each([
    ["", "EMPTY"],
    ["CONTACT?^0675355355^1^1", "MISSING_TERMINATOR"],
    ["HELLO^1^", "UNKNOWN_COMMAND"],
    ["CONTACT?^0675355355^1^", "FIELD_COUNT"],
    ["CONTACT?^0675355355^nine^1^", "BAD_DEVICE"],
    ["CONTACT?^0675355355^1^L1^", "BAD_LINE"],
    ["CALLHISTORY^067^sideways^True^2026-11-25 10:00:00^0:00:01^^", "BAD_DIRECTION"],
    ["CALLHISTORY^067^in^Maybe^2026-11-25 10:00:00^0:00:01^^", "BAD_BOOLEAN"],
    ["CALLHISTORY^067^in^True^2026-13-45 10:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^067^in^True^45/13/2026 10:00:00^0:00:01^^", "BAD_DATE"],
    ["CALLHISTORY^067^in^True^2026-11-25 10:00:00^1:99:01^^", "BAD_DURATION"],
    ["CARD^ , ^", "BAD_IDS"],
    ["CALL^0675355355^", "UNKNOWN_COMMAND"],
  ])("%j → %s, and the bridge still answers afterwards", async (text, code) => {
    const t = await setup();
    expect(await t.play(text)).toEqual([]);
    expect(t.of("protocol-error").map((e) => [e.error.code, e.error.raw])).toEqual([[code, text]]);
    expect(await t.play("CONTACT?^101^1^1^")).toEqual(["CONTACT^101^1^1^IT help desk^Our office^Internal line^5^"]);
  });

  it("rejects or handles every one of 5000, loses none, and still answers", async () => {
    const t = await setup();
    const texts = [...randomMessages(5_000)];
    for (const text of texts) (t.transport as LoopbackTransport).deliver(text);
    await t.core.idle();
    const received = t.of("received").map((e) => e.text);
    expect(received).toEqual(texts);
    // Every text that was not understood is reported with its raw form.
    const rejected = t.of("protocol-error").map((e) => e.error.raw);
    for (const raw of rejected) expect(texts).toContain(raw);
    expect(await t.play("CONTACT?^0675355355^1^1^")).toEqual([
      'CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
    ]);
  });

  it("reports a failed reply when TelefUM is gone, and keeps going", async () => {
    let handler: ((text: string) => void) | undefined;
    let up = false;
    const sent: string[] = [];
    const flaky: Transport = {
      name: "flaky",
      start: async (onMessage) => {
        handler = onMessage;
      },
      send: async (text) => {
        if (!up) throw new TransportError("PEER_UNAVAILABLE", "TelefUM is not running (hwndTelefUM is 0)");
        sent.push(text);
      },
      stop: async () => undefined,
    };
    const t = await setup({ transport: flaky });
    handler!("CONTACT?^0675355355^1^1^");
    await t.core.idle();
    expect(t.of("failure")).toMatchObject([
      { stage: "CONTACT?", message: "TelefUM is not running (hwndTelefUM is 0)" },
    ]);
    await expect(t.core.dial("0675355355")).rejects.toThrow(/not running/);
    up = true;
    handler!("CONTACT?^0675355355^1^1^");
    await t.core.idle();
    expect(sent).toHaveLength(1);
  });
});
