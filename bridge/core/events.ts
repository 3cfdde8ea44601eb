/** Everything the bridge core tells the outside world (add-in pane, simulator, logs) as it happens. */
import type { Contact } from "../directory/contact.js";
import type { ProtocolError } from "../protocol/errors.js";
import type { CallRecord } from "../calls/call-record.js";
import type { NoticeWords } from "./notice-text.js";
import type { ReasonCode } from "../api-contract/reasons.js";
import type { Params } from "../i18n/i18n.js";

export interface BridgeEvents {
  /** A text arrived from TelefUM (before parsing). */
  received: { text: string; at: string };
  /** A text went to TelefUM. */
  sent: { text: string; at: string };
  "incoming-call": { number: string; device: number; line: number; contacts: Contact[]; at: string };
  /**
   * CARD asked to open one contact, or to choose among several. With `chosen`, the user's remembered choice for
   * `number` is opened directly; the other contacts are one click away ("choose another").
   */
  "open-card": { ids: string[]; contacts: Contact[]; missingIds: string[]; number?: string; chosen?: string };
  /** CREATECARD: the new-contact form, with the number filled in. */
  "new-contact-form": { number: string };
  "contact-created": { number: string; contact: Contact };
  "call-logged": { call: CallRecord };
  /** SENDSMS (device 1-4, 5 = internet) or SENDSMSSHABL (template: TelefUM's window, no text here) went out. */
  "sms-sent": { number: string; text: string; device: number | null; template: boolean; at: string };
  "protocol-error": { error: ProtocolError };
  /** This PC's copy of the team call log changed (a delta applied, a claim): the pane reads its team views again. */
  team: { at: string };
  /**
   * Something failed while handling a valid message; the bridge keeps running. A person reads `reasons.<code>` with
   * `params`; `message` is the English for the log.
   */
  failure: { stage: string; code: ReasonCode; params: Params; message: string; text?: string };
  /** What came of an action (where a card opened, a warning about a message): logged, and shown in the pane. */
  notice: { stage: string; level: "info" | "warn"; message: string } & NoticeWords;
}

export type BridgeEventName = keyof BridgeEvents;
export type BridgeEvent = { [K in BridgeEventName]: { type: K } & BridgeEvents[K] }[BridgeEventName];
export type BridgeListener = (event: BridgeEvent) => void;

/** A tiny typed fan-out; a throwing listener never affects the others or the core. */
export class EventHub {
  private readonly listeners = new Set<BridgeListener>();

  on(listener: BridgeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends BridgeEventName>(type: K, payload: BridgeEvents[K]): void {
    const event = { type, ...payload } as BridgeEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed socket, say) must not stop the bridge.
      }
    }
  }
}
