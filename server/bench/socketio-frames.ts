/**
 * The wire format a socket.io 4 client speaks over a WebSocket, written out by hand so that the
 * load generator costs a fraction of socket.io-client: engine.io protocol 4 packets (one per
 * WebSocket message: a type digit, then the payload) carrying socket.io protocol 5 packets
 * (type digit, optional namespace, optional ack id, JSON). Text frames on the main namespace only:
 * the game never sends binary.
 *
 *   engine.io: 0 open {sid, pingInterval, pingTimeout, maxPayload} · 1 close · 2 ping · 3 pong · 4 message · 6 noop
 *   socket.io (inside 4): 0 connect · 1 disconnect · 2 event · 3 ack · 4 connect_error
 *   e.g. `42["team:act",{…}]`, with ack id 7: `427["team:act",{…}]`, its answer `437[{…}]`
 */

/** The socket.io endpoint a WebSocket opens directly (no long-polling first). */
export const socketIoPath = '/socket.io/?EIO=4&transport=websocket';

export type Frame =
  | { kind: 'open'; sid: string; pingInterval: number; pingTimeout: number }
  | { kind: 'ping' }
  | { kind: 'pong' }
  | { kind: 'close' }
  | { kind: 'noop' }
  | { kind: 'connect'; sid: string }
  | { kind: 'connect_error'; message: string }
  | { kind: 'disconnect' }
  /** `args` is undefined when the caller asked not to parse this event (see `decodeFrame`). */
  | { kind: 'event'; name: string; id: number | null; args: unknown[] | undefined }
  | { kind: 'ack'; id: number; args: unknown[] };

export const PONG = '3';
/** Join the main namespace (socket.io 5 requires it after the engine.io open). */
export const CONNECT = '40';

export function encodeEvent(name: string, args: readonly unknown[], ackId?: number): string {
  return `42${ackId ?? ''}${JSON.stringify([name, ...args])}`;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * One WebSocket text message → a frame. `parseEvent(name)` false leaves an event's arguments
 * unparsed (the bench reads a delta's size and sentAt without building the object). Throws on
 * anything that is not protocol 4/5 text on the main namespace.
 */
export function decodeFrame(text: string, parseEvent: (name: string) => boolean = () => true): Frame {
  switch (text[0]) {
    case '0': {
      const open = JSON.parse(text.slice(1)) as { sid: string; pingInterval: number; pingTimeout: number };
      return { kind: 'open', sid: open.sid, pingInterval: open.pingInterval, pingTimeout: open.pingTimeout };
    }
    case '1': return { kind: 'close' };
    case '2': return { kind: 'ping' };
    case '3': return { kind: 'pong' };
    case '6': return { kind: 'noop' };
    case '4': return decodeSocketIo(text);
    default: throw new Error(`not an engine.io 4 packet: ${text.slice(0, 40)}`);
  }

  function decodeSocketIo(message: string): Frame {
    const type = message[1];
    let i = 2;
    if (message[i] === '/') throw new Error(`only the main namespace is spoken here: ${message.slice(0, 40)}`);
    let id: number | null = null;
    while (i < message.length && isDigit(message.charCodeAt(i))) { id = (id ?? 0) * 10 + (message.charCodeAt(i) - 48); i++; }
    const body = message.slice(i);
    switch (type) {
      case '0': return { kind: 'connect', sid: (JSON.parse(body) as { sid: string }).sid };
      case '1': return { kind: 'disconnect' };
      case '4': return { kind: 'connect_error', message: (JSON.parse(body) as { message?: string }).message ?? body };
      case '3':
        if (id === null) throw new Error(`ack without an id: ${message.slice(0, 40)}`);
        return { kind: 'ack', id, args: JSON.parse(body) as unknown[] };
      case '2': {
        const name = eventName(body);
        return { kind: 'event', name, id, args: parseEvent(name) ? (JSON.parse(body) as unknown[]).slice(1) : undefined };
      }
      default: throw new Error(`unsupported socket.io packet type ${type} (binary?): ${message.slice(0, 40)}`);
    }
  }
}

/** `["team:delta",{…}]` → `team:delta`, without parsing the rest (event names hold no escapes). */
function eventName(body: string): string {
  if (!body.startsWith('["')) throw new Error(`event without a name: ${body.slice(0, 40)}`);
  return body.slice(2, body.indexOf('"', 2));
}

/**
 * The `sentAt` a delta carries, read from the raw message. Every team delta in a tick carries the
 * same one, and JSON strings cannot hold an unescaped `"sentAt":`, so the last occurrence is it.
 */
export function sentAtOf(text: string): number | null {
  const at = text.lastIndexOf('"sentAt":');
  if (at < 0) return null;
  const n = Number.parseInt(text.slice(at + 9, at + 25), 10);
  return Number.isFinite(n) ? n : null;
}
