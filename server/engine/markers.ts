import type { MarkerRule, MetricSpec, ScenarioData } from './scenario-definition.ts';
import { scanMarkers } from './marker-scan.ts';
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
  return scanMarkers(data, samples);
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
