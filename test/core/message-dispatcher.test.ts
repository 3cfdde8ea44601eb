import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../bridge/calls/call-record.js";
import { BridgeCore } from "../../bridge/core/bridge-core.js";
import { EventHub, type BridgeEvent } from "../../bridge/core/events.js";
import type {
  CallSink,
  CardOpener,
  CardRequest,
  ContactCreator,
  CreateCardSettings,
  Place,
} from "../../bridge/core/ports.js";
import type { Contact } from "../../bridge/directory/contact.js";
import { seedDemoContacts } from "../../bridge/directory/demo-contacts.js";
import type { Directory } from "../../bridge/directory/directory.js";
import { LoopbackTransport } from "../../bridge/transport/loopback.js";
import { TransportError, type Transport } from "../../bridge/transport/transport.js";
import { openTestStore } from "../support/store.js";
import { randomMessages } from "../support/random-messages.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

class RecordingOpener implements CardOpener {
  readonly name = "recording";
  readonly requests: CardRequest[] = [];
  async open(request: CardRequest): Promise<Place> {
    this.requests.push(request);
    return { key: "place.outlook" };
  }
}

class RecordingSink implements CallSink {
  readonly calls: { call: CallRecord; contacts: Contact[] }[] = [];
  constructor(
    readonly name = "recording",
    private readonly fail = false,
  ) {}
  async record(call: CallRecord, contacts: Contact[]): Promise<void> {
    this.calls.push({ call, contacts });
    if (this.fail) throw new Error("mailbox unreachable");
  }
}

/** Creates the contact in the index under a name that shows who made it. */
class NamingCreator implements ContactCreator {
  readonly name = "naming";
  constructor(private readonly directory: Directory) {}
  async create(number: string): Promise<Contact> {
    return this.directory.upsert({
      source: "local",
      externalId: null,
      folderId: null,
      name: `Made by ${this.name}`,
      company: "",
      note: "",
      email: "",
      phones: [{ number, kind: "mobile" }],
    });
  }
}

/** `adapters: false`: the core as it comes, with its own card opener (the pane) and contact creator. */
async function setup(options: { transport?: Transport; adapters?: boolean; createCard?: CreateCardSettings } = {}) {
  const store = openTestStore(tempDir());
  seedDemoContacts(store.directory);
  const transport = options.transport ?? new LoopbackTransport();
  const events = new EventHub();
  const seen: BridgeEvent[] = [];
  events.on((event) => seen.push(event));
  const opener = new RecordingOpener();
  const sink = new RecordingSink();
  const createCard = options.createCard ?? { mode: "create-and-open" };
  const core = new BridgeCore({ directory: store.directory, callLog: store.callLog, transport, events, createCard });
  if (options.adapters ?? true) {
    core.useCardOpener(opener);
    core.addCallSink(sink);
  }
  await core.start();
  /** Plays TelefUM: one message in, everything the bridge sent while handling it out. */
  const play = async (text: string): Promise<string[]> => {
    if (!(transport instanceof LoopbackTransport)) throw new Error("play needs the loopback transport");
    const before = transport.sent.length;
    transport.deliver(text);
    await core.idle();
    return transport.sent.slice(before);
  };
  const of = <T extends BridgeEvent["type"]>(type: T) =>
    seen.filter((e): e is Extract<BridgeEvent, { type: T }> => e.type === type);
  return { ...store, core, transport, opener, sink, seen, of, play };
}

describe("BridgeCore answering TelefUM", () => {
  it("answers CONTACT? with the contact and announces the incoming call", async () => {
    const t = await setup();
    expect(await t.play("CONTACT?^0675355355^2^1^")).toEqual([
      'CONTACT^0675355355^2^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^',
    ]);
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
    expect(t.of("notice").map((e) => e.message)).toEqual(["opened the chooser for 2, 3, 4 in Outlook"]);
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

  it("refuses a CARD link that is not http(s), and says why", async () => {
    const t = await setup();
    await t.play("CARD^file:///C:/Windows/win.ini^");
    await t.play("CARD^javascript:alert(1)^");
    await t.play("CARD^\\\\server\\share\\x.html^");
    expect(t.of("failure").map((e) => e.message)).toEqual([
      "only http and https links are opened, not file:: refused",
      "only http and https links are opened, not javascript:: refused",
      '"\\\\server\\share\\x.html" is not a web link: refused',
    ]);
    expect(t.opener.requests).toEqual([]);
  });

  it("opens a single contact for CARD and reports ids it does not know", async () => {
    const t = await setup();
    await t.play("CARD^1^");
    await t.play("CARD^1, 999^");
    expect(t.opener.requests.map((r) => [r.contacts.map((c) => c.name), r.missingIds])).toEqual([
      [["Вася Петров"], []],
      [["Вася Петров"], ["999"]],
    ]);
    await t.play("CARD^998^");
    expect(t.opener.requests).toHaveLength(2);
    expect(t.of("failure")).toMatchObject([{ stage: "CARD", message: "no contact with id 998" }]);
  });

  it("create-and-open: creates Новий контакт N for CREATECARD, opens it, and answers its number", async () => {
    const t = await setup();
    await t.play("CREATECARD^0931112233^");
    await t.play("CREATECARD^0931112244^");
    expect(t.of("contact-created").map((e) => e.contact.name)).toEqual(["Новий контакт 1", "Новий контакт 2"]);
    expect(t.opener.requests.map((r) => r.contacts[0]!.name)).toEqual(["Новий контакт 1", "Новий контакт 2"]);
    const id = t.of("contact-created")[0]!.contact.id;
    expect(await t.play("CONTACT?^+380931112233^1^1^")).toEqual([`CONTACT^+380931112233^1^1^Новий контакт 1^^^${id}^`]);
  });

  it("form (the default): CREATECARD opens the new-contact form with the number and creates nothing", async () => {
    const t = await setup({ createCard: { mode: "form" } });
    await t.play("CREATECARD^0931112233^");
    expect(t.of("new-contact-form")).toMatchObject([{ number: "0931112233" }]);
    expect(t.of("contact-created")).toEqual([]);
    expect(t.of("notice").map((e) => e.message)).toEqual(["opened the new-contact form for 0931112233 in the pane"]);
  });

  it("logs a call written in any of TelefUM's date and duration forms once, as the same call", async () => {
    const t = await setup();
    for (const [date, duration] of [
      ["2013-05-14 10:11:46", "0:03:12"],
      ["14.05.2013 10:11:46", "00:03:12"],
      ["14/05/2013 10:11:46", "03:12"],
      ["5/14/2013 10:11:46 AM", "192"],
    ]) {
      await t.play(`CALLHISTORY^0675355355^in^True^${date}^${duration}^^`);
    }
    expect(t.callLog.recent().map((c) => [c.number, c.start, c.durationSeconds])).toEqual([
      ["0675355355", "2013-05-14 10:11:46", 192],
    ]);
    expect(t.sink.calls).toHaveLength(1);
  });

  it("logs CALLHISTORY once, hands it to every sink once, and keeps repeated messages harmless", async () => {
    const t = await setup();
    const text = "CALLHISTORY^0675355355^in^True^2026-11-25 10:15:00^0:03:07^C:\\Записи\\rec.wav^";
    await t.play(text);
    await t.play(text);
    await t.play("CALLHISTORY^0675355355^in^False^2026-11-25 11:00:00^0:00:00^^");
    const calls = t.callLog.recent({ number: "0675355355" });
    expect(
      calls.map((c) => [c.direction, c.answered, c.start, c.durationSeconds, c.recordingPath, c.contactIds]),
    ).toEqual([
      ["in", false, "2026-11-25 11:00:00", 0, "", ["1"]],
      ["in", true, "2026-11-25 10:15:00", 187, "C:\\Записи\\rec.wav", ["1"]],
    ]);
    expect(t.sink.calls.map((c) => c.call.start)).toEqual(["2026-11-25 10:15:00", "2026-11-25 11:00:00"]);
    expect(t.sink.calls[0]!.contacts.map((c) => c.name)).toEqual(["Вася Петров"]);
    expect(t.of("call-logged")).toHaveLength(2);
  });

  it("keeps the call logged when a sink fails, and says which sink failed", async () => {
    const store = openTestStore(tempDir());
    const transport = new LoopbackTransport();
    const events = new EventHub();
    const failures: string[] = [];
    events.on((e) => e.type === "failure" && failures.push(e.message));
    const good = new RecordingSink("good");
    const core = new BridgeCore({ directory: store.directory, callLog: store.callLog, transport, events });
    core.addCallSink(new RecordingSink("mailbox", true));
    core.addCallSink(good);
    await core.start();
    transport.deliver("CALLHISTORY^101^out^True^2026-11-25 09:00:00^1:02:03^^");
    await core.idle();
    expect(failures).toEqual(["mailbox: mailbox unreachable"]);
    expect(good.calls).toHaveLength(1);
    expect(store.callLog.recent()).toHaveLength(1);
    expect(store.callLog.recent()[0]!.durationSeconds).toBe(3723);
  });
});

describe("BridgeCore adapters", () => {
  const paneOpened = (t: Awaited<ReturnType<typeof setup>>) => t.of("open-card").map((e) => e.ids.join(","));

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
      ["0931112255", "Новий контакт 1"],
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

describe("BridgeCore never crashes on bad input", () => {
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

describe("BridgeCore sending to TelefUM", () => {
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

describe("BridgeCore under a storm of random messages", () => {
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
});
