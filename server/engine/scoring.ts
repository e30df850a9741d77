/**
 * Scoring a run against the real timeline, driven entirely by the scenario's `milestones` and
 * `scoring` sections. Every line of the breakdown says how it was computed, so a person can check
 * the total by hand. Rules are documented in docs/scoring.md.
 */
import type { Milestone, Scenario, ScenarioData } from './scenario-definition.ts';
import { computeMarkers, type Markers } from './markers.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

/** Minutes ahead of the real time at which a milestone earns double points (and behind, zero). */
export const MILESTONE_SPAN_MINUTES = 120;

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
}

export interface Penalty {
  reason: string;
  at: SimSeconds;
  points: number;
}

export interface ScoreBreakdown {
  total: number;
  milestones: MilestoneScore[];
  impact: { errorMinutes: number; referenceErrorMinutes: number; points: number; weight: number; rule: string };
  penalties: Penalty[];
}

export function milestoneTime(data: ScenarioData, milestone: Milestone, world: World<unknown>, markers: Markers): SimSeconds | null {
  const src = milestone.source;
  switch (src.kind) {
    case 'marker':
      return markers[src.marker] ?? null;
    case 'first-alert':
      return world.feed.find((f) => f.kind === 'alert')?.at ?? null;
    case 'first-action-category': {
      const inCategory = new Set(data.actions.filter((a) => a.category === src.category).map((a) => a.id));
      return world.actions.find((a) => a.status === 'done' && inCategory.has(a.action))?.effectiveAt ?? null;
    }
    case 'first-correct-diagnosis':
      return world.diagnoses.find((d) => d.correct)?.at ?? null;
  }
}

/** Error-minutes: the area of the impact signal above its baseline, in signal-unit × minutes. */
export function errorMinutes(scenario: Scenario<unknown>, world: World<unknown>): number {
  const { impactSignal, impactBaseline } = scenario.data.scoring;
  let area = 0;
  const samples = world.samples;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    const cur = samples[i]!;
    const v = Math.max(0, (cur.values[impactSignal] ?? 0) - impactBaseline);
    area += v * ((cur.t - prev.t) / 60);
  }
  return Math.round(area * 10) / 10;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreRun(scenario: Scenario<unknown>, world: World<unknown>, reference: World<unknown>): ScoreBreakdown {
  const { data } = scenario;
  const markers = computeMarkers(data, world.samples);

  const milestones: MilestoneScore[] = data.milestones.map((m) => {
    const real = clock(m.real);
    const team = milestoneTime(data, m, world, markers);
    const minutesAhead = team === null ? null : round1((real - team) / 60);
    const factor = minutesAhead === null ? 0 : Math.min(2, Math.max(0, 1 + minutesAhead / MILESTONE_SPAN_MINUTES));
    return {
      id: m.id, label: m.label, real, team, minutesAhead, max: m.weight * 2,
      points: round1(m.weight * factor),
      rule: team === null
        ? 'never reached: 0'
        : `${m.weight} × clamp(1 + ${minutesAhead} / ${MILESTONE_SPAN_MINUTES}, 0, 2)`,
    };
  });

  const teamImpact = errorMinutes(scenario, world);
  const refImpact = errorMinutes(scenario, reference);
  const weight = data.scoring.impactWeight;
  const ratio = teamImpact <= 0 ? 2 : Math.min(2, Math.max(0, refImpact / teamImpact));
  const impact = {
    errorMinutes: teamImpact, referenceErrorMinutes: refImpact, weight,
    points: round1(weight * ratio),
    rule: `${weight} × clamp(${refImpact} / ${teamImpact}, 0, 2)`,
  };

  const penalties: Penalty[] = [];
  for (const d of world.diagnoses) {
    if (!d.correct) penalties.push({ reason: `wrong diagnosis (${d.trigger} / ${d.mechanism})`, at: d.at, points: data.scoring.wrongDiagnosisPenalty });
  }
  for (const f of world.feed) {
    if (f.kind === 'inject' && f.hint) penalties.push({ reason: `hint: ${f.title}`, at: f.at, points: data.scoring.hintPenalty });
  }
  for (const a of world.actions) {
    const p = data.scoring.actionPenalties.find((x) => x.action === a.action);
    if (p) penalties.push({ reason: `${a.action}: ${p.why}`, at: a.requestedAt, points: p.points });
  }

  const total = round1(
    milestones.reduce((s, m) => s + m.points, 0) + impact.points - penalties.reduce((s, p) => s + p.points, 0),
  );
  return { total, milestones, impact, penalties };
}
