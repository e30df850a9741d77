/** Shared by the session tests: the service in memory, an outbox that records, timers fired by hand. */
import { type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import type { SessionStore } from '../storage/session-store.ts';
import type { Audience, OutEvent, SessionOutbox, TickTimers } from './session-outbox.ts';
import type { SessionCaps } from './session-lobby.ts';
import { SessionService } from './session-service.ts';

export let toy: Scenario;
export async function loadToy(): Promise<Scenario> {
  toy = await loadToyScenario();
  return toy;
}

export class RecordingOutbox implements SessionOutbox {
  sent: { audience: Audience; event: OutEvent; payload: unknown }[] = [];
  seats: { playerId: string; teamId: string | null }[] = [];
  send(audience: Audience, event: OutEvent, ...args: unknown[]): void { this.sent.push({ audience, event, payload: args[0] }); }
  seatChanged(_sessionId: string, playerId: string, teamId: string | null): void { this.seats.push({ playerId, teamId }); }
}

/** Timers that only fire when the test says so. */
export class ManualTimers implements TickTimers {
  active = new Set<() => void>();
  every(_ms: number, fn: () => void): () => void {
    this.active.add(fn);
    return () => this.active.delete(fn);
  }
  fire(): void { for (const fn of [...this.active]) fn(); }
}

export function setup(store: SessionStore = new MemoryStore(), caps?: SessionCaps) {
  let wall = 1_000_000;
  const outbox = new RecordingOutbox();
  const timers = new ManualTimers();
  const service = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store, outbox, timers, now: () => wall, caps });
  return { service, outbox, timers, store, advanceWall: (ms: number) => { wall += ms; }, wall: () => wall };
}

export async function created(service: SessionService, speed = 10) {
  const c = await service.createSession({ scenarioId: 'toy-config-push', teamCount: 2, speed, seed: 9 }, 'http://h');
  if (!c.ok) throw new Error(c.error);
  const code = c.code.replace('-', '');
  const p1 = await service.join(code, 'Ada', 't1', null);
  const p2 = await service.join(code, 'Bob', 't2', null);
  if (!p1.ok || !p2.ok) throw new Error('join failed');
  return { code, sessionId: c.sessionId, hostSecret: c.hostSecret, p1, p2 };
}
