/**
 * Triage and mitigate: customer impact avoided. Impact is the weighted area of every
 * customer-facing signal beyond its healthy baseline (customer-impact.ts). Points are the impact
 * avoided against doing nothing, as a share of what the real responders avoided: matching them
 * earns the weight, avoiding more earns more (no cap below "no impact at all"), less earns less,
 * and making things worse than doing nothing costs.
 */
import { customerImpact } from './customer-impact.ts';
import type { ScenarioData } from './scenario-definition.ts';
import type { ImpactScore, ScoreWindow } from './scoring-types.ts';
import type { World } from './world.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The real responders avoided less than this (weighted unit × minutes): the yardstick is doing nothing at all, 1 unit = 1. */
const MIN_AVOIDED = 1;

export function scoreImpact(data: ScenarioData, world: World<unknown>, reference: World<unknown>, noAction: World<unknown>, window: ScoreWindow = {}): ImpactScore {
  const team = customerImpact(data, world, window.from);
  const ref = customerImpact(data, reference, window.from);
  const none = customerImpact(data, noAction, window.from);
  const weight = data.scoring.impactWeight;
  const avoided = round1(none.total - team.total);
  const refAvoided = round1(Math.max(MIN_AVOIDED, none.total - ref.total));
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
    avoidedShare: round3(avoided / refAvoided),
    points: round1((weight * avoided) / refAvoided),
    weight,
    rule: `${weight} × (${none.total} − ${team.total}) / ${none.total - ref.total >= MIN_AVOIDED ? `(${none.total} − ${ref.total})` : MIN_AVOIDED}`,
  };
}
