/** What TelefUM is told about a caller: pure, so the exact wire text is easy to test. */
import type { Contact } from "../directory/contact.js";
import { ID_SEPARATOR } from "../protocol/codec.js";
import type { ContactQuery, ContactReply, NoContactReply } from "../protocol/messages.js";

/** `Name(a, b, c)`: TelefUM's form for several matches; positions line up with the ids. */
function listed(label: string, values: string[]): string {
  return `${label}(${values.join(ID_SEPARATOR)})`;
}

export function buildContactReply(query: ContactQuery, contacts: readonly Contact[]): ContactReply | NoContactReply {
  const { number, device, line } = query;
  const [first] = contacts;
  if (!first) return { command: "NOCONTACT", number, device, line };
  if (contacts.length === 1) {
    return {
      command: "CONTACT",
      number,
      device,
      line,
      name: first.name,
      company: first.company,
      note: first.note,
      id: first.id,
    };
  }
  return {
    command: "CONTACT",
    number,
    device,
    line,
    name: listed(
      "Name",
      contacts.map((c) => c.name),
    ),
    company: listed(
      "Company",
      contacts.map((c) => c.company),
    ),
    note: listed(
      "Note",
      contacts.map((c) => c.note),
    ),
    id: contacts.map((c) => c.id).join(ID_SEPARATOR),
  };
}
