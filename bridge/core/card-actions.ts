/** Opening contacts for the user: TelefUM's CARD and CREATECARD, and the choices and forms of the bridge's views. */
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { ReasonError } from "../api-contract/reasons.js";
import { quotable } from "../protocol/errors.js";
import { phoneNumber } from "../protocol/inputs.js";
import type { CreateCard, OpenCard } from "../protocol/messages.js";
import type { Adapters } from "./adapters.js";
import { cardTarget } from "./card-target.js";
import { emitNotice } from "./emit-notice.js";
import type { EventHub } from "./events.js";
import type { NoticeWords } from "./notice-text.js";
import type { OfferedNumbers } from "./offered-numbers.js";
import type { CardRequest, CreateCardSettings, NewContactDetails } from "./ports.js";

export interface CardActionsDeps {
  directory: Directory;
  events: EventHub;
  adapters: Pick<Adapters, "views" | "cardOpener" | "contactCreator">;
  offers: OfferedNumbers;
  /** CREATECARD: the form (default), or create and open; or a link to open instead. */
  createCard?: CreateCardSettings;
}

export class CardActions {
  constructor(private readonly deps: CardActionsDeps) {}

  /** CARD: a web link to open, or contacts to open through the active opener (the chooser for several). */
  async openCard(message: OpenCard): Promise<void> {
    const { directory, adapters } = this.deps;
    const target = cardTarget(message.ids, (url) => adapters.views.contactIdOfLink(url));
    if (target.kind === "refused") throw target.error;
    if (target.kind === "link") {
      const where = await adapters.views.openLink(target.url);
      emitNotice(this.deps.events, "CARD", "info", { key: "notice.openedLink", params: { url: target.url }, where });
      return;
    }
    const ids = target.ids;
    const contacts = directory.getMany(ids);
    const known = new Set(contacts.map((c) => c.id));
    const missingIds = ids.filter((id) => !known.has(id));
    if (contacts.length === 0) {
      const list = quotable(ids.join(", "));
      throw new ReasonError("NO_CONTACT", `no contact with id ${ids.join(", ")}`, { ids: list });
    }
    const number = this.deps.offers.numberFor(ids);
    const chosen = contacts.length > 1 ? directory.pick(number, contacts)?.id : undefined;
    await this.open({ ids, contacts, missingIds, ...(number ? { number } : {}), ...(chosen ? { chosen } : {}) });
  }

  /** CREATECARD: a link to open, the new-contact form with the number, or a new contact opened at once. */
  async createCard(message: CreateCard): Promise<void> {
    const { events, adapters } = this.deps;
    const settings = this.deps.createCard ?? { mode: "form" };
    if (settings.urlTemplate) {
      const url = settings.urlTemplate.replaceAll("{phone}", encodeURIComponent(message.number));
      const where = await adapters.views.openLink(url);
      emitNotice(events, "CREATECARD", "info", { key: "notice.openedLink", params: { url }, where });
      return;
    }
    if (settings.mode === "form") {
      const where = await adapters.views.showNewContactForm(message.number);
      emitNotice(events, "CREATECARD", "info", { key: "notice.openedForm", params: { number: message.number }, where });
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
    const contact = await this.deps.adapters.contactCreator.create(phoneNumber(number), details);
    this.deps.events.emit("contact-created", { number, contact });
    return contact;
  }

  /** Opens through the active opener, and says where (or throws why not: the failure event says it then). */
  private async open(request: CardRequest): Promise<void> {
    const where = await this.deps.adapters.cardOpener.open(request);
    // `who` is what a person reads (names, else the number); the log keeps the ids (emitNotice).
    const who = (contacts: Contact[]): string => contacts.map((c) => c.name || request.number || c.id).join(", ");
    const chosen = request.contacts.filter((c) => c.id === request.chosen);
    const words: NoticeWords = request.chosen
      ? { key: "notice.openedChosen", params: { id: request.chosen, who: who(chosen), number: request.number ?? "" } }
      : request.contacts.length === 1
        ? { key: "notice.openedContact", params: { id: request.ids[0]!, who: who(request.contacts) } }
        : { key: "notice.openedChooser", params: { ids: request.ids.join(", "), who: who(request.contacts) } };
    emitNotice(this.deps.events, "CARD", "info", { ...words, where });
  }
}
