/**
 * How the solver judges a simulated future, from the team's observation only: the error-minutes of
 * the impact signal (its area above the baseline, as a team would read it off the chart), a charge
 * for every minute until the signal is back under the baseline for good, and a charge for every
 * minute each of the team's other alert rules holds (a page the team still has open: a multi-stage
 * incident is not over while its later stages page, even once the headline curve is back).
 */
import type { Sample } from '../engine/index.ts';

/** A recovery must hold this long before the end of the window to count. */
export const RECOVERY_HOLD_SECONDS = 5 * 60;

/** An alert rule as the team's alerting tool shows it, with what one minute of it firing weighs. */
export interface PageRule {
  signal: string;
  op: 'above' | 'below';
  threshold: number;
  /** Share of the per-minute charge: a critical page weighs more than a warning. */
  weight: number;
  /**
   * How far past its threshold the signal goes at worst (in the signal's unit): a minute of the page
   * costs half its weight for holding, and up to as much again for how far past it the signal is,
   * so that a fix that brings a signal most of the way back shows before the page clears.
   */
  scale: number;
}

/** How far past the rule's threshold a value is (0 when the rule does not hold). */
export const pastThreshold = (rule: Pick<PageRule, 'op' | 'threshold'>, v: number): number => Math.max(0, rule.op === 'above' ? v - rule.threshold : rule.threshold - v);

/** What a minute of a page of each severity weighs, against a minute of the headline impact unresolved. */
export const PAGE_WEIGHT: Record<'critical' | 'warning' | 'info', number> = { critical: 1, warning: 0.5, info: 0.25 };

export interface ObservedImpact {
  errorMinutes: number;
  /** First sample of the final stretch under the baseline, or null when it never settles (or never left it). */
  recoveredAt: number | null;
  /** From when the signal stays under the baseline: `from` if it never rose above it, else recoveredAt. */
  settledAt: number | null;
  /** Minutes the other alert rules held after `from`, each weighted by its severity and how far past its threshold. */
  pageMinutes: number;
  /** errorMinutes + minuteCharge × (minutes from `from` to recovery (or the end) + pageMinutes). */
  cost: number;
}

export function observedImpact(
  samples: readonly Sample[], signal: string, baseline: number, from: number, end: number, minuteCharge: number, pages: readonly PageRule[] = [],
): ObservedImpact {
  let area = 0;
  let lastAbove = -1;
  let paged = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const v = s.values[signal] ?? 0;
    if (v > baseline) lastAbove = i;
    if (i === 0) continue;
    const minutes = (s.t - samples[i - 1]!.t) / 60;
    area += Math.max(0, v - baseline) * minutes;
    if (s.t <= from) continue;
    for (const rule of pages) {
      const past = pastThreshold(rule, s.values[rule.signal] ?? 0);
      if (past > 0) paged += rule.weight * minutes * (0.5 + 0.5 * Math.min(1, past / rule.scale));
    }
  }
  const next = samples[lastAbove + 1];
  const recoveredAt = lastAbove >= 0 && next && end - next.t >= RECOVERY_HOLD_SECONDS ? next.t : null;
  const settledAt = lastAbove < 0 || samples[lastAbove]!.t < from ? from : recoveredAt;
  const errorMinutes = Math.round(area * 10) / 10;
  const pageMinutes = Math.round(paged * 10) / 10;
  return { errorMinutes, recoveredAt, settledAt, pageMinutes, cost: errorMinutes + minuteCharge * (Math.max(0, (settledAt ?? end) - from) / 60 + pageMinutes) };
}
