/**
 * A player that needs no answer key. It watches the team dashboards until the first alert, then
 * runs every investigation on its runbook and posts a first status update; follows the leads: each
 * round it runs what the evidence has newly unlocked, and asks again what has not yet told it
 * anything (evidence depends on the moment); searches which of the actions it has unlocked to take
 * and when, judging each simulated future only by what the team would see; and finally declares the
 * diagnosis, from the options it has unlocked, that the gathered evidence (and the fix) supports best.
 *
 * Input: the public view of the scenario and a TeamSimulator. It has no way to reach the hidden
 * model, truth(), the correct diagnosis or the reference plan.
 */
import { describeRequest, findingId, formatClock, MAX_CITED_FINDINGS, type Command, type ParamValues, type PlanStep, type Sample, type TeamObservation } from '../engine/index.ts';
import type { PublicScenario } from './public-scenario.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';
import { observedImpact, type ObservedImpact } from './observed-objective.ts';
import { paramCombinations } from './param-choices.ts';
import { runPlanned, type Planned } from './plan-runner.ts';
import { searchMitigations, type SearchOptions } from './mitigation-search.ts';
import { chooseDiagnosis, type DiagnosisChoice } from './choose-diagnosis.ts';
import { tokens } from './text-tokens.ts';

export interface SolverResult {
  scenarioId: string;
  /** When the first alert (or, without alerts, a sustained rise of the impact signal) was seen. */
  detectedAt: number | null;
  /** The plan, as a plan file for `npm run simulate -- --actions`. */
  plan: PlanStep[];
  impact: ObservedImpact;
  noActionImpact: ObservedImpact;
  diagnosis: DiagnosisChoice | null;
  /** The impact signal is under its baseline for good before the end (recovered, or kept from rising). */
  resolved: boolean;
  /** Whole futures simulated, and sim hours simulated in all (the search's cost). */
  runs: number;
  simHours: number;
}

export const DEFAULT_SEARCH: SearchOptions = { beamWidth: 3, maxDepth: 3, screenMinutes: 45, finalists: 6, maxSimHours: 1500, polishMinutes: 3 };

/** Minutes after the team can first act at which a mitigation is tried: dense early, sparse later. */
const TIME_GRID_MINUTES = [0, 1, 2, 4, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 360, 480];
/** Without alert rules, a rise of the impact signal over this many consecutive samples counts as detection. */
const DETECTION_SAMPLES = 2;
/** Minutes between discovery rounds, and how many rounds without a new lead end discovery. */
const DISCOVERY_ROUND_MINUTES = 15;
const DISCOVERY_QUIET_ROUNDS = 3;
const MAX_DISCOVERY_ROUNDS = 24;

const ceilMinute = (t: number) => Math.ceil(t / 60) * 60;

export function solve(pub: PublicScenario, sim: TeamSimulator, options: Partial<SearchOptions> = {}): SolverResult {
  const search = { ...DEFAULT_SEARCH, ...options };
  const { signal, baseline } = pub.impact;
  const detection = watchUntilDetection(pub, sim);
  const noAction = sim.advance(detection.handle, sim.end);
  const from = detection.at ?? sim.end;
  const noActionImpact = observedImpact(sim.observe(noAction).samples, signal, baseline, from, sim.end, 0);
  const empty: SolverResult = {
    scenarioId: pub.id, detectedAt: detection.at, plan: [], impact: noActionImpact, noActionImpact, diagnosis: null, resolved: false, runs: sim.runs, simHours: sim.simulatedSeconds / 3600,
  };
  if (detection.at === null) return empty;
  const actAt = ceilMinute(detection.at);
  if (actAt >= sim.end) return empty;

  // Charge a quarter of the no-action impact rate per unresolved minute: resolving sooner always pays.
  const minutesLeft = (sim.end - actAt) / 60;
  const minuteCharge = noActionImpact.errorMinutes > 0 ? (0.25 * noActionImpact.errorMinutes) / minutesLeft : 1;
  const impactOf = (samples: readonly Sample[], until = sim.end) => observedImpact(samples, signal, baseline, actAt, until, minuteCharge);

  const base = discover(sim, firstStatusUpdate(sim.observe(detection.handle), actAt), actAt);
  // Every action the evidence unlocked by the end, tried from the minute it was unlocked on.
  const unlocked = sim.observe(runPlanned(sim, base)).runbook.actions.filter((a) => a.kind !== 'comms');
  const candidates = unlocked.flatMap((a) => paramCombinations(a.params).map((params): Command => ({ type: 'act', action: a.id, params })));
  const unlockTimes = unlocked.flatMap((a) => (a.unlockedAt === null ? [] : [ceilMinute(Math.max(a.unlockedAt, actAt))]));
  const times = [...new Set([...TIME_GRID_MINUTES.map((m) => actAt + m * 60), ...unlockTimes])].filter((t) => t < sim.end).sort((a, b) => a - b);
  const found = searchMitigations({ sim, base, candidates, times, impactOf }, search);

  const plan = [...base, ...found.actions];
  const diagnosis = diagnose(sim, plan, found.actions, found.impact, actAt);
  const final = diagnosis ? [...plan, diagnosis.step] : plan;
  const impact = impactOf(sim.observe(runPlanned(sim, final)).samples);
  return {
    scenarioId: pub.id,
    detectedAt: detection.at,
    plan: toPlanSteps(final),
    impact,
    noActionImpact,
    diagnosis: diagnosis?.choice ?? null,
    resolved: impact.settledAt !== null,
    runs: sim.runs,
    simHours: sim.simulatedSeconds / 3600,
  };
}

/** Advance one sample at a time, as the dashboards refresh, until something pages the team. */
function watchUntilDetection(pub: PublicScenario, sim: TeamSimulator): { at: number | null; handle: SimHandle } {
  const { signal, baseline } = pub.impact;
  let handle = sim.create();
  let above = 0;
  for (let t = sim.start + pub.clock.sampleSeconds; t <= sim.end; t += pub.clock.sampleSeconds) {
    handle = sim.advance(handle, t);
    const obs = sim.observe(handle);
    const alert = obs.feed.find((f) => f.kind === 'alert');
    if (alert) return { at: alert.at, handle };
    // Only a scenario without alert rules leaves detection to someone watching the impact chart.
    if (pub.alerts.length > 0) continue;
    const last = obs.samples.at(-1);
    above = last && (last.values[signal] ?? 0) > baseline ? above + 1 : 0;
    if (above >= DETECTION_SAMPLES) return { at: last!.t, handle };
  }
  return { at: null, handle };
}

/**
 * Follow the leads. Each round: every investigation on the runbook that has not yet revealed a lead,
 * with every parameter choice (evidence costs time, not points), unless the same one is still
 * running. Stops when a few rounds in a row bring no new lead.
 */
function discover(sim: TeamSimulator, first: Planned[], actAt: number): Planned[] {
  const plan = first.slice();
  let leads = -1;
  let quiet = 0;
  for (let round = 0, at = actAt, previous = -Infinity; round < MAX_DISCOVERY_ROUNDS && at < sim.end; round++, previous = at, at += DISCOVERY_ROUND_MINUTES * 60) {
    const seen = sim.observe(runPlanned(sim, plan, at));
    quiet = seen.leads.length > leads ? 0 : quiet + 1;
    leads = seen.leads.length;
    if (quiet >= DISCOVERY_QUIET_ROUNDS) break;
    const told = new Set(seen.leads.map((l) => l.source));
    const running = new Set(seen.investigations.filter((i) => i.status === 'running').map((i) => describeRequest(seen.runbook.investigations, i.investigation, i.params)));
    for (const inv of seen.runbook.investigations) {
      for (const params of paramCombinations(inv.params)) {
        const what = describeRequest(seen.runbook.investigations, inv.id, params);
        // A tool unlocked since the last round is used from the minute it appeared.
        const when = inv.unlockedAt !== null && inv.unlockedAt > previous ? Math.min(at, ceilMinute(inv.unlockedAt)) : at;
        if (!told.has(what) && !running.has(what)) plan.push({ at: when, command: { type: 'investigate', investigation: inv.id, params } });
      }
    }
  }
  return plan;
}

/** One public update as soon as the team acts, worded after what is paging (the closest enum option). */
function firstStatusUpdate(obs: TeamObservation, at: number): Planned[] {
  const action = obs.runbook.actions.find((a) => a.kind === 'comms');
  if (!action) return [];
  const alerts = obs.feed.filter((f) => f.kind === 'alert');
  // A word in a critical alert's title weighs more than one in a warning's.
  const paging = new Map<string, number>();
  for (const f of alerts) {
    const w = f.severity === 'critical' ? 2 : f.severity === 'warning' ? 1 : 0.5;
    for (const t of new Set(tokens(f.title))) paging.set(t, (paging.get(t) ?? 0) + w);
  }
  const weightOf = (text: string) => [...new Set(tokens(text))].reduce((s, t) => s + (paging.get(t) ?? 0), 0);
  const sentence = `Investigating: ${alerts.map((f) => f.title.replace(/^FIRING:\s*/, '')).join('; ') || 'elevated errors'}.`;
  const combos = paramCombinations(action.params, sentence);
  const score = (params: ParamValues) => action.params.reduce((s, spec) => {
    if (spec.type !== 'enum') return s;
    const option = spec.options.find((o) => o.value === params[spec.name]);
    return s + (option ? weightOf(option.label) : 0);
  }, 0);
  const params = combos.reduce((bestSoFar, c) => (score(c) > score(bestSoFar) ? c : bestSoFar), combos[0]!);
  return [{ at, command: { type: 'act', action: action.id, params } }];
}

/**
 * Declare once the evidence is in and, when the plan fixes things, once the fix is visible:
 * the fix's own words (the action that worked and what the team was told) confirm a hypothesis.
 */
function diagnose(
  sim: TeamSimulator, plan: Planned[], fixes: Planned[], impact: ObservedImpact, actAt: number,
): { step: Planned; choice: DiagnosisChoice } | null {
  const probe = sim.observe(runPlanned(sim, plan));
  // The evidence is in once every tool has answered once (later rounds only asked again).
  const firstAnswers = new Map<string, number>();
  for (const i of probe.investigations) {
    const k = `${i.investigation}|${JSON.stringify(i.params)}`;
    if (!firstAnswers.has(k)) firstAnswers.set(k, i.completesAt);
  }
  const evidenceDone = Math.max(actAt, ...firstAnswers.values());
  const at = ceilMinute(Math.max(evidenceDone, impact.settledAt ?? evidenceDone));
  if (at >= sim.end) return null;
  const seen = sim.observe(runPlanned(sim, plan, at));
  const evidenceTexts = seen.investigations.flatMap((i) => (i.evidence
    ? [[i.evidence.summary, i.evidence.detail, ...(i.evidence.table?.rows.flat().map(String) ?? [])].join('\n')]
    : []));
  const fixIds = new Set(fixes.map((f) => (f.command.type === 'act' ? f.command.action : '')));
  const confirmationTexts = impact.settledAt !== null && impact.settledAt <= at
    ? seen.actions.filter((a) => fixIds.has(a.action)).flatMap((a) => {
      const spec = seen.runbook.actions.find((s) => s.id === a.action);
      return [spec?.title ?? '', spec?.description ?? '', a.outcome ?? ''];
    })
    : [];
  const choice = chooseDiagnosis(seen.runbook.diagnosis, evidenceTexts, confirmationTexts);
  const evidence = citedFindings(seen, choice);
  return {
    step: {
      at,
      command: {
        type: 'diagnose', trigger: choice.trigger.id, mechanism: choice.mechanism.id, text: choice.text, evidence,
        ...(choice.component ? { component: choice.component.id } : {}),
      },
    },
    choice,
  };
}

/** Cite the findings whose text shares the most words with what the diagnosis claims (at most the engine's limit). */
function citedFindings(seen: TeamObservation, choice: DiagnosisChoice): string[] {
  const claimed = new Set([...choice.trigger.matched, ...(choice.component?.matched ?? []), ...choice.mechanism.matched]);
  return seen.investigations
    .flatMap((i) => (i.evidence ? [{ id: findingId(i.entry), text: [i.evidence.summary, i.evidence.detail, ...(i.evidence.table?.rows.flat().map(String) ?? [])].join('\n') }] : []))
    .map((f) => ({ id: f.id, overlap: tokens(f.text).filter((w) => claimed.has(w)).length }))
    .filter((f) => f.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap)
    .slice(0, MAX_CITED_FINDINGS)
    .map((f) => f.id);
}

function toPlanSteps(plan: readonly Planned[]): PlanStep[] {
  return plan.slice().sort((a, b) => a.at - b.at).map(({ at, command }): PlanStep => {
    const time = formatClock(at);
    switch (command.type) {
      case 'act': return { at: time, action: command.action, params: command.params ?? {} };
      case 'investigate': return { at: time, investigate: command.investigation, params: command.params ?? {} };
      case 'diagnose': return {
        at: time,
        diagnose: {
          trigger: command.trigger, mechanism: command.mechanism, text: command.text ?? '',
          ...(command.component !== undefined ? { component: command.component } : {}),
          ...(command.evidence && command.evidence.length > 0 ? { evidence: command.evidence } : {}),
        },
      };
      case 'cancel': case 'inject': throw new Error('the solver never cancels or sends injects');
    }
  });
}
