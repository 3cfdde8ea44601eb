/** The adapters in place: the latest card opener and contact creator, every call sink; a restore takes its own. */
import { describe, expect, it } from "vitest";
import { type CoreTest, NamingCreator, RecordingOpener, RecordingSink, useCoreHarness } from "./harness.js";

const { setup } = useCoreHarness();

describe("The adapters in place", () => {
  const paneOpened = (t: CoreTest) => t.of("open-card").map((e) => e.ids.join(","));

  it("the latest card opener in place opens cards; a restore takes out its own, once; then the pane", async () => {
    const t = await setup({ adapters: false });
    const first = new RecordingOpener();
    const second = new RecordingOpener();
    const restoreFirst = t.core.useCardOpener(first);
    const restoreSecond = t.core.useCardOpener(second);
    await t.play("CARD^1^");
    restoreFirst(); // out of order: the second stays in place
    await t.play("CARD^2^");
    restoreSecond();
    await t.play("CARD^3^");
    expect(second.requests.map((r) => r.ids.join(","))).toEqual(["1", "2"]);
    expect(first.requests).toEqual([]);
    expect(paneOpened(t)).toEqual(["3"]);

    const restoreAgain = t.core.useCardOpener(first);
    restoreSecond(); // already used: must not take out the opener put in place since
    restoreFirst();
    await t.play("CARD^4^");
    restoreAgain();
    await t.play("CARD^5^");
    expect(first.requests.map((r) => r.ids.join(","))).toEqual(["4"]);
    expect(paneOpened(t)).toEqual(["3", "5"]);
  });

  it("a contact creator in place makes CREATECARD's and the form's contacts; restored, the local index", async () => {
    const t = await setup({ adapters: false });
    const restore = t.core.useContactCreator(new NamingCreator(t.directory));
    await t.play("CREATECARD^0931112233^");
    const fromForm = await t.core.createContact("0931112244", { name: "Ignored by this creator" });
    restore();
    restore();
    await t.play("CREATECARD^0931112255^");
    expect(t.of("contact-created").map((e) => [e.number, e.contact.name])).toEqual([
      ["0931112233", "Made by naming"],
      ["0931112244", "Made by naming"],
      ["0931112255", "Новий контакт1"],
    ]);
    expect(fromForm.name).toBe("Made by naming");
    // CREATECARD opens what it created, in the pane (no card opener in place).
    const created = t.of("contact-created").map((e) => e.contact.id);
    expect(paneOpened(t)).toEqual([created[0], created[2]]);
  });

  it("every call sink added gets each logged call; a removed one gets no more", async () => {
    const t = await setup({ adapters: false });
    const first = new RecordingSink("first");
    const second = new RecordingSink("second");
    const removeFirst = t.core.addCallSink(first);
    const removeSecond = t.core.addCallSink(second);
    await t.play("CALLHISTORY^101^out^True^2026-11-25 09:00:00^0:01:00^^");
    removeFirst();
    removeFirst();
    await t.play("CALLHISTORY^101^out^True^2026-11-25 09:05:00^0:02:00^^");
    removeSecond();
    await t.play("CALLHISTORY^101^out^True^2026-11-25 09:10:00^0:03:00^^");
    expect(first.calls.map((c) => c.call.start)).toEqual(["2026-11-25 09:00:00"]);
    expect(second.calls.map((c) => c.call.start)).toEqual(["2026-11-25 09:00:00", "2026-11-25 09:05:00"]);
    expect(t.callLog.recent().map((c) => c.start)).toEqual([
      "2026-11-25 09:10:00",
      "2026-11-25 09:05:00",
      "2026-11-25 09:00:00",
    ]);
  });
});
