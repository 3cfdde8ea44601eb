/** POST /api/notes: a note typed during a call, kept at once and editable for 24 hours (409 after). */
import type { CallLog } from "../calls/call-log.js";
import { NoteNotEditableError, type CallNotes } from "../calls/call-notes.js";
import { saveNote } from "../api-contract/context-endpoints.js";
import { apiRoute } from "../http/api-route.js";
import { HttpError, type Route } from "../http/server.js";
import { noteView } from "./caller-context.js";

export function noteRoutes(deps: { notes: CallNotes; callLog: CallLog; changed(): void }): Route[] {
  return [
    apiRoute(saveNote, ({ body: { number, text, id, callId } }) => {
      if (callId != null && !deps.callLog.get(callId)) throw new HttpError(404, `no call ${callId}`);
      try {
        const note = deps.notes.save(number, text, id ?? undefined, callId ?? undefined);
        deps.changed();
        return { note: noteView(note) };
      } catch (error) {
        if (error instanceof NoteNotEditableError) throw new HttpError(409, error.message);
        throw error;
      }
    }),
  ];
}
