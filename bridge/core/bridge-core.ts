/**
 * The bridge core: turns TelefUM's messages into answers and actions, and the user's actions into messages. A thin
 * facade over its parts, so the composition root, the routes and the adapters see one object: the dispatcher
 * (message-dispatcher.ts), the adapters in place (adapters.ts), the answer to CONTACT? (contact-query.ts), cards and
 * new contacts (card-actions.ts), call intake (call-intake.ts) and what goes out to TelefUM (outbound-actions.ts).
 */
import type { CallJournal } from "../calls/call-journal.js";
import type { CallLog } from "../calls/call-log.js";
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { parseMessage } from "../protocol/codec.js";
import type { OutboundMessage, SmsDevice } from "../protocol/messages.js";
import type { Transport } from "../transport/transport.js";
import { Adapters } from "./adapters.js";
import { CallIntake } from "./call-intake.js";
import { CardActions } from "./card-actions.js";
import { answerContactQuery } from "./contact-query.js";
import { EventHub } from "./events.js";
import { MessageDispatcher } from "./message-dispatcher.js";
import { OfferedNumbers } from "./offered-numbers.js";
import { OutboundActions } from "./outbound-actions.js";
import type {
  AdapterHost,
  CallSink,
  CardOpener,
  ContactCreator,
  CreateCardSettings,
  IdForm,
  LocalViews,
  NewContactDetails,
  Restore,
} from "./ports.js";

export interface BridgeCoreDeps {
  directory: Directory;
  callLog: CallLog;
  transport: Transport;
  events?: EventHub;
  /** CREATECARD: the form (default), or create and open; or a link to open instead. */
  createCard?: CreateCardSettings;
  /** TelefUM's id in CONTACT replies (default the index number). */
  idForm?: IdForm;
  /** Where calls the store refuses wait on disk (calls/call-journal.ts): only the bridge holding the folder. */
  journal?: CallJournal;
}

export class BridgeCore implements AdapterHost {
  readonly events: EventHub;
  private readonly adapters: Adapters;
  private readonly dispatcher: MessageDispatcher;
  private readonly cards: CardActions;
  private readonly intake: CallIntake;
  private readonly outbound: OutboundActions;

  constructor(private readonly deps: BridgeCoreDeps) {
    const { directory, callLog, transport, createCard, idForm } = deps;
    const events = deps.events ?? new EventHub();
    const adapters = new Adapters(events, directory);
    const offers = new OfferedNumbers();
    this.events = events;
    this.adapters = adapters;
    this.outbound = new OutboundActions(transport, events, directory.options.defaultRegion);
    this.cards = new CardActions({ directory, events, adapters, offers, createCard });
    this.intake = new CallIntake({
      directory,
      callLog,
      events,
      adapters,
      ...(deps.journal ? { journal: deps.journal } : {}),
    });
    const send = (message: OutboundMessage) => this.outbound.send(message);
    const sentBefore = (text: string): void => this.outbound.announceSent(text);
    const queries = { directory, events, adapters, offers, send, sentBefore, idForm };
    this.dispatcher = new MessageDispatcher(events, {
      "CONTACT?": (query, answered) => answerContactQuery(queries, query, answered),
      CARD: (message) => this.cards.openCard(message),
      CREATECARD: (message) => this.cards.createCard(message),
      CALLHISTORY: (message) => this.intake.take(message),
    });
  }

  get transportName(): string {
    return this.deps.transport.name;
  }

  async start(): Promise<void> {
    // The first lookup pays for lazy set-up (phone metadata, prepared statements, the store's first pages):
    // pay it now, before TelefUM can ask.
    parseMessage("CONTACT?^0000000^1^1^");
    try {
      this.deps.directory.lookup("0000000");
    } catch {
      // A damaged index must not keep the bridge (or `bridge status`) from starting: each lookup reports it.
    }
    await this.deps.transport.start((text, answered) => this.receive(text, answered));
  }

  async stop(): Promise<void> {
    await this.deps.transport.stop();
    await this.idle();
    await this.intake.stop();
  }

  /** Entry point for every text from TelefUM. Returns at once; handling goes on in the background. */
  receive(text: string, answered?: string): void {
    this.dispatcher.receive(text, answered);
  }

  /** Resolves when every message received so far has been handled. */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Calls held because the store could not take them yet. */
  get unstoredCalls(): number {
    return this.intake.held;
  }

  /** Of those, the calls waiting in the fallback journal, and where (the status, the pane and the tray say so). */
  get journal(): { waiting: number; path: string } | undefined {
    return this.deps.journal ? { waiting: this.intake.journaled, path: this.deps.journal.path } : undefined;
  }

  /** Stores the calls an earlier run left in the fallback journal; once the call sinks are in place. */
  replayJournal(): Promise<void> {
    return this.intake.replayHeld();
  }

  useCardOpener(opener: CardOpener): Restore {
    return this.adapters.useCardOpener(opener);
  }

  useContactCreator(creator: ContactCreator): Restore {
    return this.adapters.useContactCreator(creator);
  }

  addCallSink(sink: CallSink): Restore {
    return this.adapters.addCallSink(sink);
  }

  /** The web server's views: the pane when connected, else its local pages in the default browser. */
  useLocalViews(views: LocalViews): Restore {
    return this.adapters.useLocalViews(views);
  }

  get views(): LocalViews {
    return this.adapters.views;
  }

  choose(id: string, number?: string): Promise<Contact | undefined> {
    return this.cards.choose(id, number);
  }

  createContact(number: string, details?: NewContactDetails): Promise<Contact> {
    return this.cards.createContact(number, details);
  }

  send(message: OutboundMessage): Promise<string> {
    return this.outbound.send(message);
  }

  dial(number: string): Promise<string> {
    return this.outbound.dial(number);
  }

  sendSms(number: string, text: string, device: SmsDevice): Promise<string> {
    return this.outbound.sendSms(number, text, device);
  }

  sendSmsTemplate(number: string): Promise<string> {
    return this.outbound.sendSmsTemplate(number);
  }
}
