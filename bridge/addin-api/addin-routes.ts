/**
 * The add-in's local API: what the task pane and the ribbon commands call. Every /api/ request has passed
 * apiGuard (Origin + pairing token) and the shared Host/JSON guards before it gets here.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CallLog } from "../calls/call-log.js";
import { fillDays, localDate } from "../calls/call-days.js";
import type { CallRecord } from "../calls/call-record.js";
import type { HistoryEntry } from "./api-types.js";
import type { BridgeCore } from "../core/bridge-core.js";
import type { BridgeEvent } from "../core/events.js";
import type { Contact } from "../directory/contact.js";
import type { Directory } from "../directory/directory.js";
import { HttpError, optionalString, readJson, requireString, sendJson, type Route, type RouteContext, type SocketRoute } from "../http/server.js";
import type { SmsDevice } from "../protocol/messages.js";
import { TransportError } from "../transport/transport.js";
import { paneCsp } from "./addin-security.js";

export interface AddinApiDeps {
  core: BridgeCore;
  directory: Directory;
  callLog: CallLog;
  /** The pairing token written into the pane pages. */
  token: string;
  /** Where webpack put the pane (dist/addin). */
  addinDir: string;
  /** "https" or "http", shown by /api/status. */
  scheme: () => string;
  /** Today's local date `yyyy-mm-dd` (tests pin it). */
  today?: () => string;
}

/** Pages that get the token written in: the pane and the ribbon's function file. */
export const PANE_PAGES = ["taskpane.html", "commands.html"] as const;
export const TOKEN_PLACEHOLDER = "__BRIDGE_TOKEN__";

/** Events the pane cares about (not raw wire traffic from TelefUM). */
const PANE_EVENTS: ReadonlySet<BridgeEvent["type"]> = new Set(["incoming-call", "open-card", "contact-created", "call-logged", "sent", "failure"]);

/**
 * The number as TelefUM should dial it: digits with an optional leading "+" (and * # for service codes);
 * "+380 67 535 53 55" and "(067) 535-53-55" are how people write numbers, not what a phone dials.
 */
export function dialable(number: string): string {
  const trimmed = number.trim();
  const rest = trimmed.replace(/[^\d*#]/g, "");
  if (!/\d/.test(rest)) throw new HttpError(400, `"${number}" is not a phone number`);
  return (trimmed.startsWith("+") ? "+" : "") + rest;
}

function parseDevice(value: unknown): SmsDevice {
  const device = typeof value === "string" && /^\d$/.test(value) ? Number(value) : value;
  if (device === 1 || device === 2 || device === 3 || device === 4 || device === 5) return device;
  throw new HttpError(400, `"device" must be 1-4 (a phone) or 5 (internet), got ${JSON.stringify(value)}`);
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new HttpError(400, `${name} must be a positive number`);
  return Math.min(Number(raw), max);
}

/** Core errors → HTTP: a bad number or empty text is the caller's (400); TelefUM not reachable is 503. */
async function toTelefum(send: () => Promise<string>): Promise<string> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(400, error.message);
    if (error instanceof TransportError) throw new HttpError(503, `TelefUM: ${error.message}`);
    throw error;
  }
}

export function addinApi(deps: AddinApiDeps): { routes: Route[]; sockets: SocketRoute[] } {
  const today = deps.today ?? (() => localDate());
  const withNames = (calls: CallRecord[]): HistoryEntry[] =>
    calls.map((call) => ({ ...call, contacts: deps.directory.getMany(call.contactIds).map((c) => ({ id: c.id, name: c.name })) }));

  const servePage = (file: string) => ({ res }: RouteContext) => {
    const path = join(deps.addinDir, file);
    if (!existsSync(path)) throw new HttpError(404, `${file} is not built yet: run npm run build:addin`);
    const html = readFileSync(path, "utf8").replaceAll(TOKEN_PLACEHOLDER, deps.token);
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": paneCsp(),
    });
    res.end(html);
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
        sendJson(res, 200, { ok: true, transport: deps.core.transportName, contacts: deps.directory.count(), scheme: deps.scheme() }),
    },
    {
      method: "GET",
      path: "/api/contacts",
      handle: ({ res, url }) => {
        const q = url.searchParams.get("q") ?? "";
        const contacts: Contact[] = deps.directory.search(q, intParam(url, "limit", 25, 100));
        sendJson(res, 200, { contacts });
      },
    },
    {
      method: "GET",
      path: "/api/lookup",
      handle: ({ res, url }) => {
        const number = url.searchParams.get("number")?.trim() ?? "";
        if (!/\d/.test(number)) throw new HttpError(400, "number must be a phone number");
        const contacts = deps.directory.lookupAll(number);
        const chosen = deps.directory.chosenFor(number) ?? null;
        const only = deps.directory.pick(number, contacts);
        const calls = only ? deps.callLog.recent({ contactId: only.id, limit: 5 }) : deps.callLog.recent({ number, limit: 5 });
        sendJson(res, 200, { number, contacts, chosen, calls: withNames(calls) });
      },
    },
    {
      method: "POST",
      path: "/api/call",
      async handle({ req, res }) {
        const number = dialable(requireString(await readJson(req), "number"));
        sendJson(res, 200, { sent: await toTelefum(() => deps.core.dial(number)) });
      },
    },
    {
      method: "POST",
      path: "/api/sms",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = dialable(requireString(body, "number"));
        const text = requireString(body, "text");
        const device = parseDevice(body.device);
        sendJson(res, 200, { sent: await toTelefum(() => deps.core.sendSms(number, text, device)) });
      },
    },
    {
      method: "POST",
      path: "/api/sms-template",
      async handle({ req, res }) {
        const number = dialable(requireString(await readJson(req), "number"));
        sendJson(res, 200, { sent: await toTelefum(() => deps.core.sendSmsTemplate(number)) });
      },
    },
    {
      method: "POST",
      path: "/api/contacts",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = requireString(body, "number");
        const details = {
          name: optionalString(body, "name"),
          company: optionalString(body, "company"),
          note: optionalString(body, "note"),
          email: optionalString(body, "email"),
        };
        const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)) as Record<string, string>;
        let contact: Contact;
        try {
          contact = await deps.core.createContact(number, defined);
        } catch (error) {
          if (error instanceof RangeError) throw new HttpError(400, error.message);
          throw error;
        }
        sendJson(res, 201, { contact });
      },
    },
    {
      method: "POST",
      path: "/api/choose",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = requireString(body, "number");
        const id = requireString(body, "id");
        if (!deps.directory.get(id)) throw new HttpError(404, `no contact ${id}`);
        deps.directory.rememberChoice(number, id);
        sendJson(res, 200, { number, id, chosen: deps.directory.chosenFor(number) ?? null });
      },
    },
    {
      method: "GET",
      path: "/api/history",
      handle: ({ res, url }) => {
        const number = url.searchParams.get("number")?.trim();
        const limit = intParam(url, "limit", 50, 500);
        const calls = number ? deps.callLog.recent({ number, limit }) : deps.callLog.recent({ limit });
        sendJson(res, 200, { calls: withNames(calls) });
      },
    },
    {
      method: "GET",
      path: "/api/history/per-day",
      handle: ({ res, url }) => {
        const days = intParam(url, "days", 14, 366);
        const day = today();
        sendJson(res, 200, { today: day, days: fillDays(deps.callLog.perDay(days, day), days, day) });
      },
    },
  ];

  const sockets: SocketRoute[] = [
    {
      // apiGuard has checked Origin and the token (?token=) before the upgrade.
      path: "/api/events",
      connect(socket) {
        const push = (value: unknown): void => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
        };
        const off = deps.core.events.on((event) => {
          if (PANE_EVENTS.has(event.type)) push({ type: "event", event });
        });
        socket.on("close", off);
        socket.on("error", off);
        push({ type: "hello", transport: deps.core.transportName });
      },
    },
  ];
  return { routes, sockets };
}
