/**
 * The one visibility function. Everything that leaves the server about a world passes through
 * here: a team sees its symptoms, its feed, what it did and what it uncovered; never the model,
 * the RNG, the seed, or whether its diagnosis is right. The facilitator and the debrief see the truth.
 */
import type { Scenario, TruthReport } from './scenario-definition.ts';
import type { ActionRecord, DiagnosisRecord, FeedEntry, InvestigationRecord, LeadRecord, Sample, SessionMode, World } from './world.ts';
import { available, type Runbook } from './available.ts';
import { computeMarkers, type Markers } from './markers.ts';
import { isOver } from './advance.ts';
import { Rng } from './rng.ts';
import { stuckState, type StuckState } from './stuck.ts';

export type Viewer = { role: 'team' } | { role: 'facilitator' } | { role: 'debrief' };

/** A diagnosis as its team sees it: what it claimed and cited, never whether it is right or supported. */
export type TeamDiagnosis = Omit<DiagnosisRecord, 'correct' | 'triggerRight' | 'componentRight' | 'mechanismRight' | 'support' | 'supported'>;

/** A finding as its team sees it: the data, never the observation ids behind support. */
export type TeamInvestigation = Omit<InvestigationRecord, 'shows'>;

/** A lead as a team sees it: what it found, when, and what showed it. */
export interface LeadView {
  id: string;
  kind: string;
  label: string;
  at: number;
  source: string;
}

export interface TeamObservation {
  scenarioId: string;
  mode: SessionMode;
  t: number;
  ended: boolean;
  samples: Sample[];
  feed: FeedEntry[];
  actions: ActionRecord[];
  investigations: TeamInvestigation[];
  diagnoses: TeamDiagnosis[];
  leads: LeadView[];
  /** Only what is unlocked: nothing of a locked tool or option leaves the server. */
  runbook: Runbook;
}

export interface TruthObservation extends Omit<TeamObservation, 'diagnoses' | 'investigations'> {
  investigations: InvestigationRecord[];
  diagnoses: DiagnosisRecord[];
  truth: TruthReport;
  markers: Markers;
  /** The facilitator's only (not the debrief's): the team's stuck state (stuck.ts); absent or null when it is not stuck. */
  stuck?: StuckState | null;
}

/** An action as a team sees it: a pending one shows what was asked, not what it will do. */
export function teamAction({ outcome, ...rest }: ActionRecord): ActionRecord {
  return rest.status === 'done' && outcome !== undefined ? { ...rest, outcome } : rest;
}

/** An investigation as a team sees it: evidence only once it is complete, never what it showed (`shows`). */
export function teamInvestigation({ evidence, shows: _shows, ...rest }: InvestigationRecord): TeamInvestigation {
  return rest.status === 'complete' && evidence ? { ...rest, evidence } : rest;
}

/** A diagnosis as a team sees it: what it claimed and cited, never whether it is right or supported. */
export function teamDiagnosis({ correct: _c, triggerRight: _t, componentRight: _cr, mechanismRight: _m, support: _s, supported: _u, ...d }: DiagnosisRecord): TeamDiagnosis {
  return d;
}

export function leadView(scenario: Scenario<unknown>, l: LeadRecord): LeadView {
  const spec = scenario.data.leads.find((s) => s.id === l.id);
  return { id: l.id, kind: spec?.kind ?? 'component', label: spec?.label ?? l.id, at: l.at, source: l.source };
}

/** The hidden truth of a world, for the facilitator. */
export function truthOf<M>(scenario: Scenario<M>, world: World<M>): TruthReport {
  // truth() must not consume the world's randomness: give it a throwaway generator.
  return scenario.model.truth(world.model, { t: world.t, rng: new Rng(world.rng), data: scenario.data });
}

export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: { role: 'team' }): TeamObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: { role: 'facilitator' | 'debrief' }): TruthObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: Viewer): TeamObservation | TruthObservation;
export function observe<M>(scenario: Scenario<M>, world: World<M>, viewer: Viewer): TeamObservation | TruthObservation {
  const base = {
    scenarioId: world.scenarioId,
    mode: world.mode,
    t: world.t,
    ended: isOver(scenario, world),
    samples: world.samples,
    feed: world.feed,
    actions: world.actions.map(teamAction),
    investigations: world.investigations.map(teamInvestigation),
    leads: world.leads.map((l) => leadView(scenario, l)),
    runbook: available(scenario, world),
  };
  if (viewer.role === 'team') {
    return { ...base, diagnoses: world.diagnoses.map(teamDiagnosis) };
  }
  return {
    ...base,
    investigations: world.investigations.map((i) => ({ ...i })),
    diagnoses: world.diagnoses.map((d) => ({ ...d })),
    truth: truthOf(scenario, world),
    markers: computeMarkers(scenario.data, world.samples),
    ...facilitatorOnly(scenario, world, viewer),
  };
}

/** What only the live facilitator sees: whether the team is stuck, present only while it is. */
function facilitatorOnly<M>(scenario: Scenario<M>, world: World<M>, viewer: Viewer): { stuck?: StuckState } {
  if (viewer.role !== 'facilitator') return {};
  const stuck = stuckState(scenario, world);
  return stuck ? { stuck } : {};
}
