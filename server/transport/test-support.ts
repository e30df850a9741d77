/** Shared by the transport tests: a real server on port 0 with the toy scenario, and real clients. */
import { io as connect, type Socket } from 'socket.io-client';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../protocol/events.ts';
import type { ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { startServer, type RunningServer, type ServerOptions } from './create-server.ts';
import type { RateLimits } from './rate-limit.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const OPEN = { capacity: 1e6, perSecond: 1e6 };
export const OPEN_LIMITS: RateLimits = {
  perAddress: { command: OPEN, chat: OPEN, create: OPEN, other: OPEN, joinFailure: OPEN, replay: OPEN },
  perSeat: { command: OPEN, chat: OPEN, other: OPEN },
};

export async function toyCatalog(): Promise<ScenarioCatalog> {
  const toy = await loadToyScenario();
  return { scenarios: new Map([[toy.data.id, toy]]), refused: [] };
}

export async function startToyServer(options: Partial<ServerOptions> & { store?: SessionStore } = {}): Promise<RunningServer> {
  return startServer({ catalog: await toyCatalog(), store: new MemoryStore(), host: '127.0.0.1', port: 0, rateLimits: OPEN_LIMITS, ...options });
}

export async function client(url: string, transports: ('websocket' | 'polling')[] = ['websocket'], extraHeaders?: Record<string, string>): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { transports, forceNew: true, reconnection: false, extraHeaders });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emit any event (known or not) with any payload and wait for the acknowledgement. */
export function call<T extends object = Record<string, unknown>>(socket: ClientSocket, event: string, payload?: unknown, timeoutMs = 5000): Promise<Ack<T>> {
  const untyped = socket.timeout(timeoutMs) as unknown as { emit(ev: string, ...args: unknown[]): void };
  return new Promise((resolve, reject) => {
    untyped.emit(event, payload, (err: Error | null, ack: Ack<T>) => (err ? reject(new Error(`no ack for ${event}: ${err.message}`)) : resolve(ack)));
  });
}

/** Like call, but fails the test when the server refuses. */
export async function ok<T extends object = Record<string, unknown>>(socket: ClientSocket, event: string, payload?: unknown): Promise<{ ok: true } & T> {
  const ack = await call<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error}`);
  return ack;
}

/** Records every event a socket receives, as the JSON that arrived. */
export function record(socket: ClientSocket): { events: { event: string; json: string }[] } {
  const log = { events: [] as { event: string; json: string }[] };
  socket.onAny((event: string, ...args: unknown[]) => { log.events.push({ event, json: JSON.stringify(args) }); });
  return log;
}

export function nextEvent<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket as unknown as { once(ev: string, fn: (arg: never) => void): void }).once(event, (arg: never) => { clearTimeout(timer); resolve(arg); });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until `check()` holds (looked at every 20 ms), instead of sleeping a fixed time; rejects naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}
