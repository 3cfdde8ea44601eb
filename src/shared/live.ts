/** Live bridge events over a WebSocket, reconnecting with backoff when the bridge restarts. */
import { API } from "../../bridge/api-contract/paths.js";
import type { PaneEvent, PaneSocketMessage } from "./types.js";

export type LiveState = "connecting" | "connected" | "disconnected";

export interface LiveOptions {
  /** http(s)://host:port of the bridge. */
  base: string;
  token: string;
  onEvent(event: PaneEvent): void;
  onState?(state: LiveState): void;
  /** Injected for tests. */
  createSocket?: (url: string) => WebSocket;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function eventsUrl(base: string, token: string): string {
  const url = new URL(API.events, base);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url.toString();
}

export class LiveEvents {
  private socket: WebSocket | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private closed = false;

  constructor(private readonly options: LiveOptions) {
    this.delay = options.minDelayMs ?? 1000;
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
  }

  private connect(): void {
    this.options.onState?.("connecting");
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url));
    let socket: WebSocket;
    try {
      socket = create(eventsUrl(this.options.base, this.options.token));
    } catch {
      return this.retry();
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delay = this.options.minDelayMs ?? 1000;
      this.options.onState?.("connected");
    };
    socket.onmessage = (message) => {
      let data: PaneSocketMessage;
      try {
        data = JSON.parse(String(message.data)) as typeof data;
      } catch {
        return;
      }
      if (data.type === "event") this.options.onEvent(data.event);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.options.onState?.("disconnected");
      this.retry();
    };
  }

  private retry(): void {
    if (this.closed) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxDelayMs ?? 15_000);
    this.timer = setTimeout(() => this.connect(), wait);
  }
}
