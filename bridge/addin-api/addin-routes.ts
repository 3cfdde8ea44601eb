/**
 * The add-in's local API: what the task pane and the ribbon commands call, shaped by http/api-contract.ts. Every
 * /api/ request has passed the local API guard (Host, Origin, pairing token, JSON) before it gets here; inputs
 * are validated here, at the edge, by the shared validators (protocol/inputs.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CallLog } from "../calls/call-log.js";
import { fillDays, localDate } from "../calls/call-days.js";
import type { CallRecord } from "../calls/call-record.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { BridgeEvent } from "../core/events.js";
import type { Directory } from "../directory/directory.js";
import type { NotUnderstoodLog } from "../inbox/not-understood.js";
import {
  PANE_EVENT_TYPES,
  type ChooseAnswer,
  type ContactCreatedAnswer,
  type ContactsAnswer,
  type ForgetChoiceAnswer,
  type HistoryAnswer,
  type HistoryEntry,
  type LookupAnswer,
  type NotUnderstoodAnswer,
  type PaneEvent,
  type PaneSocketMessage,
  type PerDayAnswer,
  type SentAnswer,
  type StatusAnswer,
} from "../http/api-contract.js";
import { HttpError, optionalString, readJson, requireString, sendHtml, sendJson } from "../http/server.js";
import type { Route, RouteContext, SocketRoute } from "../http/server.js";
import { dialableNumber, InvalidInputError, phoneNumber, smsDevice, smsText } from "../protocol/inputs.js";
import type { WireEncoding } from "../protocol/wire-encoding.js";
import { TransportError } from "../transport/transport.js";
import type { StoreHealth } from "../store/store-file.js";

export interface AddinApiDeps {
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  notUnderstood: NotUnderstoodLog;
  /** The pairing token written into the pane pages. */
  token: string;
  /** Where webpack put the pane (dist/addin). */
  addinDir: string;
  /** "https" or "http", shown by /api/status. */
  scheme: () => string;
  /** The wire encoding to TelefUM, shown by /api/status. */
  encoding: WireEncoding;
  /** Today's local date `yyyy-mm-dd` (tests pin it). */
  today?: () => string;
  store?: StoreHealth;
}

/** Pages that get the token written in: the pane and the ribbon's function file. */
export const PANE_PAGES = ["taskpane.html", "commands.html"] as const;
export const TOKEN_PLACEHOLDER = "__BRIDGE_TOKEN__";

const PANE_EVENTS: ReadonlySet<BridgeEvent["type"]> = new Set(PANE_EVENT_TYPES);
const isPaneEvent = (event: BridgeEvent): event is PaneEvent => PANE_EVENTS.has(event.type);

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new InvalidInputError("BAD_QUERY", `${name} must be a positive number`);
  }
  return Math.min(Number(raw), max);
}

/** TelefUM not reachable is 503 (a bad input is already a 400: InvalidInputError). */
async function toTelefum(send: () => Promise<string>): Promise<SentAnswer> {
  try {
    return { sent: await send() };
  } catch (error) {
    if (error instanceof TransportError) throw new HttpError(503, `TelefUM: ${error.message}`);
    throw error;
  }
}

export interface AddinApi {
  routes: Route[];
  sockets: SocketRoute[];
  /** True while at least one pane holds the events socket open (cards and forms then go to it). */
  paneConnected(): boolean;
}

export function addinApi(deps: AddinApiDeps): AddinApi {
  const today = deps.today ?? (() => localDate());
  let panes = 0;
  const withNames = (calls: CallRecord[]): HistoryEntry[] =>
    calls.map((call) => ({
      ...call,
      contacts: deps.directory.getMany(call.contactIds).map((c) => ({ id: c.id, name: c.name })),
    }));

  const servePage =
    (file: string) =>
    ({ res }: RouteContext) => {
      const path = join(deps.addinDir, file);
      if (!existsSync(path)) throw new HttpError(404, `${file} is not built yet: run npm run build:addin`);
      const html = readFileSync(path, "utf8").replaceAll(TOKEN_PLACEHOLDER, deps.token);
      sendHtml(res, html);
    };

  const routes: Route[] = [
    ...PANE_PAGES.map((file): Route => ({ method: "GET", path: `/${file}`, handle: servePage(file) })),
    {
      method: "GET",
      path: "/",
      handle: ({ res }) => {
        res.writeHead(302, { location: "/taskpane.html" });
        res.end();
      },
    },
    {
      method: "GET",
      path: "/api/status",
      handle: ({ res }) =>
        sendJson(res, 200, {
          ok: true,
          transport: deps.core.transportName,
          contacts: deps.directory.count(),
          scheme: deps.scheme(),
          ...(deps.store?.problem ? { store: { readOnly: deps.store.readOnly, problem: deps.store.problem } } : {}),
          encoding: deps.encoding,
        } satisfies StatusAnswer),
    },
    {
      method: "GET",
      path: "/api/contacts",
      handle: ({ res, url }) => {
        const q = url.searchParams.get("q") ?? "";
        const answer: ContactsAnswer = { contacts: deps.directory.search(q, intParam(url, "limit", 25, 100)) };
        sendJson(res, 200, answer);
      },
    },
    {
      method: "GET",
      path: "/api/lookup",
      handle: ({ res, url }) => {
        const number = phoneNumber(url.searchParams.get("number") ?? "");
        const contacts = deps.directory.lookupAll(number);
        const chosen = deps.directory.chosenFor(number) ?? null;
        const only = deps.directory.pick(number, contacts);
        const calls = only
          ? deps.callLog.recent({ contactId: only.id, limit: 5 })
          : deps.callLog.recent({ number, limit: 5 });
        sendJson(res, 200, { number, contacts, chosen, calls: withNames(calls) } satisfies LookupAnswer);
      },
    },
    {
      method: "POST",
      path: "/api/call",
      async handle({ req, res }) {
        const number = dialableNumber(requireString(await readJson(req), "number"));
        sendJson(res, 200, await toTelefum(() => deps.core.dial(number)));
      },
    },
    {
      method: "POST",
      path: "/api/sms",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = dialableNumber(requireString(body, "number"));
        const text = smsText(optionalString(body, "text") ?? "");
        const device = smsDevice(body.device);
        sendJson(res, 200, await toTelefum(() => deps.core.sendSms(number, text, device)));
      },
    },
    {
      method: "POST",
      path: "/api/sms-template",
      async handle({ req, res }) {
        const number = dialableNumber(requireString(await readJson(req), "number"));
        sendJson(res, 200, await toTelefum(() => deps.core.sendSmsTemplate(number)));
      },
    },
    {
      method: "POST",
      path: "/api/contacts",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = phoneNumber(requireString(body, "number"));
        const details = {
          name: optionalString(body, "name"),
          company: optionalString(body, "company"),
          note: optionalString(body, "note"),
          email: optionalString(body, "email"),
        };
        const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >;
        const contact = await deps.core.createContact(number, defined);
        // The new-contact page saves with `open`: the contact then opens where CARD^id^ would open it.
        if (body.open === true) await deps.core.choose(contact.id);
        sendJson(res, 201, { contact } satisfies ContactCreatedAnswer);
      },
    },
    {
      // The one chooser answer (the pane's, the Microsoft 365 page's, the simulator's): remembered and opened.
      method: "POST",
      path: "/api/choose",
      async handle({ req, res }) {
        const body = await readJson(req);
        const id = requireString(body, "id");
        const given = optionalString(body, "number");
        const number = given === undefined ? undefined : phoneNumber(given);
        if (!(await deps.core.choose(id, number))) throw new HttpError(404, `no contact ${id}`);
        const chosen = number === undefined ? null : (deps.directory.chosenFor(number) ?? null);
        sendJson(res, 200, { id, number: number ?? null, chosen } satisfies ChooseAnswer);
      },
    },
    {
      method: "POST",
      path: "/api/forget-choice",
      async handle({ req, res }) {
        const number = phoneNumber(requireString(await readJson(req), "number"));
        deps.directory.forgetChoice(number);
        sendJson(res, 200, { number, chosen: null } satisfies ForgetChoiceAnswer);
      },
    },
    {
      method: "GET",
      path: "/api/not-understood",
      handle: ({ res, url }) =>
        sendJson(res, 200, {
          messages: deps.notUnderstood.recent(intParam(url, "limit", 50, 500)),
        } satisfies NotUnderstoodAnswer),
    },
    {
      method: "GET",
      path: "/api/history",
      handle: ({ res, url }) => {
        const number = url.searchParams.get("number")?.trim();
        const limit = intParam(url, "limit", 50, 500);
        const calls = number ? deps.callLog.recent({ number, limit }) : deps.callLog.recent({ limit });
        sendJson(res, 200, { calls: withNames(calls) } satisfies HistoryAnswer);
      },
    },
    {
      method: "GET",
      path: "/api/history/per-day",
      handle: ({ res, url }) => {
        const days = intParam(url, "days", 14, 366);
        const day = today();
        const answer: PerDayAnswer = { today: day, days: fillDays(deps.callLog.perDay(days, day), days, day) };
        sendJson(res, 200, answer);
      },
    },
  ];

  const sockets: SocketRoute[] = [
    {
      // The local API guard has checked Origin and the token (?token=) before the upgrade.
      path: "/api/events",
      connect(socket) {
        const push = (value: PaneSocketMessage): void => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
        };
        const off = deps.core.events.on((event) => {
          if (isPaneEvent(event)) push({ type: "event", event });
        });
        panes++;
        let left = false;
        const leave = (): void => {
          if (left) return;
          left = true;
          panes--;
          off();
        };
        socket.on("close", leave);
        socket.on("error", leave);
        push({ type: "hello", transport: deps.core.transportName });
      },
    },
  ];
  return { routes, sockets, paneConnected: () => panes > 0 };
}
