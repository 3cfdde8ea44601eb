/** CONTACT?: answers TelefUM with the contacts on the number at once, then announces the incoming call. */
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import type { ContactQuery, OutboundMessage } from "../protocol/messages.js";
import type { Adapters } from "./adapters.js";
import { lookupOrNone } from "./contact-lookup.js";
import { buildContactReply } from "./contact-reply.js";
import { emitNotice } from "./emit-notice.js";
import type { EventHub } from "./events.js";
import type { OfferedNumbers } from "./offered-numbers.js";
import type { IdForm } from "./ports.js";

export interface ContactQueryDeps {
  directory: Directory;
  events: EventHub;
  /** The local views in place make the contacts' links for `idForm: "url"`. */
  adapters: Pick<Adapters, "views">;
  offers: OfferedNumbers;
  send(message: OutboundMessage): Promise<unknown>;
  /** Announces a reply the transport already sent, as `send` announces its own. */
  sentBefore(text: string): void;
  /** TelefUM's id in CONTACT replies (default the index number). */
  idForm?: IdForm;
}

/** `answered`: the reply the Win32 window's thread sent from the same lookup; events and offers are done here. */
export async function answerContactQuery(
  deps: ContactQueryDeps,
  query: ContactQuery,
  answered?: string,
): Promise<void> {
  const contacts = lookupOrNone(deps, query.number, "CONTACT?");
  const links = deps.idForm === "url" ? contacts.map((c) => ({ ...c, id: linkOf(deps, c) })) : contacts;
  const { reply, omittedIds } = buildContactReply(query, links);
  // Answer first: TelefUM is showing the incoming call right now.
  if (answered === undefined) await deps.send(reply);
  else deps.sentBefore(answered);
  if (omittedIds.length > 0) {
    const listed = contacts.length - omittedIds.length;
    // The ones left out of the reply are the last ones, by name for the pane (the log keeps their ids).
    const who = contacts
      .slice(listed)
      .map((c) => c.name || c.id)
      .join(", ");
    const params = { number: query.number, count: contacts.length, listed, ids: omittedIds.join(", "), who };
    emitNotice(deps.events, "CONTACT?", "warn", { key: "notice.leftOut", params });
  }
  if (contacts.length > 0)
    deps.offers.remember(
      contacts.map((c) => c.id),
      query.number,
    );
  deps.events.emit("incoming-call", {
    number: query.number,
    device: query.device,
    line: query.line,
    contacts,
    at: new Date().toISOString(),
  });
}

/** The contact's web link for `card.idForm: "url"`, else its number (a contact with no link keeps its id). */
function linkOf(deps: ContactQueryDeps, contact: Contact): string {
  return deps.adapters.views.contactLink(contact) ?? contact.id;
}
