/**
 * The shared sim clock as plain data. While running, sim time = base + elapsed real × speed, so a
 * pause stops it exactly and a restart (which rebases on the checkpoint) does not count downtime.
 */
import type { SessionStatus } from '../protocol/views.ts';

export interface SimClock {
  status: SessionStatus;
  /** Sim time at `baseWall`. */
  baseSim: number;
  /** Wall clock (ms) when `baseSim` was taken. */
  baseWall: number;
  speed: number;
  start: number;
  end: number;
}

export function simNow(clock: SimClock, wall: number): number {
  if (clock.status !== 'running') return clock.baseSim;
  return Math.min(clock.end, clock.baseSim + (Math.max(0, wall - clock.baseWall) / 1000) * clock.speed);
}

/** The same clock re-based at `wall` (before a speed change, a pause, a skip). */
export function rebase(clock: SimClock, wall: number): SimClock {
  return { ...clock, baseSim: roundMs(simNow(clock, wall)), baseWall: wall };
}

/** Millisecond precision keeps the log readable and the value exact through JSON. */
export const roundMs = (t: number): number => Math.round(t * 1000) / 1000;
