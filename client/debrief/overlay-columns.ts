/**
 * uPlot columns for one debrief curve: the team's values up to the scrubber time (nothing after:
 * the replay shows the session as it was then), then, for a branch, the original team's run in
 * full, and the real responders' run in full as the ghost.
 */
import type { Debrief } from '../../server/protocol/debrief.ts';
import type { SeriesColumns } from '../lib/series.ts';

export function overlayColumns(debrief: Debrief, teamCurve: readonly number[], signalId: string, t: number, parentCurve?: readonly number[]): SeriesColumns {
  const whole = (curve: readonly number[]) => debrief.times.map((_, i) => curve[i] ?? null);
  const team = debrief.times.map((x, i) => (x <= t ? (teamCurve[i] ?? null) : null));
  const reference = whole(debrief.reference.curves[signalId] ?? []);
  return parentCurve ? [debrief.times.slice(), team, whole(parentCurve), reference] : [debrief.times.slice(), team, reference];
}

/** The value a curve had at t (the last sample at or before it), or null before the first sample. */
export function valueAt(times: readonly number[], curve: readonly number[], t: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < times.length && (times[i] as number) <= t; i++) found = curve[i] ?? null;
  return found;
}
