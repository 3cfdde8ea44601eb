/**
 * CONTACT? answered on the window's own thread (message-thread.ts), from its own read-only connection to the
 * contact index: waking the main thread and handing the message over cost TelefUM ~10x a native program's round
 * trip. Only the lookup, the reply and the send happen here, through the main path's own code (contact-reader.ts,
 * contact-reply.ts, the codec, peer.ts); the main thread still gets every message for its events and log.
 */
import type { CountryCode } from "libphonenumber-js";
import { buildContactReply } from "../../core/contact-reply.js";
import { readingParts } from "../../directory/directory.js";
import { formatMessage, parseMessage } from "../../protocol/codec.js";
import { decodeWire, encodeWire, type WireEncoding } from "../../protocol/wire-encoding.js";
import { connectForReading } from "../../store/sqlite.js";
import type { Handle } from "../../win32/kernel32.js";
import { sendToPeer } from "./peer.js";

/** What the window's thread needs to answer CONTACT? itself (workerData: plain values only). */
export interface WindowAnswerSettings {
  /** The contact index file (bridge.db), opened read-only here. */
  indexPath: string;
  defaultRegion: CountryCode;
  encoding: WireEncoding;
  registryKey: string;
  sendTimeoutMs: number;
}

export interface WindowAnswerer {
  /** Answers one message's bytes; returns the reply text sent, or undefined when the main thread must answer. */
  answer(bytes: Uint8Array): string | undefined;
  close(): void;
}

/** Opens the index and runs one lookup, so the first CONTACT? finds statements prepared and pages read. */
export function windowAnswerer(settings: WindowAnswerSettings, from: Handle): WindowAnswerer {
  const db = connectForReading(settings.indexPath);
  const options = { defaultRegion: settings.defaultRegion };
  const directory = readingParts(db, options).reader;
  const address = { registryKey: settings.registryKey, from, timeoutMs: settings.sendTimeoutMs };
  const reply = (text: string): string | undefined => {
    const parsed = parseMessage(text);
    if (!parsed.ok || parsed.message.command !== "CONTACT?") return undefined;
    const { reply: message } = buildContactReply(parsed.message, directory.lookup(parsed.message.number));
    return formatMessage(message);
  };
  reply("CONTACT?^0000000^1^1^");
  encodeWire("CONTACT^0^1^1^", settings.encoding);
  return {
    answer(bytes) {
      try {
        const text = reply(decodeWire(bytes, settings.encoding));
        if (text === undefined) return undefined;
        sendToPeer(address, encodeWire(text, settings.encoding));
        return text;
      } catch {
        // A failed lookup or send: the main thread answers as it always did, and reports why in its log and events.
        return undefined;
      }
    },
    close: () => db.close(),
  };
}
