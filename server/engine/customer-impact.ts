/**
 * What customers experienced in a run, read from its samples: which of the status page's
 * components were failing when, and the weighted area of every customer-facing signal beyond its
 * healthy baseline. Scoring (impact, the judgement of status posts, moot milestones) is built on it.
 */
import type { ImpactSignalSpec, ScenarioData, SignalCondition } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { Sample, World } from './world.ts';

export interface StatusComponent {
  id: string;
  label: string;
  failing: SignalCondition[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function conditionHolds(c: SignalCondition, values: Record<string, number>): boolean {
  const v = values[c.signal] ?? 0;
  return c.op === 'above' ? v > c.threshold : v < c.threshold;
}

/**
 * The status page's components; without a `statusPage`, one per customer-facing signal, failing
 * while it is beyond its baseline (small fixtures).
 */
export function statusComponents(data: ScenarioData): StatusComponent[] {
  if (data.statusPage) return data.statusPage.components;
  return data.scoring.impact.map((s) => ({
    id: s.signal,
    label: data.signals.find((x) => x.id === s.signal)?.label ?? s.signal,
    failing: [{ signal: s.signal, op: s.op, threshold: s.baseline }],
  }));
}

/** The components failing at one sample: any of their conditions holds. */
export function failingAt(components: readonly StatusComponent[], sample: Sample): string[] {
  return components.filter((c) => c.failing.some((f) => conditionHolds(f, sample.values))).map((c) => c.id);
}

/** When customers were hit in a run: the first failing sample, and when the last stretch of failure ended. */
export interface CustomerHit {
  /** First sample with a failing component; null when no customer was ever hit. */
  first: SimSeconds | null;
  /** The first sample of the final stretch with nothing failing; null when never hit or still failing at the end. */
  end: SimSeconds | null;
  /** A component was failing at the run's last sample. */
  failingAtEnd: boolean;
}

export function customerHit(data: ScenarioData, world: World<unknown>): CustomerHit {
  const components = statusComponents(data);
  let first: SimSeconds | null = null;
  let lastFailing = -1;
  world.samples.forEach((s, i) => {
    if (failingAt(components, s).length === 0) return;
    if (first === null) first = s.t;
    lastFailing = i;
  });
  const failingAtEnd = lastFailing >= 0 && lastFailing === world.samples.length - 1;
  const end = lastFailing < 0 || failingAtEnd ? null : world.samples[lastFailing + 1]!.t;
  return { first, end, failingAtEnd };
}

/** The components failing at any sample in (t − lookback, t]; at least the sample at or before t. */
export function failingAround(components: readonly StatusComponent[], samples: readonly Sample[], t: SimSeconds, lookbackSeconds: number): string[] {
  const out = new Set<string>();
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (s.t > t) continue;
    for (const id of failingAt(components, s)) out.add(id);
    if (s.t <= t - lookbackSeconds) break;
  }
  return components.map((c) => c.id).filter((id) => out.has(id));
}

export interface SignalArea {
  spec: ImpactSignalSpec;
  /** Unit × minutes beyond the baseline, rounded to one decimal. */
  area: number;
  /** round1(weight × area). */
  weighted: number;
}

/**
 * Area of one signal beyond its baseline, in signal unit × minutes: each sample stands for the
 * interval since the previous one, and only the part of it after `from` counts.
 */
export function signalArea(samples: readonly Sample[], spec: ImpactSignalSpec, from = -Infinity): number {
  let area = 0;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    const cur = samples[i]!;
    if (cur.t <= from) continue;
    const v = cur.values[spec.signal] ?? 0;
    const beyond = spec.op === 'above' ? v - spec.baseline : spec.baseline - v;
    area += Math.max(0, beyond) * ((cur.t - Math.max(prev.t, from)) / 60);
  }
  return round1(area);
}

/** Every customer-facing signal's area and weighted area, and their sum (the run's customer impact). */
export function customerImpact(data: ScenarioData, world: World<unknown>, from = -Infinity): { signals: SignalArea[]; total: number } {
  const signals = data.scoring.impact.map((spec) => {
    const area = signalArea(world.samples, spec, from);
    return { spec, area, weighted: round1(spec.weight * area) };
  });
  return { signals, total: round1(signals.reduce((s, x) => s + x.weighted, 0)) };
}
