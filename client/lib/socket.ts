/** The typed socket.io connection and a promise-based request with a timeout. */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/events.ts';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createSocket(): AppSocket {
  // Same origin: the server serves this page and the socket on one port (vite proxies in dev).
  // WebSocket first: one connection, no long-polling upgrade dance; polling stays as the fallback
  // for networks that block WebSockets.
  return io({ autoConnect: false, transports: ['websocket', 'polling'], reconnectionDelay: 500, reconnectionDelayMax: 4000 });
}

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends EventName> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export class RequestTimeout extends Error {
  constructor(event: string) {
    super(`The server did not answer "${event}" in time`);
  }
}

/** Emits and waits for the acknowledgement; rejects with RequestTimeout when none comes. */
export function request<E extends EventName>(socket: AppSocket, event: E, payload: PayloadOf<E>, timeoutMs = 8000): Promise<AckOf<E>> {
  // socket.io's typed emit cannot be called with a generic event name; the shapes are the ones above.
  const untyped = socket.timeout(timeoutMs) as unknown as {
    emit(ev: string, body: unknown, cb: (err: Error | null, ack: Ack) => void): void;
  };
  return new Promise((resolve, reject) => {
    untyped.emit(event, payload, (err, ack) => {
      if (err) reject(new RequestTimeout(event));
      else resolve(ack as AckOf<E>);
    });
  });
}

/** Team commands carry a clientActionId: a retry after a timeout is applied once by the server. */
export async function requestWithRetry<E extends EventName>(socket: AppSocket, event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
  try {
    return await request(socket, event, payload);
  } catch (err) {
    if (!(err instanceof RequestTimeout) || !socket.connected) throw err;
    return request(socket, event, payload);
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
