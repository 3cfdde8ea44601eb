/**
 * The real TelefUM transport: WM_COPYDATA both ways between our message-only window and TelefUM's.
 * Receiving: TelefUM reads hwndProgr (published by announce(), once the bridge is warm) and SendMessage's to us; the
 * window's own thread takes it at once, answers CONTACT? itself when given the contact index, and the pump brings the
 * bytes here. Sending: peer.ts (TelefUM may send to us meanwhile: the window's thread is free to take it).
 */
import type { CountryCode } from "libphonenumber-js";
import { decodeWire, encodeWire, type WireEncoding } from "../../protocol/wire-encoding.js";
import { TransportError, type MessageHandler, type Transport } from "../transport.js";
import { HandlePublication } from "./handle-publication.js";
import { MessagePump } from "./message-pump.js";
import { decimalHandle } from "./message-window.js";
import { sendToPeer, TELEFUM_COPYDATA_ID } from "./peer.js";
import { OUR_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";

export { TELEFUM_COPYDATA_ID } from "./peer.js";

export interface Win32TransportOptions {
  encoding: WireEncoding;
  /** Key under HKCU holding hwndProgr / hwndTelefUM (default TelefUM's own); lets a test use its own key. */
  registryKey?: string;
  /** How long one send may wait for TelefUM's window procedure before it counts as failed. */
  sendTimeoutMs?: number;
  /** Told of a WM_COPYDATA that is not TelefUM's (another dwData): another program's, not ours to read. */
  onForeign?: (dwData: bigint, size: number) => void;
  /** The contact index the window's own thread answers CONTACT? from; without it the main thread answers. */
  contactIndex?: { path: string; defaultRegion: CountryCode };
  /** Told of each CONTACT? the window's thread answered itself (the log says which thread answered). */
  onAnswered?: () => void;
}

export class Win32Transport implements Transport {
  readonly name = "win32";
  private readonly registryKey: string;
  private readonly sendTimeoutMs: number;
  private pump: MessagePump | undefined;
  private publication: HandlePublication | undefined;
  private handler: MessageHandler | undefined;

  constructor(private readonly options: Win32TransportOptions) {
    this.registryKey = options.registryKey ?? TELEFUM_SENDMSG_KEY;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 5000;
  }

  /** Our window handle once started (what hwndProgr holds). */
  get windowHandle(): bigint | undefined {
    return this.pump?.hwnd;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.pump) throw new Error("the win32 transport is already started");
    this.handler = onMessage;
    // The code page tables load on first use: load them now, not while TelefUM waits on its first message.
    decodeWire(encodeWire("CONTACT?^0^1^1^", this.options.encoding), this.options.encoding);
    const { encoding, contactIndex } = this.options;
    const answers = contactIndex && {
      indexPath: contactIndex.path,
      defaultRegion: contactIndex.defaultRegion,
      encoding,
      registryKey: this.registryKey,
      sendTimeoutMs: this.sendTimeoutMs,
    };
    const listener = {
      onBytes: (bytes: Uint8Array, answered: string | undefined) => {
        if (answered !== undefined) this.options.onAnswered?.();
        this.handler?.(decodeWire(bytes, encoding), answered);
      },
      onForeign: (dwData: bigint, size: number) => this.options.onForeign?.(dwData, size),
    };
    this.pump = await MessagePump.start("TelefUM Outlook Bridge", TELEFUM_COPYDATA_ID, listener, answers);
  }

  /** Publishes hwndProgr: TelefUM finds us from now on. Throws when the registry refuses (the bridge cannot serve). */
  announce(): void {
    const pump = this.pump;
    if (!pump) throw new TransportError("NOT_STARTED", "the win32 transport is not started");
    if (this.publication) return;
    const publication = new HandlePublication(this.registryKey, OUR_HANDLE_VALUE, decimalHandle(pump.hwnd));
    publication.publish();
    this.publication = publication;
  }

  async send(text: string): Promise<void> {
    const pump = this.pump;
    if (!pump) throw new TransportError("NOT_STARTED", "the win32 transport is not started");
    const address = { registryKey: this.registryKey, from: pump.hwnd, timeoutMs: this.sendTimeoutMs };
    sendToPeer(address, encodeWire(text, this.options.encoding));
  }

  async stop(): Promise<void> {
    this.publication?.withdraw();
    this.publication = undefined;
    await this.pump?.stop();
    this.pump = undefined;
    this.handler = undefined;
  }
}
