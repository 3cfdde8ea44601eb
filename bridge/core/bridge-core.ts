/**
 * The bridge core: turns TelefUM's messages into answers and actions, and the user's actions into messages.
 * It never throws on a message: a bad one becomes a `protocol-error` event, a failing action a `failure` event.
 * It always answers: a lookup that fails is answered NOCONTACT (and reported); a call the store cannot take is
 * kept in memory and stored again until it can (unstored-calls.ts).
 */
import type { CallLog } from "../calls/call-log.js";
import type { Directory } from "../directory/directory.js";
import { formatMessage, parseMessage } from "../protocol/codec.js";
import type {
  CallHistory,
  ContactQuery,
  CreateCard,
  InboundMessage,
  OpenCard,
  OutboundMessage,
  SmsDevice,
} from "../protocol/messages.js";
import { isInbound } from "../protocol/messages.js";
import { phoneNumber, smsText } from "../protocol/inputs.js";
import type { Transport } from "../transport/transport.js";
import { AdapterStack } from "./adapter-stack.js";
import { cardTarget } from "./card-target.js";
import { buildContactReply } from "./contact-reply.js";
import { EventHub } from "./events.js";
import { LocalContactCreator } from "./local-contact-creator.js";
import { type NoticeWords, noticeText } from "./notice-text.js";
import { translator } from "../i18n/i18n.js";
import { PaneViews } from "./pane-views.js";
import { UnstoredCalls } from "./unstored-calls.js";
import type {
  AdapterHost,
  CallSink,
  CardOpener,
  CardRequest,
  ContactCreator,
  CreateCardSettings,
  IdForm,
  LocalViews,
  NewContactDetails,
  Restore,
} from "./ports.js";
import type { Contact } from "../directory/contact.js";

export interface BridgeCoreDeps {
  directory: Directory;
  callLog: CallLog;
  transport: Transport;
  events?: EventHub;
  /** CREATECARD: the form (default), or create and open; or a link to open instead. */
  createCard?: CreateCardSettings;
  /** TelefUM's id in CONTACT replies (default the index number). */
  idForm?: IdForm;
}

/**
 * Without adapters, cards and forms open in the bridge's local views (the pane, else a page in the default browser)
 * and new contacts go to the local index; Microsoft 365 plugs in its own opener and creator.
 */
export class BridgeCore implements AdapterHost {
  readonly events: EventHub;
  private readonly localCardOpener: CardOpener;
  private readonly localContactCreator: ContactCreator;
  private readonly cardOpeners = new AdapterStack<CardOpener>();
  private readonly contactCreators = new AdapterStack<ContactCreator>();
  private readonly callSinks = new AdapterStack<CallSink>();
  private readonly localViews = new AdapterStack<LocalViews>();
  private readonly paneViews: LocalViews;
  private readonly inFlight = new Set<Promise<void>>();
  /** Id lists recently offered for a number: CARD carries ids only, the chooser wants the number too. */
  private readonly offeredNumbers = new Map<string, string>();
  private readonly unstored: UnstoredCalls;

  constructor(private readonly deps: BridgeCoreDeps) {
    this.events = deps.events ?? new EventHub();
    this.unstored = new UnstoredCalls({
      store: async (call) => {
        const failures = await this.storeCall(call);
        if (failures.length > 0) this.events.emit("failure", { stage: "CALLHISTORY", message: failures.join("; ") });
      },
      onDropped: (call) =>
        this.events.emit("failure", {
          stage: "CALLHISTORY",
          message: `too many calls wait for the store: the oldest is given up (${call.number} at ${call.start})`,
        }),
    });
    this.paneViews = new PaneViews(this.events);
    this.localCardOpener = { name: "local", open: (request) => this.views.showCard(request) };
    this.localContactCreator = new LocalContactCreator(deps.directory);
  }

  get transportName(): string {
    return this.deps.transport.name;
  }

  useCardOpener(opener: CardOpener): Restore {
    return this.cardOpeners.add(opener);
  }

  useContactCreator(creator: ContactCreator): Restore {
    return this.contactCreators.add(creator);
  }

  addCallSink(sink: CallSink): Restore {
    return this.callSinks.add(sink);
  }

  /** The web server's views: the pane when connected, else its local pages in the default browser. */
  useLocalViews(views: LocalViews): Restore {
    return this.localViews.add(views);
  }

  get views(): LocalViews {
    return this.localViews.latest() ?? this.paneViews;
  }

  private get cardOpener(): CardOpener {
    return this.cardOpeners.latest() ?? this.localCardOpener;
  }

  private get contactCreator(): ContactCreator {
    return this.contactCreators.latest() ?? this.localContactCreator;
  }

  async start(): Promise<void> {
    // The first lookup pays for lazy set-up (phone metadata, prepared statements, the store's first pages):
    // pay it now, before TelefUM can ask.
    parseMessage("CONTACT?^0000000^1^1^");
    this.deps.directory.lookup("0000000");
    await this.deps.transport.start((text) => this.receive(text));
  }

  async stop(): Promise<void> {
    await this.deps.transport.stop();
    await this.idle();
    this.unstored.stop();
    if (this.unstored.size > 0) await this.unstored.retry();
    if (this.unstored.size > 0)
      this.events.emit("failure", {
        stage: "CALLHISTORY",
        message: `${this.unstored.size} call(s) could not be stored before the bridge stopped`,
      });
  }

  /** Calls kept in memory because the store could not take them yet. */
  get unstoredCalls(): number {
    return this.unstored.size;
  }

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Entry point for every text from TelefUM. Returns at once; handling goes on in the background. */
  receive(text: string): void {
    const task = this.handle(text).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async handle(text: string): Promise<void> {
    this.events.emit("received", { text, at: new Date().toISOString() });
    const parsed = parseMessage(text);
    if (!parsed.ok) {
      this.events.emit("protocol-error", { error: parsed.error });
      return;
    }
    for (const warning of parsed.warnings ?? []) {
      this.notice(parsed.message.command, "warn", { key: "notice.warning", params: { warning, text } });
    }
    if (!isInbound(parsed.message)) {
      this.events.emit("protocol-error", {
        error: {
          code: "UNKNOWN_COMMAND",
          message: `${parsed.message.command} is sent to TelefUM, not by it`,
          raw: text,
        },
      });
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (error) {
      this.events.emit("failure", { stage: parsed.message.command, message: errorMessage(error), text });
    }
  }

  private dispatch(message: InboundMessage): Promise<void> {
    switch (message.command) {
      case "CONTACT?":
        return this.answerContactQuery(message);
      case "CARD":
        return this.openCard(message);
      case "CREATECARD":
        return this.createCard(message);
      case "CALLHISTORY":
        return this.logCall(message);
    }
  }

  private async answerContactQuery(query: ContactQuery): Promise<void> {
    const contacts = this.lookupOrNone(query.number, "CONTACT?");
    const links = this.deps.idForm === "url" ? contacts.map((c) => ({ ...c, id: this.linkOf(c) })) : contacts;
    const { reply, omittedIds } = buildContactReply(query, links);
    // Answer first: TelefUM is showing the incoming call right now.
    await this.send(reply);
    if (omittedIds.length > 0) {
      const listed = contacts.length - omittedIds.length;
      const params = { number: query.number, count: contacts.length, listed, ids: omittedIds.join(", ") };
      this.notice("CONTACT?", "warn", { key: "notice.leftOut", params });
    }
    if (contacts.length > 0)
      this.rememberOffer(
        contacts.map((c) => c.id),
        query.number,
      );
    this.events.emit("incoming-call", {
      number: query.number,
      device: query.device,
      line: query.line,
      contacts,
      at: new Date().toISOString(),
    });
  }

  /** The contact's web link for `card.idForm: "url"`, else its number (a contact with no link keeps its id). */
  private linkOf(contact: Contact): string {
    return this.views.contactLink(contact) ?? contact.id;
  }

  private async openCard(message: OpenCard): Promise<void> {
    const target = cardTarget(message.ids, (url) => this.views.contactIdOfLink(url));
    if (target.kind === "refused") throw new Error(`${target.reason}: refused`);
    if (target.kind === "link") {
      const where = await this.views.openLink(target.url);
      this.notice("CARD", "info", { key: "notice.openedLink", params: { url: target.url }, where });
      return;
    }
    const ids = target.ids;
    const contacts = this.deps.directory.getMany(ids);
    const known = new Set(contacts.map((c) => c.id));
    const missingIds = ids.filter((id) => !known.has(id));
    if (contacts.length === 0) throw new Error(`no contact with id ${ids.join(", ")}`);
    const number = this.offeredNumbers.get(offerKey(ids));
    const chosen = contacts.length > 1 ? this.deps.directory.pick(number, contacts)?.id : undefined;
    await this.open({ ids, contacts, missingIds, ...(number ? { number } : {}), ...(chosen ? { chosen } : {}) });
  }

  /** Opens through the active opener, and says where (or throws why not: the failure event says it then). */
  private async open(request: CardRequest): Promise<void> {
    const where = await this.cardOpener.open(request);
    const words: NoticeWords = request.chosen
      ? { key: "notice.openedChosen", params: { id: request.chosen, number: request.number ?? "" } }
      : request.contacts.length === 1
        ? { key: "notice.openedContact", params: { id: request.ids[0]! } }
        : { key: "notice.openedChooser", params: { ids: request.ids.join(", ") } };
    this.notice("CARD", "info", { ...words, where });
  }

  /** The log keeps the English words; the pane says them in its language. */
  private notice(stage: string, level: "info" | "warn", words: NoticeWords): void {
    this.events.emit("notice", { stage, level, ...words, message: noticeText(translator("en"), words) });
  }

  private rememberOffer(ids: string[], number: string): void {
    const key = offerKey(ids);
    this.offeredNumbers.delete(key);
    this.offeredNumbers.set(key, number);
    // Only the last calls matter; keep the map small.
    if (this.offeredNumbers.size > 200) this.offeredNumbers.delete(this.offeredNumbers.keys().next().value!);
  }

  /** CREATECARD: a link to open, the new-contact form with the number, or a new contact opened at once. */
  private async createCard(message: CreateCard): Promise<void> {
    const settings = this.deps.createCard ?? { mode: "form" };
    if (settings.urlTemplate) {
      const url = settings.urlTemplate.replaceAll("{phone}", encodeURIComponent(message.number));
      const where = await this.views.openLink(url);
      this.notice("CREATECARD", "info", { key: "notice.openedLink", params: { url }, where });
      return;
    }
    if (settings.mode === "form") {
      const where = await this.views.showNewContactForm(message.number);
      this.notice("CREATECARD", "info", { key: "notice.openedForm", params: { number: message.number }, where });
      return;
    }
    const contact = await this.createContact(message.number);
    await this.open({ ids: [contact.id], contacts: [contact], missingIds: [] });
  }

  /**
   * The user picked `id` in a chooser (the pane's, the local page's, the simulator's): remember it for `number` so
   * TelefUM's next CARD opens it directly, and open it the way CARD^id^ does. Undefined for an unknown id.
   */
  async choose(id: string, number?: string): Promise<Contact | undefined> {
    const contact = this.deps.directory.get(id);
    if (!contact) return undefined;
    if (number) this.deps.directory.rememberChoice(number, id);
    await this.open({ ids: [id], contacts: [contact], missingIds: [], ...(number ? { number } : {}) });
    return contact;
  }

  /** Creates a contact through the active creator (Outlook once signed in) and announces it. */
  async createContact(number: string, details?: NewContactDetails): Promise<Contact> {
    const contact = await this.contactCreator.create(phoneNumber(number), details);
    this.events.emit("contact-created", { number, contact });
    return contact;
  }

  /** The contacts for a number; none when the index fails (a damaged page): TelefUM still gets its answer. */
  private lookupOrNone(number: string, stage: string): Contact[] {
    if (!number) return [];
    try {
      return this.deps.directory.lookup(number);
    } catch (error) {
      this.events.emit("failure", { stage, message: `lookup of ${number} failed: ${errorMessage(error)}` });
      return [];
    }
  }

  private async logCall(message: CallHistory): Promise<void> {
    let failures: string[];
    try {
      failures = await this.storeCall(message);
    } catch (error) {
      this.unstored.keep(message);
      throw new Error(
        `the call could not be stored (${errorMessage(error)}); kept in memory with ${this.unstored.size - 1} ` +
          "other(s) and stored again soon",
      );
    }
    // The store took this one: those that waited may go in too.
    if (this.unstored.size > 0) void this.unstored.retry();
    if (failures.length > 0) throw new Error(failures.join("; "));
  }

  /**
   * Logs the call and the sinks' durable part in one transaction (throws when the store cannot), then hands the
   * call to the sinks that took it; returns their failures. A repeated call is handed only to a sink that had
   * not taken it yet (its row was missing).
   */
  private async storeCall(message: CallHistory): Promise<string[]> {
    const contacts = this.lookupOrNone(message.number, "CALLHISTORY");
    const sinks = this.callSinks.all();
    const { call, created, within } = this.deps.callLog.record(
      message,
      contacts.map((c) => c.id),
      (logged) => new Set(sinks.filter((sink) => sink.queue?.(logged, contacts))),
    );
    if (created) this.events.emit("call-logged", { call });
    const failures: string[] = [];
    for (const sink of sinks) {
      if (!within?.has(sink) && !(created && !sink.queue)) continue;
      try {
        await sink.record(call, contacts);
      } catch (error) {
        failures.push(`${sink.name}: ${errorMessage(error)}`);
      }
    }
    return failures;
  }

  /** Formats and sends one message to TelefUM; rejects with TransportError when TelefUM can't be reached. */
  async send(message: OutboundMessage): Promise<string> {
    const text = formatMessage(message);
    await this.deps.transport.send(text);
    this.events.emit("sent", { text, at: new Date().toISOString() });
    return text;
  }

  dial(number: string): Promise<string> {
    return this.send({ command: "CALL", number: phoneNumber(number) });
  }

  /** Inputs are checked before anything is sent (a bad one throws at once); the SMS is announced once sent. */
  sendSms(number: string, text: string, device: SmsDevice): Promise<string> {
    const message = { command: "SENDSMS", number: phoneNumber(number), text: smsText(text), device } as const;
    return this.sendAndAnnounce(message, message.text, device);
  }

  sendSmsTemplate(number: string): Promise<string> {
    return this.sendAndAnnounce({ command: "SENDSMSSHABL", number: phoneNumber(number) }, "", null);
  }

  private async sendAndAnnounce(
    message: Extract<OutboundMessage, { command: "SENDSMS" | "SENDSMSSHABL" }>,
    text: string,
    device: SmsDevice | null,
  ): Promise<string> {
    const sent = await this.send(message);
    const at = new Date().toISOString();
    this.events.emit("sms-sent", { number: message.number, text, device, template: !device, at });
    return sent;
  }
}

function offerKey(ids: readonly string[]): string {
  return [...ids].sort().join(",");
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
