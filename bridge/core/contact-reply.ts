/** What TelefUM is told about a caller: pure, so the exact wire text is easy to test. */
import type { Contact } from "../directory/contact.js";
import { ID_SEPARATOR } from "../protocol/codec.js";
import { MAX_REPLY_COMPANY_LENGTH, MAX_REPLY_NAME_LENGTH, MAX_REPLY_NOTE_LENGTH } from "../protocol/limits.js";
import type { ContactQuery, ContactReply, NoContactReply } from "../protocol/messages.js";

/** More ids than this in one reply are left out (and logged): the chooser still finds every contact. */
export const MAX_REPLY_IDS = 50;
/** The spec's mark after each value when a number has several contacts: `Вася Петров(…)`. */
export const MORE_MARK = "(…)";

export interface BuiltContactReply {
  reply: ContactReply | NoContactReply;
  /** Ids over MAX_REPLY_IDS that the reply leaves out. */
  omittedIds: string[];
}

/**
 * One contact: its name, company, note and id. Several (in the order given: the remembered choice first, then by
 * id): the first one's values each followed by `(…)`, and every id joined by `, `, as the spec's example shows.
 */
export function buildContactReply(query: ContactQuery, contacts: readonly Contact[]): BuiltContactReply {
  const { number, device, line } = query;
  const [first] = contacts;
  if (!first) return { reply: { command: "NOCONTACT", number, device, line }, omittedIds: [] };
  const several = contacts.length > 1;
  const shown = contacts.slice(0, MAX_REPLY_IDS);
  // Cut to TelefUM's limits first (by code point, never half a surrogate pair), then marked.
  const value = (text: string, limit: number): string => {
    const cut = [...text].slice(0, limit).join("");
    return several ? `${cut}${MORE_MARK}` : cut;
  };
  return {
    reply: {
      command: "CONTACT",
      number,
      device,
      line,
      name: value(first.name, MAX_REPLY_NAME_LENGTH),
      company: value(first.company, MAX_REPLY_COMPANY_LENGTH),
      note: value(first.note, MAX_REPLY_NOTE_LENGTH),
      id: shown.map((c) => c.id).join(ID_SEPARATOR),
    },
    omittedIds: contacts.slice(MAX_REPLY_IDS).map((c) => c.id),
  };
}
