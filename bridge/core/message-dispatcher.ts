/**
 * Every text from TelefUM: parsed, and handed to the action for its command. It never throws on a message: a bad
 * one becomes a `protocol-error` event, a failing action a `failure` event.
 */
import { parseMessage } from "../protocol/codec.js";
import type { InboundMessage } from "../protocol/messages.js";
import { isInbound } from "../protocol/messages.js";
import { emitFailure } from "./emit-failure.js";
import { emitNotice } from "./emit-notice.js";
import type { EventHub } from "./events.js";

/** The action for each command TelefUM sends. */
export type InboundActions = {
  [C in InboundMessage["command"]]: (
    message: Extract<InboundMessage, { command: C }>,
    answered?: string,
  ) => Promise<void>;
};

export class MessageDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly events: EventHub,
    private readonly actions: InboundActions,
  ) {}

  /**
   * Entry point for every text from TelefUM. Returns at once; handling goes on in the background. `answered`: the
   * reply the transport already sent (a CONTACT? the Win32 window's thread answered), announced, not sent again.
   */
  receive(text: string, answered?: string): void {
    const task = this.handle(text, answered).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async handle(text: string, answered: string | undefined): Promise<void> {
    this.events.emit("received", { text, at: new Date().toISOString() });
    const parsed = parseMessage(text);
    if (!parsed.ok) {
      this.events.emit("protocol-error", { error: parsed.error });
      return;
    }
    for (const warning of parsed.warnings ?? []) {
      emitNotice(this.events, parsed.message.command, "warn", { key: "notice.warning", params: { warning, text } });
    }
    if (!isInbound(parsed.message)) {
      this.events.emit("protocol-error", {
        error: {
          code: "UNKNOWN_COMMAND",
          message: `${parsed.message.command} is sent to TelefUM, not by it`,
          raw: text,
          params: { command: parsed.message.command },
        },
      });
      return;
    }
    try {
      await this.dispatch(parsed.message, answered);
    } catch (error) {
      emitFailure(this.events, parsed.message.command, error, text);
    }
  }

  private dispatch(message: InboundMessage, answered: string | undefined): Promise<void> {
    switch (message.command) {
      case "CONTACT?":
        return this.actions["CONTACT?"](message, answered);
      case "CARD":
        return this.actions.CARD(message);
      case "CREATECARD":
        return this.actions.CREATECARD(message);
      case "CALLHISTORY":
        return this.actions.CALLHISTORY(message);
    }
  }
}
