/**
 * Scoring a run against the real timeline, driven entirely by the scenario's `milestones`,
 * `scoring` and `statusPage` sections. Every term says how it was computed, so a person can check
 * the total by hand; the rules are documented in docs/scoring.md, one section per objective of the
 * after-action review (detect, mitigate, diagnose, communicate, recover, avoid harm).
 *
 * `reference` is the reference plan's run (what the real responders did) with the same seed and
 * stopped at the same sim time as `world`: scoring it against itself gives the "as it happened"
 * baseline. The run without any action (same seed, same end) is the yardstick of impact avoided
 * and of what a team's action made moot; it is computed here when not given.
 */
import { customerHit, customerImpact } from './customer-impact.ts';
import { decideMarkers } from './decide-markers.ts';
import { runCommands } from './run-plan.ts';
import { OBJECTIVES, type Scenario } from './scenario-definition.ts';
import { formatClock } from './sim-time.ts';
import { scoreComms } from './scoring-comms.ts';
import { judgeDiagnoses } from './scoring-diagnosis.ts';
import { scoreImpact } from './scoring-impact.ts';
import { scoreMilestone } from './scoring-milestones.ts';
import { riskPenalties } from './scoring-risk.ts';
import { OBJECTIVE_LABELS, type Penalty, type ScoreBreakdown, type ScoreReviews, type ScoreWindow } from './scoring-types.ts';
import type { FeedEntry, World } from './world.ts';

export * from './scoring-types.ts';
export { actionCategoryOf } from './scoring-milestones.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A scripted inject is known by its id (it may wait for its premise, so its time varies); others by time and title. */
const hintKey = (f: FeedEntry) => f.inject ?? `${f.at}|${f.title}`;

/** Weighted customer impact of a run (docs/scoring.md, "Customer impact"), from `from` on. */
export function errorMinutes(scenario: Scenario<unknown>, world: World<unknown>, from = -Infinity): number {
  return customerImpact(scenario.data, world, from).total;
}

/** The runs without any action are the same for every team of a seed: a few are kept. */
const noActionRuns = new WeakMap<Scenario<unknown>, Map<string, World<unknown>>>();

/** The world as it would be at `world.t` had the team done nothing (same seed and mode; timed injects still arrive). */
export function noActionRun(scenario: Scenario<unknown>, world: World<unknown>): World<unknown> {
  const cache = noActionRuns.get(scenario) ?? new Map<string, World<unknown>>();
  noActionRuns.set(scenario, cache);
  const key = `${world.seed}|${world.mode}|${world.t}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const run = runCommands(scenario, world.seed, [], world.t, { mode: world.mode }).world;
  if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
  cache.set(key, run);
  return run;
}

/** Hints the facilitator gave this team (a scripted hint the real responders also got is part of the scenario). */
function hintPenalties(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>): Penalty[] {
  const scripted = new Set(reference.feed.filter((f) => f.kind === 'inject' && f.hint).map(hintKey));
  return world.feed.filter((f) => f.kind === 'inject' && f.hint && !scripted.has(hintKey(f))).map((f) => ({
    kind: 'hint' as const, objective: 'diagnose' as const, reason: `hint: ${f.title}`, at: f.at, entry: f.entry, points: scenario.data.scoring.hintPenalty,
  }));
}

export interface ScoreOptions {
  /** The run without any action (computed when absent). */
  noAction?: World<unknown>;
  /** The facilitator's review after the end: marks on diagnoses and posts, point adjustments. */
  reviews?: ScoreReviews;
}

export function scoreRun(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>, window: ScoreWindow = {}, options: ScoreOptions = {}): ScoreBreakdown {
  const { data } = scenario;
  const reviews = options.reviews ?? {};
  const noAction = options.noAction ?? noActionRun(scenario, world);
  const { markers, relapses } = decideMarkers(scenario, world);
  const diagnosis = judgeDiagnoses(data, world, reviews);
  const firstRight = diagnosis.verdicts.find((d) => d.credited)?.at ?? null;
  const comms = scoreComms(data, world, firstRight, reviews, window);
  const milestones = data.milestones.map((m) => scoreMilestone({
    data, world, markers, relapses, noAction, window,
    hit: customerHit(data, world), noActionHit: customerHit(data, noAction),
    firstAccuratePost: comms?.firstAccurateAt ?? null,
    firstRightDiagnosis: firstRight,
    cadenceMinutes: data.statusPage?.cadenceMinutes ?? null,
  }, m));
  const impact = scoreImpact(data, world, reference, noAction, window);
  // Wrong diagnoses first, then hints, then risks, each in time order.
  const from = window.from;
  const penalties = [...diagnosis.penalties, ...hintPenalties(scenario, world, reference), ...riskPenalties(data, world, markers)]
    .filter((p) => from === undefined || p.at >= from);
  const adjustments = reviews.points ?? [];

  const sum = (xs: readonly number[]) => round1(xs.reduce((s, x) => s + x, 0));
  const subtotals = {
    milestones: sum(milestones.map((m) => m.points)),
    impact: impact.points,
    comms: comms?.points ?? 0,
    penalties: sum(penalties.map((p) => p.points)),
    adjustments: sum(adjustments.map((a) => a.points)),
  };
  const total = round1(subtotals.milestones + subtotals.impact + subtotals.comms - subtotals.penalties + subtotals.adjustments);
  const objectives = OBJECTIVES.map((id) => ({
    id, label: OBJECTIVE_LABELS[id],
    points: sum([
      ...milestones.filter((m) => m.objective === id).map((m) => m.points),
      ...(id === 'mitigate' ? [impact.points] : []),
      ...(id === 'communicate' ? [comms?.points ?? 0] : []),
      ...penalties.filter((p) => p.objective === id).map((p) => -p.points),
      ...adjustments.filter((a) => a.objective === id).map((a) => a.points),
    ]),
  }));
  const signed = (n: number) => (n < 0 ? `− ${-n}` : `+ ${n}`);
  return {
    total, milestones, impact, comms, diagnoses: diagnosis.verdicts, penalties, adjustments, objectives, subtotals,
    formula: `milestones ${subtotals.milestones} + impact ${subtotals.impact} ${signed(subtotals.comms)} comms − penalties ${subtotals.penalties}`
      + (adjustments.length > 0 ? ` ${signed(subtotals.adjustments)} facilitator` : '') + ` = ${total}`
      + (from === undefined ? '' : ` (scored from ${formatClock(from)})`),
    ...(from === undefined ? {} : { from }),
  };
}
