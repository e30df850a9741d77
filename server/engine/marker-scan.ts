/**
 * The marker rules (markers.ts) evaluated incrementally: each rule keeps where its scan stands, so
 * a world that gained a few samples costs a few steps, not a rescan of the day. `findMarkers` is
 * one scan over all samples, so live views and finished runs share one implementation.
 *
 * A rule's scan depends on two other markers (`after` sets where it may start, `holdsUntil` until
 * when a recovery must hold); when either moves, that rule alone is scanned again from the start.
 * Samples must be a growing list: handed a list that is not an extension of the last one (a
 * rewound or another world), the scan starts over.
 */
import type { MarkerRule, ScenarioData } from './scenario-definition.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { Sample } from './world.ts';
import type { MarkerFindings, MarkerRelapse, Markers } from './markers.ts';

interface RuleScan {
  rule: MarkerRule;
  /** `notBefore` in sim seconds (-Infinity when the rule has none). */
  notBefore: SimSeconds;
  /** Inputs the scan was made with: the earliest window start (null: blocked, `after` not reached) and the hold limit. */
  earliest: SimSeconds | null;
  limit: SimSeconds | null;
  /** Samples consumed. */
  next: number;
  windowStart: SimSeconds | null;
  qualified: boolean;
  relapses: { recoveredAt: SimSeconds; relapsedAt: SimSeconds }[];
  /** Set once the rule is decided for good (given the same inputs). */
  done: SimSeconds | null;
  isDone: boolean;
}

export class MarkerScan {
  private readonly rules: RuleScan[];
  private seen = 0;
  private lastSample: Sample | undefined;

  constructor(data: ScenarioData) {
    this.rules = orderByDependency(data.markers).map((rule) => fresh(rule, null, null));
  }

  /** The markers of these samples (findMarkers' answer), consuming only what was added since the last call. */
  update(samples: readonly Sample[]): MarkerFindings {
    if (samples.length < this.seen || (this.seen > 0 && samples[this.seen - 1] !== this.lastSample)) {
      this.rules.forEach((r, i) => { this.rules[i] = fresh(r.rule, null, null); });
    }
    this.seen = samples.length;
    this.lastSample = samples[samples.length - 1];

    const found: MarkerFindings = { markers: {}, relapses: [], open: [] };
    for (let i = 0; i < this.rules.length; i++) {
      let scan = this.rules[i]!;
      const { earliest, limit } = inputsOf(scan, found.markers);
      if (earliest !== scan.earliest || limit !== scan.limit) scan = this.rules[i] = fresh(scan.rule, earliest, limit);
      if (scan.earliest !== null) consume(scan, samples);
      const { at, openSince } = resultOf(scan);
      found.markers[scan.rule.id] = at;
      for (const r of scan.relapses) found.relapses.push({ marker: scan.rule.id, ...r } satisfies MarkerRelapse);
      if (at === null && openSince !== null) found.open.push(scan.rule.id);
    }
    return found;
  }
}

/** The markers of a whole list of samples, in one scan. */
export function scanMarkers(data: ScenarioData, samples: readonly Sample[]): MarkerFindings {
  return new MarkerScan(data).update(samples);
}

function fresh(rule: MarkerRule, earliest: SimSeconds | null, limit: SimSeconds | null): RuleScan {
  return { rule, notBefore: rule.notBefore ? clock(rule.notBefore) : -Infinity, earliest, limit, next: 0, windowStart: null, qualified: false, relapses: [], done: null, isDone: false };
}

/** Where the rule may start (null: its `after` marker is not reached) and until when a window must hold. */
function inputsOf({ rule, notBefore }: RuleScan, markers: Markers): { earliest: SimSeconds | null; limit: SimSeconds | null } {
  let earliest = notBefore;
  if (rule.after) {
    const after = markers[rule.after];
    if (after === null || after === undefined) return { earliest: null, limit: null };
    earliest = Math.max(earliest, after + 1);
  }
  // Infinity: no break allowed until the last sample.
  const limit = rule.holdsUntil === undefined ? null
    : rule.holdsUntil === 'end' ? Infinity
    : markers[rule.holdsUntil] ?? Infinity;
  return { earliest, limit };
}

function consume(scan: RuleScan, samples: readonly Sample[]): void {
  if (scan.isDone) return;
  const { rule, limit } = scan;
  const earliest = scan.earliest!;
  const need = rule.forMinutes * 60;
  const { signal, threshold } = rule;
  const above = rule.op === 'above';
  // Locals in the loop, written back once: this runs over every new sample of every rule.
  let { windowStart, qualified } = scan;
  let i = scan.next;
  for (; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.t < earliest) continue;
    const v = s.values[signal] ?? 0;
    if (!(above ? v > threshold : v < threshold)) {
      if (qualified && windowStart !== null) {
        if (limit !== null && s.t < limit) scan.relapses.push({ recoveredAt: markerOf(rule, windowStart), relapsedAt: s.t });
        else { scan.done = markerOf(rule, windowStart); scan.isDone = true; i++; break; }
      }
      windowStart = null;
      qualified = false;
      continue;
    }
    windowStart ??= s.t;
    if (!qualified && s.t - windowStart >= need) {
      if (limit === null) { scan.done = rule.at === 'start' ? windowStart : s.t; scan.isDone = true; i++; break; }
      qualified = true;
    }
  }
  scan.next = i;
  scan.windowStart = windowStart;
  scan.qualified = qualified;
}

const markerOf = (rule: MarkerRule, start: SimSeconds): SimSeconds => (rule.at === 'start' ? start : start + rule.forMinutes * 60);

function resultOf(scan: RuleScan): { at: SimSeconds | null; openSince: SimSeconds | null } {
  if (scan.earliest === null) return { at: null, openSince: null };
  if (scan.isDone) return { at: scan.done, openSince: null };
  if (scan.windowStart === null) return { at: null, openSince: null };
  if (scan.qualified) return { at: markerOf(scan.rule, scan.windowStart), openSince: null };
  return { at: null, openSince: scan.windowStart };
}

const dependencies = (r: MarkerRule): string[] => [r.after, r.holdsUntil].filter((d): d is string => d !== undefined && d !== 'end');

export function orderByDependency(rules: readonly MarkerRule[]): MarkerRule[] {
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
