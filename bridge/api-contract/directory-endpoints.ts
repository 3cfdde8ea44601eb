/** The local API of contacts: the bridge's status, search, lookup of a number, a new contact, the chosen one. */
import * as v from "valibot";
import type { Endpoint } from "./endpoint.js";
import { LANGUAGES } from "../i18n/i18n.js";
import { phoneNumber } from "../protocol/inputs.js";
import { count, flag, optionalText, phone, text } from "./fields.js";
import { TEAM_STATUS } from "./m365-status.js";
import { API } from "./paths.js";
import { CONTACT, HISTORY_ENTRY } from "./records.js";

export const status = {
  method: "GET",
  path: API.status,
  answer: v.object({
    ok: v.literal(true),
    transport: v.string(),
    contacts: v.number(),
    scheme: v.string(),
    /** Only when something is wrong with the store: read-only (lookups only), or replaced after damage. */
    store: v.optional(v.object({ readOnly: v.boolean(), problem: v.string() })),
    /** Only while calls the store could not take wait in the fallback journal: how many, and the file. */
    journal: v.optional(v.object({ waiting: v.number(), path: v.string() })),
    /** How text reaches TelefUM (cp1251, utf16le, utf8): with cp1251 the SMS composer warns what it cannot carry. */
    encoding: v.string(),
    /** The office's team call log, when configured: the pane shows its problem (`team.problem.<code>`). */
    team: v.optional(TEAM_STATUS),
    /** The settings an administrator's policy decided (clientId, teamSite, …): the pane shows them locked. */
    managed: v.optional(v.array(v.string())),
  }),
} as const satisfies Endpoint;

export const searchContacts = {
  method: "GET",
  path: API.contacts,
  query: v.object({ q: v.optional(v.string(), ""), limit: count("limit", 25, 100) }),
  answer: v.object({ contacts: v.array(CONTACT) }),
} as const satisfies Endpoint;

/** Every contact on a number, the remembered choice, and recent calls. */
export const lookup = {
  method: "GET",
  path: API.lookup,
  query: v.object({ number: v.pipe(v.optional(v.string(), ""), v.transform(phoneNumber)) }),
  answer: v.object({
    number: v.string(),
    contacts: v.array(CONTACT),
    chosen: v.nullable(v.string()),
    calls: v.array(HISTORY_ENTRY),
  }),
} as const satisfies Endpoint;

/** Absent fields get defaults ("New contact N"); `open` opens it as CARD^id^ would. */
export const createContact = {
  method: "POST",
  path: API.contacts,
  status: 201,
  body: v.object({
    number: phone("number"),
    name: optionalText("name"),
    company: optionalText("company"),
    note: optionalText("note"),
    email: optionalText("email"),
    /** The asking screen's language (the pane's): a placeholder name is made in it. */
    language: v.optional(v.picklist(LANGUAGES, "language must be uk, ru or en")),
    open: v.nullish(flag("open")),
  }),
  answer: v.object({ contact: CONTACT }),
} as const satisfies Endpoint;

/** The chooser's answer: remembered for `number` (when given) and opened. */
export const choose = {
  method: "POST",
  path: API.choose,
  body: v.object({
    id: text("id"),
    number: v.nullish(v.pipe(v.string('"number" must be a string'), v.transform(phoneNumber))),
  }),
  answer: v.object({
    id: v.string(),
    number: v.nullable(v.string()),
    /** The choice remembered for the number now. */
    chosen: v.nullable(v.string()),
  }),
} as const satisfies Endpoint;

/** CARD with that number's ids shows the chooser again. */
export const forgetChoice = {
  method: "POST",
  path: API.forgetChoice,
  body: v.object({ number: phone("number") }),
  answer: v.object({ number: v.string(), chosen: v.null() }),
} as const satisfies Endpoint;
