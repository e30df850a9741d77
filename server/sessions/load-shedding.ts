/**
 * Overload without collapse: when the event loop or the disk falls behind, the server stops taking
 * on more — new sessions, branches and joins get a clear "busy" answer — before the sessions
 * already running suffer. Commands, chat, clock controls and resumed seats are never refused here.
 * The measures come from a probe (event-loop-lag.ts and the store in the server; a test injects its own).
 */

export const SERVER_BUSY = 'the server is busy right now, so it is not taking new sessions or players; the sessions already running carry on. Please try again in a minute.';

export interface LoadProbe {
  /** How late the event loop runs its timers now (ms), e.g. the median over the last second. */
  eventLoopLagMs(): number;
  /** How far the disk is behind (ms): the durable write in flight, or the last one's duration. */
  storageLagMs(): number;
}

export interface LoadLimits {
  eventLoopLagMs: number;
  storageLagMs: number;
}

/**
 * An acknowledgement should take under 50 ms at p99. A loop whose median lateness over a second is
 * 200 ms, or a disk taking a second per write, is past that for everyone: new load would make it
 * worse. (OVERLOAD_LOOP_MS and OVERLOAD_DISK_MS change them; see main.ts.)
 */
export const DEFAULT_LOAD_LIMITS: LoadLimits = { eventLoopLagMs: 200, storageLagMs: 1000 };

export interface LoadStatus {
  busy: boolean;
  /** What is behind, when busy. */
  reason: string | null;
  eventLoopLagMs: number;
  storageLagMs: number;
  limits: LoadLimits;
  /** How many requests were refused as busy since the start. */
  refused: number;
}

export class LoadShedder {
  private busyReason: string | null = null;
  private refused = 0;

  constructor(private readonly probe: LoadProbe, private readonly limits: LoadLimits = DEFAULT_LOAD_LIMITS) {}

  /**
   * The refusal for new work now, or null. Once busy, it stays busy until both measures are back
   * under half their limits, so a server at the edge does not flap between yes and no.
   */
  refusal(): string | null {
    const reason = this.evaluate();
    if (reason === null) return null;
    this.refused++;
    return SERVER_BUSY;
  }

  status(): LoadStatus {
    const reason = this.evaluate();
    return { busy: reason !== null, reason, eventLoopLagMs: round(this.probe.eventLoopLagMs()), storageLagMs: round(this.probe.storageLagMs()), limits: this.limits, refused: this.refused };
  }

  private evaluate(): string | null {
    const loop = this.probe.eventLoopLagMs();
    const disk = this.probe.storageLagMs();
    const factor = this.busyReason === null ? 1 : 0.5;
    const behind: string[] = [];
    if (loop > this.limits.eventLoopLagMs * factor) behind.push(`event loop ${round(loop)} ms late`);
    if (disk > this.limits.storageLagMs * factor) behind.push(`disk writes taking ${round(disk)} ms`);
    this.busyReason = behind.length > 0 ? behind.join(', ') : null;
    return this.busyReason;
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;
