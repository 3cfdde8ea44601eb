/**
 * The real TelefUM transport: WM_COPYDATA both ways between our message-only window and TelefUM's.
 * Receiving: TelefUM reads hwndProgr and SendMessage's to us; the window's own thread takes it at once and the
 * pump brings the bytes here. Sending: re-read hwndTelefUM, check it is a window, SendMessageTimeoutW the bytes
 * (TelefUM may send to us meanwhile: the window's thread is free to take it).
 */
import { decodeWire, encodeWire, type WireEncoding } from "../../protocol/wire-encoding.js";
import { TransportError, type MessageHandler, type Transport } from "../transport.js";
import { HandlePublication } from "./handle-publication.js";
import { MessagePump } from "./message-pump.js";
import { decimalHandle } from "./message-window.js";
import { findPeerWindow } from "./peer.js";
import { OUR_HANDLE_VALUE, PEER_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";
import {
  GetLastError,
  IsWindow,
  SendCopyDataTimeout,
  SetLastError,
  SMTO_ABORTIFHUNG,
  WM_COPYDATA,
} from "../../win32/index.js";

/** COPYDATASTRUCT.dwData that marks a TelefUM message: WM_APP (0x8000) + 20000. */
export const TELEFUM_COPYDATA_ID = 52768n;

export interface Win32TransportOptions {
  encoding: WireEncoding;
  /** Key under HKCU holding hwndProgr / hwndTelefUM (default TelefUM's own); lets a test use its own key. */
  registryKey?: string;
  /** How long one send may wait for TelefUM's window procedure before it counts as failed. */
  sendTimeoutMs?: number;
  /** Told of a WM_COPYDATA that is not TelefUM's (another dwData): another program's, not ours to read. */
  onForeign?: (dwData: bigint, size: number) => void;
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
    const pump = await MessagePump.start("TelefUM Outlook Bridge", TELEFUM_COPYDATA_ID, {
      onBytes: (bytes) => this.handler?.(decodeWire(bytes, this.options.encoding)),
      onForeign: (dwData, size) => this.options.onForeign?.(dwData, size),
    });
    try {
      const publication = new HandlePublication(this.registryKey, OUR_HANDLE_VALUE, decimalHandle(pump.hwnd));
      publication.publish();
      this.publication = publication;
    } catch (error) {
      await pump.stop();
      throw error;
    }
    this.pump = pump;
  }

  async send(text: string): Promise<void> {
    const pump = this.pump;
    if (!pump) throw new TransportError("NOT_STARTED", "the win32 transport is not started");
    const peer = findPeerWindow(this.registryKey, PEER_HANDLE_VALUE);
    const bytes = encodeWire(text, this.options.encoding);
    const copyData = { dwData: TELEFUM_COPYDATA_ID, cbData: bytes.length, lpData: bytes };
    SetLastError(0);
    const delivered = SendCopyDataTimeout(
      peer,
      WM_COPYDATA,
      pump.hwnd,
      copyData,
      SMTO_ABORTIFHUNG,
      this.sendTimeoutMs,
      null,
    ) as number | bigint;
    if (delivered) return;
    const code = GetLastError() as number;
    if (!IsWindow(peer))
      throw new TransportError("PEER_UNAVAILABLE", "TelefUM closed its window while the message was being sent");
    throw new TransportError(
      "SEND_FAILED",
      `TelefUM did not take the message within ${this.sendTimeoutMs} ms or is not responding (Win32 error ${code})`,
    );
  }

  async stop(): Promise<void> {
    this.publication?.withdraw();
    this.publication = undefined;
    await this.pump?.stop();
    this.pump = undefined;
    this.handler = undefined;
  }
}
