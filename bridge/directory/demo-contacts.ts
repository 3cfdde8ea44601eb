import type { ContactInput } from "./contact.js";
import type { Directory } from "./directory.js";

function demo(
  key: string,
  name: string,
  company: string,
  note: string,
  phones: ContactInput["phones"],
  email = "",
): ContactInput {
  return { source: "local", externalId: `demo:${key}`, folderId: null, name, company, note, email, phones };
}

/** A few contacts so a fresh install answers TelefUM (and the simulator) before Microsoft 365 is connected. */
export const DEMO_CONTACTS: readonly ContactInput[] = [
  demo(
    "vasya",
    "Вася Петров",
    'Агенство "Меридиан"',
    "Хороший человек",
    [{ number: "+380 67 535 53 55", kind: "mobile" }],
    "vasya@meridian.example",
  ),
  demo("olena", "Олена Коваль", "ТОВ Ромашка", "Бухгалтерія", [
    { number: "044 123 45 67", kind: "business" },
    { number: "+380501112233", kind: "mobile" },
  ]),
  demo("ivan", "Іван Сидоренко", "ТОВ Ромашка", "Директор", [{ number: "(044) 123-45-67", kind: "business" }]),
  demo("office", "Reception", "ТОВ Ромашка", "Front desk", [{ number: "+38 044 1234567", kind: "business" }]),
  demo("it", "IT help desk", "Our office", "Internal line", [{ number: "101", kind: "business" }]),
];

/** Seeds only a store that never had a contact: demo contacts never come back once they were removed. */
export function seedDemoContacts(directory: Directory): number {
  if (directory.everHadContacts()) return 0;
  for (const contact of DEMO_CONTACTS) directory.upsert(contact);
  return DEMO_CONTACTS.length;
}

/** Demo contacts never mix with real ones: the first import or Microsoft 365 sync takes them out. */
export function removeDemoContacts(directory: Directory): number {
  let removed = 0;
  for (const contact of DEMO_CONTACTS) {
    if (contact.externalId && directory.removeByExternalId(contact.source, contact.externalId)) removed++;
  }
  return removed;
}
