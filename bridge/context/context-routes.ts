/**
 * The local API of the call card's context (typed in http/api-contract.ts), behind the one local-API guard:
 *   GET  /api/context?number=&contactId=   what the card shows beyond the name
 *   POST /api/notes                        a note typed during a call: kept at once, editable for 24 hours
 *   GET  /api/missed                       missed calls not yet called back
 *   POST /api/missed/done                  one of them dealt with
 */
import type { CallLog } from "../calls/call-log.js";
import { NoteNotEditableError, type CallNotes } from "../calls/call-notes.js";
import type { CallRecord } from "../calls/call-record.js";
import type { MissedCalls } from "../calls/missed-calls.js";
import type { Directory } from "../directory/directory.js";
import type { ContextAnswer } from "../http/caller-context.js";
import type { HistoryEntry, MissedAnswer, NoteAnswer } from "../http/api-contract.js";
import { HttpError, optionalString, readJson, requireString, sendJson, type Route } from "../http/server.js";
import { InvalidInputError, phoneNumber } from "../protocol/inputs.js";
import { noteView, type CallerContext } from "./caller-context.js";

export interface ContextRouteDeps {
  context: CallerContext;
  notes: CallNotes;
  missed: MissedCalls;
  callLog: CallLog;
  directory: Directory;
  /** A note or a cleared missed call is pending for the mailbox. */
  changed(): void;
}

const MAX_NOTE = 4000;

function optionalId(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value)) throw new InvalidInputError("BAD_FIELD", `"${key}" must be an id`);
  return value as number;
}

export function contextRoutes(deps: ContextRouteDeps): Route[] {
  const withNames = (calls: CallRecord[]): HistoryEntry[] =>
    calls.map((call) => ({
      ...call,
      contacts: deps.directory.getMany(call.contactIds).map((c) => ({ id: c.id, name: c.name })),
    }));
  const missed = (): MissedAnswer => ({ calls: withNames(deps.missed.open()) });

  return [
    {
      method: "GET",
      path: "/api/context",
      async handle({ res, url }) {
        const given = url.searchParams.get("number") ?? "";
        const number = given.trim() === "" ? "" : phoneNumber(given);
        const contactId = url.searchParams.get("contactId") ?? undefined;
        if (!number && !contactId) throw new InvalidInputError("BAD_QUERY", "number or contactId is required");
        const answer: ContextAnswer = await deps.context.get(number, contactId);
        sendJson(res, 200, answer);
      },
    },
    {
      method: "POST",
      path: "/api/notes",
      async handle({ req, res }) {
        const body = await readJson(req);
        const number = phoneNumber(requireString(body, "number"));
        const text = optionalString(body, "text") ?? "";
        if (text.length > MAX_NOTE)
          throw new InvalidInputError("BAD_FIELD", `a note is at most ${MAX_NOTE} characters`);
        const id = optionalId(body, "id");
        const callId = optionalId(body, "callId");
        if (callId !== undefined && !deps.callLog.get(callId)) throw new HttpError(404, `no call ${callId}`);
        try {
          const note = deps.notes.save(number, text, id, callId);
          deps.changed();
          sendJson(res, 200, { note: noteView(note) } satisfies NoteAnswer);
        } catch (error) {
          if (error instanceof NoteNotEditableError) throw new HttpError(409, error.message);
          throw error;
        }
      },
    },
    {
      method: "GET",
      path: "/api/missed",
      handle: ({ res }) => sendJson(res, 200, missed()),
    },
    {
      method: "POST",
      path: "/api/missed/done",
      async handle({ req, res }) {
        const callId = optionalId(await readJson(req), "callId");
        if (callId === undefined) throw new InvalidInputError("BAD_FIELD", '"callId" must be an id');
        if (!deps.missed.markDone(callId)) {
          const open = deps.missed.open(500).some((c) => c.id === callId);
          if (!open) throw new HttpError(404, `no open missed call ${String(callId)}`);
        }
        deps.changed();
        sendJson(res, 200, missed());
      },
    },
  ];
}
