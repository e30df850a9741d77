/**
 * A scenario's par: the solver's best plan, replayed and scored like any team's run. This is the
 * one solver module that touches the whole scenario, and only after solving: to score the plan
 * against the reference run (as the debrief does) and to compare it with the reference.
 */
import { decideMarkers, DEFAULT_RESPONDERS, formatClock, runPlan, scoreRun, type Scenario, type ScoreBreakdown, type SessionMode } from '../engine/index.ts';
import { publicView } from './public-scenario.ts';
import { TeamSimulator } from './team-simulator.ts';
import { solve, type SolverResult } from './solve.ts';
import type { SearchOptions } from './mitigation-search.ts';

export interface RunSummary {
  markers: Record<string, string | null>;
  score: ScoreBreakdown;
}

export interface ParReport {
  scenario: string;
  seed: number;
  mode: SessionMode;
  solver: SolverResult;
  par: RunSummary;
  reference: RunSummary;
  /** The solver's plan scores at least as well as the real responders'. */
  beatsReference: boolean;
}

const formatMarkers = (m: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(m).map(([id, t]) => [id, t === null ? null : formatClock(t)]));

export function computePar(
  scenario: Scenario, seed: number = scenario.data.defaultSeed, options: Partial<SearchOptions> = {}, mode: SessionMode = 'realistic',
): ParReport {
  const solver = solve(publicView(scenario.data), new TeamSimulator(scenario, seed, mode), options);
  // The real responders as the debrief's ghost row and `simulate --replay reference` play them: three responders.
  const reference = runPlan(scenario, seed, scenario.data.referencePlan, { responders: DEFAULT_RESPONDERS }).world;
  // Transitional: the solver does not yet plan for responders' attention, so its plan runs unlimited.
  const played = runPlan(scenario, seed, solver.plan, { mode, responders: undefined }).world;
  // The whole debrief score (docs/scoring.md): customer impact against doing nothing, comms judged, risks priced.
  const par: RunSummary = { markers: formatMarkers(decideMarkers(scenario, played).markers), score: scoreRun(scenario, played, reference) };
  const ref: RunSummary = { markers: formatMarkers(decideMarkers(scenario, reference).markers), score: scoreRun(scenario, reference, reference) };
  return { scenario: scenario.data.id, seed, mode, solver, par, reference: ref, beatsReference: par.score.total >= ref.score.total };
}
