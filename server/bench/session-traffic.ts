/**
 * A whole session played in memory on a scripted clock, with nothing random: one host, teams of
 * responders sending a command every ~`interval` seconds (half actions, a third investigations, the
 * rest chat, as bench:load does), and the server's every outgoing message counted as socket.io
 * would write it (`42["event",…]` to each socket of the room, `43<id>[ack]` to the sender). Gives
 * bytes and socket writes per responder per second that do not depend on how busy the machine is,
 * and the CPU time of each tick (views built and serialised once per room, as socket.io does).
 */
import { performance } from 'node:perf_hooks';
import { clock, type Scenario } from '../engine/index.ts';
import { fillParams } from './fill-params.ts';
import type { Runbook } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import type { Audience, OutArgs, OutEvent, SessionOutbox, TickTimers } from '../sessions/session-outbox.ts';
import { SessionService } from '../sessions/session-service.ts';

export interface TrafficOptions {
  scenario: Scenario;
  teams: number;
  /** Responders per team. */
  responders: number;
  speed: number;
  /** Seconds between a responder's commands, on average. */
  interval: number;
  /** Sim time at which to stop ("HH:MM"; default the scenario's end). */
  until?: string;
  /** Sim minutes per measurement window (each window reports its own figures). */
  windowMinutes: number;
  /** Send commands (false: the ticks alone). */
  commands?: boolean;
}

export interface TrafficWindow {
  /** Sim time the window starts, "HH:MM". */
  from: string;
  seconds: number;
  responderBytes: number;
  responderWrites: number;
  hostBytes: number;
  hostWrites: number;
  /** Bytes to responders by event name. */
  byEvent: Record<string, number>;
  commands: number;
  ticks: number;
  /** CPU milliseconds spent in ticks (advance, views, one serialisation per room), summed. */
  tickMs: number;
}

/** Counts what a socket.io server would write for each message: one serialisation per room, one write per socket in it. */
class CountingOutbox implements SessionOutbox {
  readonly teamOf = new Map<string, string | null>();
  window: TrafficWindow | null = null;
  /** Serialisation happens in `send`, as in socket.io's broadcast. */
  serialiseMs = 0;

  send<E extends OutEvent>(audience: Audience, event: E, ...args: OutArgs<E>): void {
    const t0 = performance.now();
    const bytes = 2 + JSON.stringify([event, ...args]).length;
    this.serialiseMs += performance.now() - t0;
    const w = this.window;
    if (!w) return;
    const responders = this.membersOf(audience);
    if (responders > 0) {
      w.responderBytes += bytes * responders;
      w.responderWrites += responders;
      w.byEvent[event] = (w.byEvent[event] ?? 0) + bytes * responders;
    }
    if (audience.to === 'host' || audience.to === 'session') {
      w.hostBytes += bytes;
      w.hostWrites += 1;
    }
  }

  seatChanged(_sessionId: string, playerId: string, teamId: string | null): void {
    this.teamOf.set(playerId, teamId);
  }

  /** Responder sockets in the audience (one socket per responder). */
  private membersOf(audience: Audience): number {
    switch (audience.to) {
      case 'host': return 0;
      case 'player': return 1;
      case 'session': return this.teamOf.size;
      case 'team': {
        let n = 0;
        for (const team of this.teamOf.values()) if (team === audience.teamId) n++;
        return n;
      }
    }
  }
}

class ManualTimers implements TickTimers {
  readonly active = new Set<() => void>();
  every(_ms: number, fn: () => void): () => void {
    this.active.add(fn);
    return () => this.active.delete(fn);
  }
}

type Sender = (n: number) => Promise<{ ok: boolean }>;

/** bench:load's command mix, deterministic per team, responder and count. */
function commandOf(service: SessionService, sessionId: string, playerId: string, runbook: Runbook, team: number, r: number): Sender {
  return (n) => {
    const clientActionId = `t${team}r${r}n${n}`;
    const roll = (team * 31 + r * 7 + n * 13) % 10;
    if (roll < 5) {
      const a = runbook.actions[(r + n) % runbook.actions.length]!;
      return service.command(sessionId, playerId, clientActionId, { type: 'act', action: a.id, params: fillParams(a.params) });
    }
    if (roll < 8) {
      const inv = runbook.investigations[(r + n) % runbook.investigations.length]!;
      return service.command(sessionId, playerId, clientActionId, { type: 'investigate', investigation: inv.id, params: fillParams(inv.params) });
    }
    return service.chat(sessionId, playerId, clientActionId, `checking dashboards (${n})`, false);
  };
}

export async function playSession(options: TrafficOptions): Promise<TrafficWindow[]> {
  const { scenario, teams, responders, speed, interval, windowMinutes } = options;
  let wall = 1_000_000;
  const outbox = new CountingOutbox();
  const timers = new ManualTimers();
  const service = new SessionService({ scenarios: new Map([[scenario.data.id, scenario]]), store: new MemoryStore(), outbox, timers, now: () => wall });
  const created = await service.createSession({ scenarioId: scenario.data.id, teamCount: teams, speed, seed: scenario.data.defaultSeed }, 'http://bench');
  if (!created.ok) throw new Error(created.error);
  const code = created.code.replace('-', '');
  const attached = service.attachHost(code, created.hostSecret, 'http://bench');
  if (!attached.ok) throw new Error(attached.error);

  const senders: { send: Sender; next: number; n: number }[] = [];
  for (let team = 1; team <= teams; team++) {
    for (let r = 0; r < responders; r++) {
      const joined = await service.join(code, `t${team}r${r}`, `t${team}`, null);
      if (!joined.ok) throw new Error(joined.error);
      outbox.teamOf.set(joined.playerId, `t${team}`);
      const runbook = joined.snapshot.world!.runbook;
      const index = senders.length;
      senders.push({ send: commandOf(service, created.sessionId, joined.playerId, runbook, team, r), next: (index * 7919) % (interval * 1000), n: 0 });
    }
  }
  const started = await service.controlClock(created.sessionId, { action: 'start' });
  if (!started.ok) throw new Error(started.error);

  const start = clock(scenario.data.clock.start);
  const stop = Math.min(clock(options.until ?? scenario.data.clock.end), clock(scenario.data.clock.end));
  const windows: TrafficWindow[] = [];
  const openWindow = (sim: number) => {
    const w: TrafficWindow = { from: hhmm(sim), seconds: 0, responderBytes: 0, responderWrites: 0, hostBytes: 0, hostWrites: 0, byEvent: {}, commands: 0, ticks: 0, tickMs: 0 };
    windows.push(w);
    outbox.window = w;
    return w;
  };
  let window = openWindow(start);
  let windowEnd = start + windowMinutes * 60;
  const t0 = wall;
  // 100 ms wall steps: commands land between ticks, a tick fires every 1000 ms.
  for (let ms = 100; ; ms += 100) {
    wall = t0 + ms;
    const sim = start + (ms / 1000) * speed;
    if (sim > stop) break;
    if (sim >= windowEnd) {
      window = openWindow(windowEnd);
      windowEnd += windowMinutes * 60;
    }
    if (options.commands !== false) {
      for (const s of senders) {
        if (s.next > ms) continue;
        // A deterministic spread of 0.5–1.5 intervals, like the load generator's random one.
        s.next += Math.round(interval * 1000 * (0.5 + ((s.n * 7919 + s.next) % 1000) / 1000));
        window.commands++;
        const ack = await s.send(s.n);
        // The acknowledgement to the sender: 43<ack id>[ack] (the client numbers its acks).
        const bytes = 2 + String(s.n).length + JSON.stringify([ack]).length;
        window.responderBytes += bytes;
        window.responderWrites++;
        window.byEvent.ack = (window.byEvent.ack ?? 0) + bytes;
        s.n++;
      }
    }
    window.seconds += 0.1;
    if (ms % 1000 === 0) {
      outbox.serialiseMs = 0;
      const c0 = performance.now();
      for (const tick of timers.active) tick();
      window.tickMs += performance.now() - c0;
      window.ticks++;
    }
  }
  outbox.window = null;
  // The clock's last step can open a window of a fraction of a second: nothing to report there.
  return windows.filter((w) => w.seconds >= 1);
}

export function hhmm(t: number): string {
  const m = Math.round(t / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
