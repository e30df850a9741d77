import type { MarkerRule, MetricSpec, ScenarioData } from './scenario-definition.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { Sample } from './world.ts';

export type Markers = Record<string, SimSeconds | null>;

/** A recovery that qualified and then broke before its rule's `holdsUntil` limit: the credit is withdrawn. */
export interface MarkerRelapse {
  marker: string;
  /** Start of the qualifying window that broke. */
  recoveredAt: SimSeconds;
  /** The first sample where the condition no longer held. */
  relapsedAt: SimSeconds;
}

export interface MarkerFindings {
  markers: Markers;
  relapses: MarkerRelapse[];
  /** Rules with no marker whose condition held at the last sample for less than `forMinutes` (undecided). */
  open: string[];
}

/**
 * Markers are derived from the signals only, never written by hand: a marker is the first window
 * in which `signal op threshold` holds on every sample for at least `forMinutes`, starting after the
 * marker named in `after` (if any) and not before `notBefore`. A rule with `holdsUntil` only counts
 * a window that holds until that marker (or the end of the samples when it never happens, or when
 * it is "end"): a recovery that breaks earlier is a relapse, and the marker is the last recovery.
 */
export function computeMarkers(data: ScenarioData, samples: readonly Sample[]): Markers {
  return findMarkers(data, samples).markers;
}

export function findMarkers(data: ScenarioData, samples: readonly Sample[]): MarkerFindings {
  const found: MarkerFindings = { markers: {}, relapses: [], open: [] };
  for (const rule of orderByDependency(data.markers)) {
    const result = findMarker(rule, samples, found.markers);
    found.markers[rule.id] = result.at;
    for (const r of result.relapses) found.relapses.push({ marker: rule.id, ...r });
    if (result.at === null && result.openSince !== null) found.open.push(rule.id);
  }
  return found;
}

const dependencies = (r: MarkerRule): string[] => [r.after, r.holdsUntil].filter((d): d is string => d !== undefined && d !== 'end');

function orderByDependency(rules: readonly MarkerRule[]): MarkerRule[] {
  const done = new Set<string>();
  const ordered: MarkerRule[] = [];
  let pending = rules.slice();
  while (pending.length > 0) {
    const ready = pending.filter((r) => dependencies(r).every((d) => done.has(d) || !rules.some((o) => o.id === d)));
    if (ready.length === 0) break; // a cycle: refused by scenario validation, ignored here
    for (const r of ready) { ordered.push(r); done.add(r.id); }
    pending = pending.filter((r) => !done.has(r.id));
  }
  return ordered;
}

function holds(rule: Pick<MarkerRule, 'signal' | 'op' | 'threshold'>, s: Sample): boolean {
  const v = s.values[rule.signal] ?? 0;
  return rule.op === 'above' ? v > rule.threshold : v < rule.threshold;
}

/** The fields of a marker rule that decide it (what `confirmingMarkers` needs; sent to the host). */
export type MarkerCondition = Pick<MarkerRule, 'id' | 'signal' | 'op' | 'threshold' | 'forMinutes' | 'after' | 'notBefore'>;

export interface ConfirmingMarker {
  id: string;
  /** Start of the window that holds so far. */
  since: SimSeconds;
  /** Sim seconds the condition must still hold before the marker counts. */
  remaining: SimSeconds;
}

/**
 * Markers not reached yet whose condition holds on the latest samples: "confirming…". Ending the
 * session now would score them not reached, because the window is shorter than `forMinutes`.
 */
export function confirmingMarkers(rules: readonly MarkerCondition[], samples: readonly Sample[], markers: Markers): ConfirmingMarker[] {
  const last = samples.at(-1);
  if (!last) return [];
  const out: ConfirmingMarker[] = [];
  for (const rule of rules) {
    if (markers[rule.id] !== null && markers[rule.id] !== undefined) continue;
    let earliest = rule.notBefore ? clock(rule.notBefore) : -Infinity;
    if (rule.after) {
      const after = markers[rule.after];
      if (after === null || after === undefined) continue;
      earliest = Math.max(earliest, after + 1);
    }
    let since: SimSeconds | null = null;
    for (let i = samples.length - 1; i >= 0; i--) {
      const s = samples[i] as Sample;
      if (s.t < earliest || !holds(rule, s)) break;
      since = s.t;
    }
    if (since !== null) out.push({ id: rule.id, since, remaining: Math.max(0, rule.forMinutes * 60 - (last.t - since)) });
  }
  return out;
}

interface RuleResult {
  at: SimSeconds | null;
  relapses: { recoveredAt: SimSeconds; relapsedAt: SimSeconds }[];
  /** Start of a window still holding at the last sample that has not yet lasted `forMinutes`. */
  openSince: SimSeconds | null;
}

function findMarker(rule: MarkerRule, samples: readonly Sample[], markers: Markers): RuleResult {
  const result: RuleResult = { at: null, relapses: [], openSince: null };
  let earliest = rule.notBefore ? clock(rule.notBefore) : -Infinity;
  if (rule.after) {
    const after = markers[rule.after];
    if (after === null || after === undefined) return result;
    earliest = Math.max(earliest, after + 1);
  }
  // Until when a qualifying window must hold (Infinity: no break allowed until the last sample).
  const limit = rule.holdsUntil === undefined ? null
    : rule.holdsUntil === 'end' ? Infinity
    : markers[rule.holdsUntil] ?? Infinity;
  const need = rule.forMinutes * 60;
  const markerOf = (start: SimSeconds) => (rule.at === 'start' ? start : start + need);
  let windowStart: SimSeconds | null = null;
  let qualified = false;
  for (const s of samples) {
    if (s.t < earliest) continue;
    if (!holds(rule, s)) {
      if (qualified && windowStart !== null) {
        if (limit !== null && s.t < limit) result.relapses.push({ recoveredAt: markerOf(windowStart), relapsedAt: s.t });
        else return { ...result, at: markerOf(windowStart) };
      }
      windowStart = null;
      qualified = false;
      continue;
    }
    windowStart ??= s.t;
    if (!qualified && s.t - windowStart >= need) {
      if (limit === null) return { ...result, at: rule.at === 'start' ? windowStart : s.t };
      qualified = true;
    }
  }
  if (windowStart === null) return result;
  if (qualified) return { ...result, at: markerOf(windowStart) };
  return { ...result, openSince: windowStart };
}

export function computeMetrics(data: ScenarioData, samples: readonly Sample[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of data.metrics) out[m.id] = reduce(m, samples);
  return out;
}

function reduce(metric: MetricSpec, samples: readonly Sample[]): number | null {
  if (samples.length === 0) return null;
  const values = samples.map((s) => s.values[metric.signal] ?? 0);
  const v = metric.reduce === 'max' ? Math.max(...values)
    : metric.reduce === 'min' ? Math.min(...values)
    : values.reduce((a, b) => a + b, 0) / values.length;
  return Math.round(v * metric.scale * 1e4) / 1e4;
}
