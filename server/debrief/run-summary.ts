/**
 * Everything the debrief says about one run (a team's or the reference's): score, curves cut to
 * the chosen signals, timeline, milestones, markers and truth.
 */
import { decideMarkers, formatClock, observe, scoreRun, type MilestoneScore, type Scenario, type ScoreReviews, type ScoreWindow, type World } from '../engine/index.ts';
import type { DebriefMilestone, DebriefRun, DebriefSignal } from '../protocol/debrief.ts';
import { runTimeline } from './run-timeline.ts';

/** Curves keep 4 significant digits: plenty for a chart, and the JSON stays small. */
const compact = (v: number) => (v === 0 || !Number.isFinite(v) ? 0 : Number(v.toPrecision(4)));

export function milestoneVerdict(minutesAhead: number | null): DebriefMilestone['verdict'] {
  if (minutesAhead === null) return 'missed';
  if (minutesAhead >= 1) return 'ahead';
  if (minutesAhead <= -1) return 'behind';
  return 'on-time';
}

function debriefMilestone(m: MilestoneScore): DebriefMilestone {
  return {
    id: m.id, label: m.label, objective: m.objective, real: m.real, realClock: formatClock(m.real),
    team: m.team, teamClock: m.team === null ? null : formatClock(m.team),
    minutesAhead: m.minutesAhead, verdict: milestoneVerdict(m.minutesAhead), points: m.points, weight: m.weight, rule: m.rule,
    ...(m.credit ? { credit: m.credit } : {}),
    ...(m.relapses ? { relapses: m.relapses.map((r) => `recovered ${formatClock(r.recoveredAt)}, relapsed ${formatClock(r.relapsedAt)}`) } : {}),
    ...(m.inherited ? { inherited: true as const } : {}),
  };
}

/** `window`: a branch's debrief scores every run from the branch point (docs/scoring.md); `reviews`: the facilitator's. */
export function summarizeRun(scenario: Scenario, name: string, world: World, reference: World, signals: readonly DebriefSignal[], window: ScoreWindow = {}, reviews?: ScoreReviews): DebriefRun {
  const score = scoreRun(scenario, world, reference, window, reviews ? { reviews } : {});
  const { markers } = decideMarkers(scenario, world);
  return {
    name,
    score,
    curves: Object.fromEntries(signals.map((s) => [s.id, world.samples.map((x) => compact(x.values[s.id] ?? 0))])),
    timeline: runTimeline(scenario, world, score.penalties),
    milestones: score.milestones.map(debriefMilestone),
    markers: Object.fromEntries(Object.entries(markers).map(([id, t]) => [id, t === null ? null : formatClock(t)])),
    truth: observe(scenario, world, { role: 'debrief' }).truth,
  };
}
