/**
 * Scoring a run against the real timeline, driven entirely by the scenario's `milestones` and
 * `scoring` sections. Every line of the breakdown says how it was computed, so a person can check
 * the total by hand. Rules are documented in docs/scoring.md.
 *
 * `reference` is the reference plan's run (what the real responders did) with the same seed and
 * stopped at the same sim time as `world`: scoring it against itself gives the "as it happened"
 * baseline, and a team ended early is compared with a reference ended just as early.
 */
import type { Milestone, ParamValues, Scenario, ScenarioData } from './scenario-definition.ts';
import type { MarkerRelapse, Markers } from './markers.ts';
import { decideMarkers } from './decide-markers.ts';
import { clock, formatClock, type SimSeconds } from './sim-time.ts';
import type { FeedEntry, World } from './world.ts';

/** Minutes ahead of the real time at which a milestone earns double points (and behind, zero). */
export const MILESTONE_SPAN_MINUTES = 120;
/** Impact points are capped at this multiple of the weight (a team with no impact at all). */
export const IMPACT_MAX_FACTOR = 2;

export interface MilestoneScore {
  id: string;
  label: string;
  real: SimSeconds;
  team: SimSeconds | null;
  /** Positive: the team was ahead of the real responders. */
  minutesAhead: number | null;
  points: number;
  max: number;
  rule: string;
  /** Recoveries of this milestone's marker that relapsed before the end: their credit is withdrawn. */
  relapses?: { recoveredAt: SimSeconds; relapsedAt: SimSeconds }[];
  /** Reached before the scoring window's start (a branch point): the run it was inherited from scored it, so 0 here. */
  inherited?: true;
}

export interface Penalty {
  kind: 'wrong-diagnosis' | 'partial-diagnosis' | 'action' | 'hint';
  reason: string;
  at: SimSeconds;
  points: number;
}

export interface ImpactScore {
  /** The scenario's impact signal and the baseline above which it counts. */
  signal: string;
  baseline: number;
  errorMinutes: number;
  referenceErrorMinutes: number;
  points: number;
  weight: number;
  max: number;
  rule: string;
}

export interface ScoreBreakdown {
  total: number;
  milestones: MilestoneScore[];
  impact: ImpactScore;
  penalties: Penalty[];
  subtotals: { milestones: number; impact: number; penalties: number };
  /** The sum written out, e.g. "milestones 300 + impact 200 − penalties 50 = 450". */
  formula: string;
  /** Set when only the run from this sim time on was scored (a branch: see docs/scoring.md). */
  from?: SimSeconds;
}

/**
 * Which stretch of a run is scored. `from` (a branch point): milestones reached before it score 0
 * (inherited), error-minutes count from it, and only penalties at or after it apply.
 */
export interface ScoreWindow {
  from?: SimSeconds;
}

export function milestoneTime(data: ScenarioData, milestone: Milestone, world: World<unknown>, markers: Markers): SimSeconds | null {
  const src = milestone.source;
  switch (src.kind) {
    case 'marker':
      return markers[src.marker] ?? null;
    case 'first-alert':
      return world.feed.find((f) => f.kind === 'alert')?.at ?? null;
    case 'first-action-category': {
      // An action that found nothing to change (e.g. a revert before the change existed) earns nothing.
      const done = world.actions.filter((a) => a.status === 'done' && a.changed !== false && actionCategoryOf(data, a.action, a.params) === src.category).map((a) => a.effectiveAt);
      return done.length === 0 ? null : Math.min(...done);
    }
    case 'first-correct-diagnosis':
      // A right diagnosis whose attached findings do not back it is a guess: no credit (docs/scoring.md).
      return world.diagnoses.find((d) => d.correct && d.supported)?.at ?? null;
  }
}

/** An action's scoring category; an enum option may override it (the one revert that is the fix). */
export function actionCategoryOf(data: ScenarioData, action: string, params: ParamValues): string | undefined {
  const spec = data.actions.find((a) => a.id === action);
  if (!spec) return undefined;
  for (const p of spec.params) {
    if (p.type !== 'enum') continue;
    const category = p.options.find((o) => o.value === params[p.name])?.category;
    if (category) return category;
  }
  return spec.category;
}

/** Error-minutes: the area of the impact signal above its baseline, in signal-unit × minutes (each sample stands for the interval ending at it). */
export function errorMinutes(scenario: Scenario<unknown>, world: World<unknown>, from = -Infinity): number {
  const { impactSignal, impactBaseline } = scenario.data.scoring;
  let area = 0;
  const samples = world.samples;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    const cur = samples[i]!;
    if (cur.t <= from) continue;
    const v = Math.max(0, (cur.values[impactSignal] ?? 0) - impactBaseline);
    area += v * ((cur.t - Math.max(prev.t, from)) / 60);
  }
  return round1(area);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** A scripted inject is known by its id (it may wait for its premise, so its time varies); others by time and title. */
const hintKey = (f: FeedEntry) => f.inject ?? `${f.at}|${f.title}`;

export function scoreMilestone(data: ScenarioData, m: Milestone, world: World<unknown>, markers: Markers, relapses: readonly MarkerRelapse[] = [], window: ScoreWindow = {}): MilestoneScore {
  const real = clock(m.real);
  const team = milestoneTime(data, m, world, markers);
  if (team !== null && window.from !== undefined && team < window.from) {
    return {
      id: m.id, label: m.label, real, team, minutesAhead: round1((real - team) / 60), max: m.weight * 2, points: 0, inherited: true,
      rule: `reached ${formatClock(team)}, before the branch point ${formatClock(window.from)}: scored in the run it came from, not again: 0`,
    };
  }
  // Rounded first, so the rule line below reproduces the points exactly.
  const minutesAhead = team === null ? null : round1((real - team) / 60);
  const factor = minutesAhead === null ? 0 : clamp(1 + minutesAhead / MILESTONE_SPAN_MINUTES, 0, 2);
  const own = m.source.kind === 'marker' ? relapses.filter((r) => r.marker === (m.source as { marker: string }).marker) : [];
  const relapsed = own.map((r) => `recovered ${formatClock(r.recoveredAt)} but relapsed ${formatClock(r.relapsedAt)}`).join('; ');
  const score: MilestoneScore = {
    id: m.id, label: m.label, real, team, minutesAhead, max: m.weight * 2,
    points: round1(m.weight * factor),
    rule: (team === null
      ? `not reached by ${formatClock(world.t)}: 0`
      : `reached ${formatClock(team)}, real ${m.real}: ${m.weight} × clamp(1 + ${minutesAhead} / ${MILESTONE_SPAN_MINUTES}, 0, 2)`)
      + (relapsed ? ` (${relapsed}: credit withdrawn)` : ''),
  };
  if (own.length > 0) score.relapses = own.map(({ recoveredAt, relapsedAt }) => ({ recoveredAt, relapsedAt }));
  return score;
}

export function scoreImpact(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>, window: ScoreWindow = {}): ImpactScore {
  const { impactSignal, impactBaseline, impactWeight: weight } = scenario.data.scoring;
  const team = errorMinutes(scenario, world, window.from);
  const ref = errorMinutes(scenario, reference, window.from);
  // Less impact than the real run earns more, up to double; no impact at all is the cap.
  const factor = team <= 0 ? (ref <= 0 ? 1 : IMPACT_MAX_FACTOR) : clamp(ref / team, 0, IMPACT_MAX_FACTOR);
  return {
    signal: impactSignal, baseline: impactBaseline, errorMinutes: team, referenceErrorMinutes: ref, weight,
    max: weight * IMPACT_MAX_FACTOR,
    points: round1(weight * factor),
    rule: team <= 0
      ? `no impact above ${impactBaseline}: ${weight} × ${ref <= 0 ? 1 : IMPACT_MAX_FACTOR}`
      : `${weight} × clamp(${ref} / ${team}, 0, ${IMPACT_MAX_FACTOR})`,
  };
}

/** Wrong diagnoses first, then hints, then penalised actions, each in time order. */
export function penaltiesOf(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>, window: ScoreWindow = {}): Penalty[] {
  const { data } = scenario;
  const penalties: Penalty[] = [];
  const label = (list: { id: string; label: string }[], id: string) => list.find((o) => o.id === id)?.label ?? id;
  for (const d of world.diagnoses) {
    if (d.correct) continue;
    const said = `${label(data.diagnosis.triggers, d.trigger)} / ${label(data.diagnosis.mechanisms, d.mechanism)}`;
    // Half right costs half: the team found the trigger but not how it broke things, or the reverse.
    if (d.triggerRight || d.mechanismRight) {
      penalties.push({
        kind: 'partial-diagnosis', at: d.at, points: round1(data.scoring.wrongDiagnosisPenalty / 2),
        reason: `partly right diagnosis (${d.triggerRight ? 'right trigger, wrong mechanism' : 'right mechanism, wrong trigger'}): ${said}`,
      });
    } else {
      penalties.push({ kind: 'wrong-diagnosis', at: d.at, points: data.scoring.wrongDiagnosisPenalty, reason: `wrong diagnosis: ${said}` });
    }
  }
  // A timed hint the real responders' run also received is part of the scenario, not help asked for.
  const scripted = new Set(reference.feed.filter((f) => f.kind === 'inject' && f.hint).map(hintKey));
  for (const f of world.feed) {
    if (f.kind === 'inject' && f.hint && !scripted.has(hintKey(f))) {
      penalties.push({ kind: 'hint', reason: `hint: ${f.title}`, at: f.at, points: data.scoring.hintPenalty });
    }
  }
  for (const a of world.actions) {
    const p = data.scoring.actionPenalties.find((x) => x.action === a.action);
    const title = data.actions.find((x) => x.id === a.action)?.title ?? a.action;
    if (p) penalties.push({ kind: 'action', reason: `${title}: ${p.why}`, at: a.requestedAt, points: p.points });
  }
  const from = window.from;
  return from === undefined ? penalties : penalties.filter((p) => p.at >= from);
}

export function scoreRun(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>, window: ScoreWindow = {}): ScoreBreakdown {
  const { markers, relapses } = decideMarkers(scenario, world);
  const milestones = scenario.data.milestones.map((m) => scoreMilestone(scenario.data, m, world, markers, relapses, window));
  const impact = scoreImpact(scenario, world, reference, window);
  const penalties = penaltiesOf(scenario, world, reference, window);
  const subtotals = {
    milestones: round1(milestones.reduce((s, m) => s + m.points, 0)),
    impact: impact.points,
    penalties: round1(penalties.reduce((s, p) => s + p.points, 0)),
  };
  const total = round1(subtotals.milestones + subtotals.impact - subtotals.penalties);
  return {
    total, milestones, impact, penalties, subtotals,
    formula: `milestones ${subtotals.milestones} + impact ${subtotals.impact} − penalties ${subtotals.penalties} = ${total}`
      + (window.from === undefined ? '' : ` (scored from ${formatClock(window.from)})`),
    ...(window.from === undefined ? {} : { from: window.from }),
  };
}
