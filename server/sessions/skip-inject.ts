/**
 * A library inject with `skipTo` moves the session's clock when the facilitator sends it: the way
 * past the slow hours of a long incident. How far, from the session's sim time now.
 */
import { clock } from '../engine/index.ts';
import { simNow } from './session-clock.ts';
import type { SessionState } from './session-state.ts';

/** Whole minutes to skip for this inject (rounded up), or 0 when it moves nothing (none, or already past). */
export function skipMinutes(state: SessionState, injectId: string | undefined, wall: number): number {
  if (injectId === undefined) return 0;
  const skipTo = state.scenario.data.injects.find((i) => i.id === injectId)?.skipTo;
  if (skipTo === undefined) return 0;
  const minutes = Math.ceil((clock(skipTo) - simNow(state.clock, wall)) / 60);
  return minutes >= 1 ? minutes : 0;
}
