/**
 * uPlot columns for one debrief curve, bottom to top as they are drawn: the real responders' run
 * in full as the ghost, then, for a branch, the original team's run in full, and on top the team's
 * values up to the scrubber time (nothing after: the replay shows the session as it was then). The
 * team is drawn last so it stays visible wherever it matches the ghost or sits at 0.
 */
import type { Debrief } from '../../server/protocol/debrief.ts';
import type { SeriesColumns } from '../lib/series.ts';

export function overlayColumns(debrief: Debrief, teamCurve: readonly number[], signalId: string, t: number, parentCurve?: readonly number[]): SeriesColumns {
  const whole = (curve: readonly number[]) => debrief.times.map((_, i) => curve[i] ?? null);
  const team = debrief.times.map((x, i) => (x <= t ? (teamCurve[i] ?? null) : null));
  const reference = whole(debrief.reference.curves[signalId] ?? []);
  return parentCurve ? [debrief.times.slice(), reference, whole(parentCurve), team] : [debrief.times.slice(), reference, team];
}

/**
 * The value a curve had at t: its last sample at or before t, with that sample's time. A curve can
 * stop before t (a rewound team's run ends behind the session's clock): its last value is then
 * given with its own time. Null only before the first sample.
 */
export function valueAt(times: readonly number[], curve: readonly number[], t: number): { value: number; at: number } | null {
  let found: { value: number; at: number } | null = null;
  for (let i = 0; i < times.length && i < curve.length && (times[i] as number) <= t; i++) found = { value: curve[i] as number, at: times[i] as number };
  return found;
}
