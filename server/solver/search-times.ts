/**
 * When a next change is worth trying, given the world a plan leaves: on a grid that is dense just
 * after the plan's last change and sparse later, and at each moment the team's view changes stage
 * there (a page starts or stops for good, a tool or change is unlocked): a team acts as the
 * symptoms change, so a second fix is tried when the first one's effect shows and what it leaves
 * appears.
 */
import type { Sample } from '../engine/index.ts';
import type { PageRule } from './observed-objective.ts';

/** Minutes after the anchor at which a change is tried: dense early, sparse later. */
export const TIME_GRID_MINUTES = [0, 1, 2, 4, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 360, 480];
/** A page's condition must hold (or stay clear) this long after it flips for the flip to count as a new stage. */
const SUSTAINED_SECONDS = 10 * 60;
/** At most this many stage changes are added (the earliest), and each also a few minutes later. */
const MAX_STAGE_TIMES = 8;
const STAGE_OFFSETS_SECONDS = [0, 5 * 60];

const ceilMinute = (t: number) => Math.ceil(t / 60) * 60;

/** Times after `anchor` at which some page's condition flips and then holds for SUSTAINED_SECONDS. */
export function stageChanges(samples: readonly Sample[], pages: readonly PageRule[], anchor: number): number[] {
  const out = new Set<number>();
  for (const rule of pages) {
    const on = (s: Sample) => { const v = s.values[rule.signal] ?? 0; return rule.op === 'above' ? v > rule.threshold : v < rule.threshold; };
    for (let i = 1; i < samples.length; i++) {
      const s = samples[i]!;
      if (s.t <= anchor || on(s) === on(samples[i - 1]!)) continue;
      let j = i;
      while (j < samples.length && on(samples[j]!) === on(s) && samples[j]!.t - s.t < SUSTAINED_SECONDS) j++;
      if (j === samples.length || samples[j]!.t - s.t >= SUSTAINED_SECONDS) out.add(ceilMinute(s.t));
    }
  }
  return [...out].sort((a, b) => a - b).slice(0, MAX_STAGE_TIMES);
}

/** The times to try after `anchor` (the plan's last change, or when the team can first act), before `end`. */
export function searchTimes(anchor: number, end: number, stages: readonly number[], unlocks: readonly number[]): number[] {
  const times = new Set<number>(TIME_GRID_MINUTES.map((m) => anchor + m * 60));
  for (const s of stages) for (const d of STAGE_OFFSETS_SECONDS) times.add(s + d);
  for (const u of unlocks) if (u > anchor) times.add(ceilMinute(u));
  return [...times].filter((t) => t >= anchor && t < end).sort((a, b) => a - b);
}
