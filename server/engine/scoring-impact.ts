/**
 * Triage and mitigate: customer impact avoided. Impact is the weighted area of every
 * customer-facing signal beyond its healthy baseline (customer-impact.ts). Points measure the
 * team's impact against the real responders', on the scale of what they avoided against doing
 * nothing: matching them earns the weight, every unit less earns more (no cap below "no impact at
 * all"), every unit more earns less, and doing nothing at all earns 0 (over a whole run).
 */
import { customerImpact } from './customer-impact.ts';
import type { ScenarioData } from './scenario-definition.ts';
import type { ImpactScore, ScoreWindow } from './scoring-types.ts';
import type { World } from './world.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The yardstick: what the real responders avoided, but at least a quarter of the impact of doing
 * nothing (a session ended, or a branch scored, before the real responders had achieved much), and
 * at least 1. Matching the real responders always earns the weight.
 */
export function impactScale(noAction: number, reference: number): number {
  return round1(Math.max(noAction - reference, noAction / 4, 1));
}

export function scoreImpact(data: ScenarioData, world: World<unknown>, reference: World<unknown>, noAction: World<unknown>, window: ScoreWindow = {}): ImpactScore {
  const team = customerImpact(data, world, window.from);
  const ref = customerImpact(data, reference, window.from);
  const none = customerImpact(data, noAction, window.from);
  const weight = data.scoring.impactWeight;
  const scale = impactScale(none.total, ref.total);
  const usual = scale === round1(none.total - ref.total);
  const avoided = round1(none.total - team.total);
  return {
    signal: data.scoring.impactSignal,
    baseline: data.scoring.impactBaseline,
    signals: team.signals.map((s, i) => ({
      signal: s.spec.signal, label: data.signals.find((x) => x.id === s.spec.signal)?.label ?? s.spec.signal,
      weight: s.spec.weight, baseline: s.spec.baseline, op: s.spec.op,
      team: s.area, reference: ref.signals[i]!.area, noAction: none.signals[i]!.area,
    })),
    errorMinutes: team.total,
    referenceErrorMinutes: ref.total,
    noActionErrorMinutes: none.total,
    avoidedShare: round3(avoided / scale),
    points: round1(weight * (1 + round1(ref.total - team.total) / scale)),
    weight,
    rule: usual
      ? `${weight} × (1 + (${ref.total} − ${team.total}) / (${none.total} − ${ref.total}))`
      : `${weight} × (1 + (${ref.total} − ${team.total}) / ${scale})`,
  };
}
