/**
 * A socket.io client for the load generator: one `ws` WebSocket speaking the frames of
 * socket-io-frames.ts. Handshake (engine.io open → socket.io connect), answers pings, emits with
 * ack ids and a timeout, counts the bytes it receives. No reconnection, no buffering, no
 * polling: what a bench needs and nothing a real browser would miss.
 */
import WebSocket from 'ws';
import { CONNECT, PONG, decodeFrame, encodeEvent, socketIoPath } from './socketio-frames.ts';

export type AckArgs = unknown[];
/** An event handler gets the raw message too, so it can read a delta without parsing it. */
export type EventListener = (args: unknown[] | undefined, raw: string) => void;

export interface RawSocketOptions {
  headers?: Record<string, string>;
  /** Events whose arguments are parsed; the others reach listeners as raw text only. */
  parsed?: ReadonlySet<string>;
  connectTimeoutMs?: number;
}

export class RawSocket {
  /** Bytes of WebSocket payload received since the last `resetCounters()` (server → this client). */
  bytesIn = 0;
  messagesIn = 0;
  private nextAckId = 0;
  private readonly pending = new Map<number, { resolve: (args: AckArgs | null) => void; timer: NodeJS.Timeout }>();
  private readonly listeners = new Map<string, EventListener[]>();
  private readonly parse: (name: string) => boolean;

  private constructor(private readonly ws: WebSocket, options: RawSocketOptions) {
    const parsed = options.parsed;
    this.parse = parsed ? (name) => parsed.has(name) : () => true;
  }

  /** Opens the WebSocket and joins the main namespace; resolves once the server said `40{sid}`. */
  static connect(baseUrl: string, options: RawSocketOptions = {}): Promise<RawSocket> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + socketIoPath, { headers: options.headers, perMessageDeflate: false });
    const socket = new RawSocket(ws, options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { ws.terminate(); reject(new Error('socket.io handshake timed out')); }, options.connectTimeoutMs ?? 20_000);
      const fail = (err: Error) => { clearTimeout(timer); reject(err); };
      ws.once('error', fail);
      ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const text = data.toString();
        socket.bytesIn += (data as Buffer).length;
        socket.messagesIn++;
        const frame = decodeFrame(text, socket.parse);
        switch (frame.kind) {
          case 'open': ws.send(CONNECT); break;
          case 'connect': clearTimeout(timer); ws.off('error', fail); ws.on('error', () => socket.close()); resolve(socket); break;
          case 'connect_error': fail(new Error(`socket.io refused the connection: ${frame.message}`)); break;
          case 'ping': ws.send(PONG); break;
          case 'ack': socket.settle(frame.id, frame.args); break;
          case 'event': for (const l of socket.listeners.get(frame.name) ?? []) l(frame.args, text); break;
          case 'close': case 'disconnect': socket.close(); break;
          default: break;
        }
      });
      ws.once('close', () => { clearTimeout(timer); socket.failPending(); reject(new Error('closed during the handshake')); });
    });
  }

  on(event: string, listener: EventListener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  /** Emits with an ack id; resolves with the ack's arguments, or null on timeout or close. */
  emit(event: string, payload: unknown, timeoutMs = 10_000): Promise<AckArgs | null> {
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.pending.delete(id); resolve(null); }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.ws.send(encodeEvent(event, [payload], id));
    });
  }

  resetCounters(): void {
    this.bytesIn = 0;
    this.messagesIn = 0;
  }

  close(): void {
    this.failPending();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }

  private settle(id: number, args: AckArgs): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(args);
  }

  private failPending(): void {
    for (const [id, p] of this.pending) { clearTimeout(p.timer); p.resolve(null); this.pending.delete(id); }
  }
}
