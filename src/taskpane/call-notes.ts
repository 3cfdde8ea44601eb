/**
 * The notes box of the call card: what the user types goes to the bridge at once (a short pause after typing),
 * which keeps it and attaches it to the call's log entry. A card for a call already logged passes its id.
 */
import type { BridgeApi } from "../shared/api.js";
import type { NoteView } from "../shared/types.js";
import { h } from "./dom.js";
import { t } from "./text.js";
import { errorMessage } from "../../bridge/log/error-message.js";

const PAUSE_MS = 400;

export class CallNotesBox {
  readonly el: HTMLElement;
  private readonly area: HTMLTextAreaElement;
  private readonly state: HTMLElement;
  private noteId: number | undefined;
  private callId: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: BridgeApi,
    private readonly number: string,
    note: NoteView | null,
  ) {
    this.noteId = note?.id;
    this.area = h("textarea", { rows: 3, "data-testid": "call-notes", "aria-label": t("notes.label") });
    this.area.value = note?.text ?? "";
    this.state = h("span", { class: "muted", "data-testid": "call-notes-state", "aria-live": "polite" });
    this.area.addEventListener("input", () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(), PAUSE_MS);
    });
    this.area.addEventListener("blur", () => void this.save());
    this.el = h("div", { class: "call-notes" }, h("label", {}, t("notes.label"), this.area), this.state);
  }

  /** The call this card is about has been logged: a note started from now on joins it. */
  callLogged(callId: number): void {
    this.callId ??= callId;
  }

  private save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // One request at a time, in order: the first creates the note, the next ones change it.
    this.saving = this.saving.then(async () => {
      const text = this.area.value;
      if (this.noteId === undefined && text.trim() === "") return;
      this.state.textContent = t("notes.saving");
      try {
        const note = await this.api.saveNote({
          number: this.number,
          text,
          ...(this.noteId !== undefined ? { id: this.noteId } : {}),
          ...(this.noteId === undefined && this.callId !== undefined ? { callId: this.callId } : {}),
        });
        this.noteId = note.id;
        this.state.textContent = t("notes.saved");
      } catch (error) {
        this.state.textContent = t("notes.failed", { message: errorMessage(error) });
      }
    });
    return this.saving;
  }
}
