/** The bridge core on a real SQLite store, played by the loopback transport as TelefUM: shared by test/core. */
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
import type { Transport } from "../../bridge/transport/transport.js";
import { openTestStore } from "../support/store.js";
import { useTempDir } from "../support/temp-dir.js";

export class RecordingOpener implements CardOpener {
  readonly name = "recording";
  readonly requests: CardRequest[] = [];
  async open(request: CardRequest): Promise<Place> {
    this.requests.push(request);
    return { key: "place.outlook" };
  }
}

export class RecordingSink implements CallSink {
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
export class NamingCreator implements ContactCreator {
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

export interface CoreSetupOptions {
  transport?: Transport;
  /** false: the core as it comes, with its own card opener (the pane) and contact creator. */
  adapters?: boolean;
  createCard?: CreateCardSettings;
}

/** A real store in a temp folder (removed after the file) and, per test, a started core on it. */
export function useCoreHarness() {
  const tempDir = useTempDir();
  return { tempDir, setup: (options: CoreSetupOptions = {}) => setup(tempDir(), options) };
}

export type CoreTest = Awaited<ReturnType<typeof setup>>;

/** The core on the demo contacts, with a recording card opener and call sink in place (unless `adapters: false`). */
async function setup(dir: string, options: CoreSetupOptions) {
  const store = openTestStore(dir);
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
