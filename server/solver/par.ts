/**
 * A scenario's par: the solver's best plan, replayed and scored like any team's run, with the same
 * number of responders. This is the one solver module that touches the whole scenario, and only
 * after solving: to score the plan against the reference run (as the debrief does), to compare it
 * with the reference, and to say whether the diagnoses the solver held were right and supported by
 * the findings they cited (the scenario's `diagnosis.support`, which the solver never sees).
 */
import {
  DEFAULT_RESPONDERS, decideMarkers, formatClock, resolveFindings, runPlan, scoreRun, supportOf,
  type DiagnosisPart, type Scenario, type ScoreBreakdown, type SessionMode, type World,
} from '../engine/index.ts';
import { publicView } from './public-scenario.ts';
import { TeamSimulator } from './team-simulator.ts';
import { solve, type Hypothesis, type SolveOptions, type SolverResult } from './solve.ts';

export interface RunSummary {
  markers: Record<string, string | null>;
  score: ScoreBreakdown;
}

/** A diagnosis the solver held, judged after solving. */
export interface JudgedDiagnosis extends Hypothesis {
  correct: boolean;
  support: Record<DiagnosisPart, boolean>;
  supported: boolean;
}

export interface ParReport {
  scenario: string;
  seed: number;
  mode: SessionMode;
  responders: number;
  solver: SolverResult;
  par: RunSummary;
  reference: RunSummary;
  /** The solver's plan scores at least as well as the real responders'. */
  beatsReference: boolean;
  /** The diagnosis it declared, judged; null when it declared none. */
  declared: JudgedDiagnosis | null;
  /** The earliest diagnosis it held that was right and supported by its citations; null if none. */
  earliestSupported: JudgedDiagnosis | null;
}

const formatMarkers = (m: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(m).map(([id, t]) => [id, t === null ? null : formatClock(t)]));

function judge(scenario: Scenario, played: World, h: Hypothesis): JudgedDiagnosis {
  const { correct } = scenario.data.diagnosis;
  const right = h.trigger === correct.trigger && h.mechanism === correct.mechanism && (!correct.component || correct.component.includes(h.component ?? ''));
  const cited = resolveFindings(played, h.evidence);
  const support = supportOf(scenario.data, cited.ok ? cited.findings : []);
  return { ...h, correct: right, support, supported: cited.ok && Object.values(support).every(Boolean) };
}

export function computePar(
  scenario: Scenario, seed: number = scenario.data.defaultSeed, options: SolveOptions = {}, mode: SessionMode = 'realistic',
): ParReport {
  const responders = options.responders ?? DEFAULT_RESPONDERS;
  // Guided mode only shows a team more: its solve also weighs the plan found in realistic mode
  // (computed here unless the caller has it), so that showing more never lowers the par.
  const consider = mode === 'guided' ? options.consider ?? solve(publicView(scenario.data), new TeamSimulator(scenario, seed, 'realistic'), { ...options, responders }).plan : undefined;
  const solver = solve(publicView(scenario.data), new TeamSimulator(scenario, seed, mode), { ...options, responders, ...(consider ? { consider } : {}) });
  // The real responders as the debrief's ghost row and `simulate --replay reference` play them: three responders.
  const reference = runPlan(scenario, seed, scenario.data.referencePlan).world;
  const played = runPlan(scenario, seed, solver.plan, { mode, responders }).world;
  // The whole debrief score (docs/scoring.md): customer impact against doing nothing, comms judged, risks priced.
  const par: RunSummary = { markers: formatMarkers(decideMarkers(scenario, played).markers), score: scoreRun(scenario, played, reference) };
  const ref: RunSummary = { markers: formatMarkers(decideMarkers(scenario, reference).markers), score: scoreRun(scenario, reference, reference) };
  const judged = solver.hypotheses.map((h) => judge(scenario, played, h));
  const declaredAt = solver.diagnosedAt;
  // The hypothesis it declared was first held a look earlier: judged as declared, at its time.
  const held = declaredAt === null ? undefined : judged.filter((h) => h.at <= declaredAt).at(-1);
  return {
    scenario: scenario.data.id, seed, mode, responders, solver, par, reference: ref, beatsReference: par.score.total >= ref.score.total,
    declared: held && declaredAt !== null ? { ...held, at: declaredAt } : null,
    earliestSupported: judged.find((h) => h.correct && h.supported) ?? null,
  };
}
