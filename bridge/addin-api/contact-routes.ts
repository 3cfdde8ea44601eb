/** Contacts: search, every contact on a number (with the remembered choice and recent calls), a new contact. */
import { createContact, lookup, searchContacts } from "../api-contract/directory-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { historyEntries } from "../http/history-entries.js";
import type { Route } from "../http/server.js";
import type { NewContactDetails } from "../core/ports.js";
import type { AddinApiDeps } from "./addin-api-deps.js";

export function contactRoutes(deps: AddinApiDeps): Route[] {
  const { directory, callLog } = deps;
  return [
    apiRoute(searchContacts, ({ query }) => ({ contacts: directory.search(query.q, query.limit) })),
    apiRoute(lookup, ({ query: { number } }) => {
      const contacts = directory.lookupAll(number);
      const only = directory.pick(number, contacts);
      const calls = only ? callLog.recent({ contactId: only.id, limit: 5 }) : callLog.recent({ number, limit: 5 });
      return { number, contacts, chosen: directory.chosenFor(number) ?? null, calls: historyEntries(directory, calls) };
    }),
    apiRoute(createContact, async ({ body: { number, open, ...details } }) => {
      const given = Object.entries(details).filter((entry): entry is [string, string] => typeof entry[1] === "string");
      const contact = await deps.core.createContact(number, Object.fromEntries(given) as NewContactDetails);
      // The new-contact page saves with `open`: the contact then opens where CARD^id^ would open it.
      if (open === true) await deps.core.choose(contact.id);
      return { contact };
    }),
  ];
}
