/**
 * How the solver judges a simulated future, from the team's observation only: the error-minutes of
 * the impact signal (its area above the baseline, as a team would read it off the chart) plus a
 * charge for every minute until the signal is back under the baseline for good.
 */
import type { Sample } from '../engine/index.ts';

/** A recovery must hold this long before the end of the window to count. */
export const RECOVERY_HOLD_SECONDS = 5 * 60;

export interface ObservedImpact {
  errorMinutes: number;
  /** First sample of the final stretch under the baseline, or null when it never settles (or never left it). */
  recoveredAt: number | null;
  /** From when the signal stays under the baseline: `from` if it never rose above it, else recoveredAt. */
  settledAt: number | null;
  /** errorMinutes + minuteCharge × minutes from `from` to recovery (or the end). */
  cost: number;
}

export function observedImpact(
  samples: readonly Sample[], signal: string, baseline: number, from: number, end: number, minuteCharge: number,
): ObservedImpact {
  let area = 0;
  let lastAbove = -1;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!.values[signal] ?? 0;
    if (v > baseline) lastAbove = i;
    if (i > 0) area += Math.max(0, v - baseline) * ((samples[i]!.t - samples[i - 1]!.t) / 60);
  }
  const next = samples[lastAbove + 1];
  const recoveredAt = lastAbove >= 0 && next && end - next.t >= RECOVERY_HOLD_SECONDS ? next.t : null;
  const settledAt = lastAbove < 0 || samples[lastAbove]!.t < from ? from : recoveredAt;
  const errorMinutes = Math.round(area * 10) / 10;
  return { errorMinutes, recoveredAt, settledAt, cost: errorMinutes + minuteCharge * Math.max(0, (settledAt ?? end) - from) / 60 };
}
