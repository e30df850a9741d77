/**
 * The shared sim clock, interpolated between server ticks. We anchor on the local receipt time,
 * not the server's `sentAt`, so a browser whose wall clock is off by minutes still shows the right
 * sim time (the one-way latency, a few ms, is negligible at any speed).
 */
import type { ClockState } from '../../server/protocol/views.ts';

export interface LocalClock {
  state: ClockState;
  /** Local `Date.now()` when the state arrived. */
  receivedAt: number;
}

export function receiveClock(state: ClockState, now: number): LocalClock {
  return { state, receivedAt: now };
}

/** Sim seconds now: frozen unless running, never past the scenario's end. */
export function simNow(clock: LocalClock, now: number): number {
  const { state } = clock;
  if (state.status !== 'running') return state.simTime;
  const t = state.simTime + (Math.max(0, now - clock.receivedAt) / 1000) * state.speed;
  return Math.min(state.end, t);
}

/** Share of the scenario window elapsed, 0..1. */
export function progressOf(state: ClockState, t: number): number {
  const span = state.end - state.start;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (t - state.start) / span));
}

/** Real seconds until the scenario's end at the current speed. */
export function realSecondsLeft(state: ClockState, t: number): number {
  return Math.max(0, state.end - t) / Math.max(1, state.speed);
}

/**
 * A delta's sim time can run ahead of our interpolation (a tick arrived before its clock):
 * keep the later of the two so the displayed clock never goes backwards within a run.
 */
export function advanceTo(clock: LocalClock, t: number, now: number): LocalClock {
  if (clock.state.status !== 'running' || t <= simNow(clock, now)) return clock;
  return { state: { ...clock.state, simTime: t }, receivedAt: now };
}

/**
 * The clock as one team reads it. A team the host rewound alone runs `teamLags[teamId]` behind the
 * session clock, and its run stops that much before the scenario's end (the session ends for all).
 */
export function teamClock(state: ClockState, teamId: string | null): ClockState {
  const lag = teamId === null ? 0 : (state.teamLags?.[teamId] ?? 0);
  return lag === 0 ? state : { ...state, simTime: state.simTime - lag, end: state.end - lag };
}
