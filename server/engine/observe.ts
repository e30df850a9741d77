/**
 * The one visibility function. Everything that leaves the server about a world passes through
 * here: a team sees its symptoms, its feed, what it did and what it uncovered; never the model,
 * the RNG, the seed, or whether its diagnosis is right. The facilitator and the debrief see the truth.
 */
import type { Scenario, TruthReport } from './scenario-definition.ts';
import type { ActionRecord, FeedEntry, InvestigationRecord, Sample, World } from './world.ts';
import { computeMarkers, type Markers } from './markers.ts';
import { isOver } from './advance.ts';
import { Rng } from './rng.ts';

export type Viewer = { role: 'team' } | { role: 'facilitator' } | { role: 'debrief' };

export interface TeamDiagnosis {
  entry: number;
  at: number;
  trigger: string;
  mechanism: string;
  text: string;
}

export interface TeamObservation {
  scenarioId: string;
  t: number;
  ended: boolean;
  samples: Sample[];
  feed: FeedEntry[];
  actions: ActionRecord[];
  investigations: InvestigationRecord[];
  diagnoses: TeamDiagnosis[];
}

export interface TruthObservation extends Omit<TeamObservation, 'diagnoses'> {
  diagnoses: (TeamDiagnosis & { correct: boolean })[];
  truth: TruthReport;
  markers: Markers;
}

export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: { role: 'team' }): TeamObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: { role: 'facilitator' | 'debrief' }): TruthObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: Viewer): TeamObservation | TruthObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: Viewer): TeamObservation | TruthObservation {
  const base = {
    scenarioId: world.scenarioId,
    t: world.t,
    ended: isOver(scenario, world),
    samples: world.samples,
    feed: world.feed,
    // Pending actions show what was asked, not what it will do.
    actions: world.actions.map(({ outcome, ...rest }) => (rest.status === 'done' && outcome !== undefined ? { ...rest, outcome } : rest)),
    investigations: world.investigations.map(({ evidence, ...rest }) => (rest.status === 'complete' && evidence ? { ...rest, evidence } : rest)),
  };
  if (viewer.role === 'team') {
    return { ...base, diagnoses: world.diagnoses.map(({ correct: _hidden, ...d }) => d) };
  }
  // truth() must not consume the world's randomness: give it a throwaway generator.
  const truth = scenario.model.truth(world.model, { t: world.t, rng: new Rng(world.rng), data: scenario.data });
  return {
    ...base,
    diagnoses: world.diagnoses.map((d) => ({ ...d })),
    truth,
    markers: computeMarkers(scenario.data, world.samples),
  };
}
