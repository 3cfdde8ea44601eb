/**
 * The real TelefUM transport: WM_COPYDATA both ways between our message-only window and TelefUM's.
 * Receiving: TelefUM reads hwndProgr and SendMessage's to us; the pump lets that reach our WNDPROC.
 * Sending: re-read hwndTelefUM, check it is a window, SendMessageTimeoutW the encoded bytes.
 */
import { decodeWire, encodeWire, type WireEncoding } from "../../protocol/wire-encoding.js";
import { TransportError, type MessageHandler, type Transport } from "../transport.js";
import { HandlePublication } from "./handle-publication.js";
import { MessagePump } from "./message-pump.js";
import { MessageWindow } from "./message-window.js";
import { findPeerWindow } from "./peer.js";
import { OUR_HANDLE_VALUE, PEER_HANDLE_VALUE, TELEFUM_SENDMSG_KEY } from "./registry-keys.js";
import { GetLastError, IsWindow, SendCopyDataTimeout, SetLastError, SMTO_ABORTIFHUNG, WM_COPYDATA } from "./user32.js";

/** COPYDATASTRUCT.dwData that marks a TelefUM message: WM_APP (0x8000) + 20000. */
export const TELEFUM_COPYDATA_ID = 52768n;

export interface Win32TransportOptions {
  encoding: WireEncoding;
  /** Key under HKCU holding hwndProgr / hwndTelefUM (default TelefUM's own); lets a test use its own key. */
  registryKey?: string;
  /** How often the message queue is drained when idle; also the longest TelefUM then waits for us to take a message. */
  pumpIntervalMs?: number;
  /** How long one send may wait for TelefUM's window procedure before it counts as failed. */
  sendTimeoutMs?: number;
  /** Told of a WM_COPYDATA that is not TelefUM's (another dwData): another program's, not ours to read. */
  onForeign?: (dwData: bigint, size: number) => void;
}

export class Win32Transport implements Transport {
  readonly name = "win32";
  private readonly registryKey: string;
  private readonly pump: MessagePump;
  private readonly sendTimeoutMs: number;
  private window: MessageWindow | undefined;
  private publication: HandlePublication | undefined;
  private handler: MessageHandler | undefined;

  constructor(private readonly options: Win32TransportOptions) {
    this.registryKey = options.registryKey ?? TELEFUM_SENDMSG_KEY;
    this.pump = new MessagePump({ idleIntervalMs: options.pumpIntervalMs ?? 10 });
    this.sendTimeoutMs = options.sendTimeoutMs ?? 5000;
  }

  /** Our window handle once started (what hwndProgr holds). */
  get windowHandle(): bigint | undefined {
    return this.window?.hwnd;
  }

  async start(onMessage: MessageHandler): Promise<void> {
    if (this.window) throw new Error("the win32 transport is already started");
    this.handler = onMessage;
    const window = MessageWindow.create("TelefUM Outlook Bridge", (dwData, bytes) => this.accept(dwData, bytes));
    try {
      const publication = new HandlePublication(this.registryKey, OUR_HANDLE_VALUE, window.decimalHandle);
      publication.publish();
      this.publication = publication;
    } catch (error) {
      window.destroy();
      throw error;
    }
    this.window = window;
    this.pump.start();
  }

  /** Runs inside the WNDPROC: decode now (the bytes are ours), hand on after user32 has its answer. */
  private accept(dwData: bigint, bytes: Buffer): boolean {
    if (dwData !== TELEFUM_COPYDATA_ID) {
      this.options.onForeign?.(dwData, bytes.length);
      return false;
    }
    this.pump.noteActivity();
    const text = decodeWire(bytes, this.options.encoding);
    setImmediate(() => this.handler?.(text));
    return true;
  }

  async send(text: string): Promise<void> {
    const window = this.window;
    if (!window) throw new TransportError("NOT_STARTED", "the win32 transport is not started");
    const peer = findPeerWindow(this.registryKey, PEER_HANDLE_VALUE);
    this.pump.noteActivity(); // TelefUM often answers a CALL/SENDSMS with messages of its own
    const bytes = encodeWire(text, this.options.encoding);
    const copyData = { dwData: TELEFUM_COPYDATA_ID, cbData: bytes.length, lpData: bytes };
    SetLastError(0);
    const delivered = SendCopyDataTimeout(
      peer,
      WM_COPYDATA,
      window.hwnd,
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
    this.pump.stop();
    this.publication?.withdraw();
    this.publication = undefined;
    this.window?.destroy();
    this.window = undefined;
    this.handler = undefined;
  }
}
