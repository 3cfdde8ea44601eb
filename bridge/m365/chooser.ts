/**
 * What CARD means for the ids it carries: open one contact, or let the user choose among several
 * (in the pane, or on the local chooser page).
 */
import type { Contact } from "../directory/contact.js";
import type { CardRequest } from "../core/ports.js";

export type CardDecision = { kind: "open"; contact: Contact; remembered: boolean } | { kind: "choose"; contacts: Contact[] };

export function decideCard(request: CardRequest, chosenFor: (number: string) => string | undefined): CardDecision {
  const [first] = request.contacts;
  if (request.contacts.length === 1 && first) return { kind: "open", contact: first, remembered: false };
  const chosen = request.number ? chosenFor(request.number) : undefined;
  const match = chosen === undefined ? undefined : request.contacts.find((c) => c.id === chosen);
  if (match) return { kind: "open", contact: match, remembered: true };
  return { kind: "choose", contacts: request.contacts };
}

/** Where the local web server shows the chooser page. */
export const CHOOSER_PAGE = "/m365/chooser";

export function chooserPath(request: Pick<CardRequest, "ids" | "number">): string {
  const params = new URLSearchParams({ ids: request.ids.join(",") });
  if (request.number) params.set("number", request.number);
  return `${CHOOSER_PAGE}?${params.toString()}`;
}
