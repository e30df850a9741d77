/**
 * The soak's clients in one generator process: whole sessions, start to end, each replaced by a
 * new one as it ends (a training day), with every responder sending a command every ~interval
 * seconds. The figures accumulate in a window that report() hands over and starts afresh
 * (soak-bench.ts asks once a minute).
 */
import { commandLoop, newTally, openSocket, seatGameSession, type SeatedSession, type Tally } from './game-client.ts';
import { sentAtOf } from './socketio-frames.ts';

export interface SoakSpec {
  url: string;
  /** This generator's slots are firstSlot … firstSlot + slots − 1 of the run's `totalSlots`. */
  firstSlot: number;
  slots: number;
  totalSlots: number;
  responders: number;
  teams: number;
  speed: number;
  scenario: string;
  interval: number;
  /** Start slot i that far into its day (i / totalSlots of the scenario), so that ends are spread as in a real day. */
  stagger: boolean;
  /**
   * A staggered session is played to its start, one command per responder per interval of sim
   * time (game-client.ts, playHistory), so it holds the log a session that far into its day holds
   * and the run starts in its steady state. False: a bare jump.
   */
  history: boolean;
}

export interface SoakWindow extends Tally {
  fanout: number[];
  sessionsStarted: number;
  sessionsEnded: number;
  /** Sessions that could not be seated (a replacement refused, e.g. as busy), by reason. */
  seatFailures: Record<string, number>;
  /** Bytes the server sent to the responders (hosts not counted). */
  bytesToResponders: number;
  responders: number;
  clients: number;
}

interface Slot { seated: SeatedSession; stops: (() => void)[] }

const RESEAT_RETRY_MS = 5_000;
const fresh = (): SoakWindow => ({ ...newTally(), fanout: [], sessionsStarted: 0, sessionsEnded: 0, seatFailures: {}, bytesToResponders: 0, responders: 0, clients: 0 });

export class SoakDriver {
  private window = fresh();
  private readonly slots = new Map<number, Slot>();
  /** How many sessions each slot has had (a session's index is slot + totalSlots × generation). */
  private readonly generations = new Map<number, number>();
  private readonly inflight = new Set<Promise<void>>();
  private durationMinutes = 0;
  private stopped = false;

  constructor(private readonly spec: SoakSpec) {}

  /** Seats every slot's first session; resolves with the number of clients. */
  async start(): Promise<number> {
    const scenarios = (await (await fetch(`${this.spec.url}/api/scenarios`)).json()) as { id: string; durationMinutes: number }[];
    this.durationMinutes = scenarios.find((s) => s.id === this.spec.scenario)?.durationMinutes ?? 0;
    const { firstSlot, slots } = this.spec;
    for (let i = 0; i < slots; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, slots - i) }, (_, k) => this.seat(firstSlot + i + k, true)));
    }
    return this.clients();
  }

  report(): SoakWindow {
    const window = this.window;
    this.window = fresh();
    for (const { seated } of this.slots.values()) {
      for (const { socket } of seated.responders) window.bytesToResponders += socket.bytesIn;
      for (const socket of [seated.host, ...seated.responders.map((r) => r.socket)]) socket.resetCounters();
      window.responders += seated.responders.length;
    }
    window.clients = this.clients();
    return window;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots.values()) this.retire(slot);
    await Promise.race([Promise.all(this.inflight), new Promise((r) => setTimeout(r, 6_000))]);
    this.slots.clear();
  }

  private clients(): number {
    let n = 0;
    for (const { seated } of this.slots.values()) n += 1 + seated.responders.length;
    return n;
  }

  private async seat(slot: number, first: boolean): Promise<void> {
    const generation = this.generations.get(slot) ?? 0;
    this.generations.set(slot, generation + 1);
    const index = slot + this.spec.totalSlots * generation;
    const skipMinutes = first && this.spec.stagger ? Math.floor((slot / this.spec.totalSlots) * this.durationMinutes) : 0;
    let seated: SeatedSession;
    try {
      const historyEveryMinutes = this.spec.history && skipMinutes > 0 ? (this.spec.interval * this.spec.speed) / 60 : undefined;
      seated = await seatGameSession(index, { ...this.spec, skipMinutes, historyEveryMinutes }, () => openSocket(this.spec.url, index));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.window.seatFailures[reason] = (this.window.seatFailures[reason] ?? 0) + 1;
      if (!this.stopped) setTimeout(() => { void this.seat(slot, false); }, RESEAT_RETRY_MS);
      return;
    }
    if (this.stopped) {
      for (const socket of [seated.host, ...seated.responders.map((r) => r.socket)]) socket.close();
      return;
    }
    const onDelta = (_args: unknown, raw: string) => {
      const sentAt = sentAtOf(raw);
      if (sentAt !== null) this.window.fanout.push(Date.now() - sentAt);
    };
    seated.host.on('host:delta', onDelta);
    const entry: Slot = { seated, stops: [] };
    let live = true;
    seated.host.on('session:ended', () => {
      if (!live) return;
      live = false;
      this.window.sessionsEnded++;
      this.retire(entry);
      if (this.slots.get(slot) === entry) this.slots.delete(slot);
      if (!this.stopped) void this.seat(slot, false);
    });
    seated.responders.forEach((responder, r) => {
      responder.socket.on('team:delta', onDelta);
      entry.stops.push(commandLoop(responder, index * 31 + r, this.spec.interval * 1000, () => this.window, () => live && !this.stopped, this.inflight));
    });
    this.slots.set(slot, entry);
    this.window.sessionsStarted++;
  }

  /** Stops its responders and closes its sockets (the server keeps the ended session; nobody is connected to it). */
  private retire(slot: Slot): void {
    for (const stop of slot.stops) stop();
    const { seated } = slot;
    // Let the last acks arrive before closing.
    setTimeout(() => { for (const socket of [seated.host, ...seated.responders.map((r) => r.socket)]) socket.close(); }, 5_500);
  }
}
