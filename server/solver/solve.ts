/**
 * A player that needs no answer key, with a team's hands: N responders (r1…rN, 3 by default), each
 * running one investigation or making one change at a time. It watches the team dashboards until
 * the first alert, then posts a first status update and hands every investigation on its runbook to
 * the first free responder (cheap checks first); follows the leads: each round it runs what the
 * evidence has newly unlocked, and asks again, with spare hands, what has not yet told it anything
 * (evidence depends on the moment); searches which of the actions it has unlocked to take and when,
 * each given to a responder free for its working time, judging each simulated future only by what
 * the team would see; and declares the diagnosis it reasons from its findings (reason-diagnosis.ts)
 * as soon as that reasoning is confident and a second look agrees, citing the findings it rests on.
 *
 * Input: the public view of the scenario and a TeamSimulator. It has no way to reach the hidden
 * model, truth(), the correct diagnosis, what a finding shows to the scenario, or the reference plan.
 */
import {
  DEFAULT_RESPONDERS, describeRequest, formatClock, type Command, type ParamValues, type PlanStep, type Sample, type TeamObservation,
} from '../engine/index.ts';
import type { PublicScenario } from './public-scenario.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';
import { observedImpact, type ObservedImpact } from './observed-objective.ts';
import { paramCombinations } from './param-choices.ts';
import { handTo, runPlanned, snapshotsAt, type Planned } from './plan-runner.ts';
import { searchMitigations, type SearchOptions } from './mitigation-search.ts';
import { reasonDiagnosis, type AppliedFix, type DiagnosisChoice } from './reason-diagnosis.ts';
import { Roster } from './roster.ts';
import { tokens } from './text-tokens.ts';

/** A diagnosis the solver held at a moment (it declares the first one a second look confirms). */
export interface Hypothesis {
  at: number;
  trigger: string;
  component?: string;
  mechanism: string;
  evidence: string[];
}

export interface SolverResult {
  scenarioId: string;
  /** How many responders played (r1…rN). */
  responders: number;
  /** When the first alert (or, without alerts, a sustained rise of the impact signal) was seen. */
  detectedAt: number | null;
  /** The plan, as a plan file for `npm run simulate -- --actions` (every entry names its responder). */
  plan: PlanStep[];
  impact: ObservedImpact;
  noActionImpact: ObservedImpact;
  diagnosis: DiagnosisChoice | null;
  /** When it was declared. */
  diagnosedAt: number | null;
  /** Every confident diagnosis it held until it declared, in time order. */
  hypotheses: Hypothesis[];
  /** The impact signal is under its baseline for good before the end (recovered, or kept from rising). */
  resolved: boolean;
  /** Whole futures simulated, and sim hours simulated in all (the search's cost). */
  runs: number;
  simHours: number;
}

export interface SolveOptions extends Partial<SearchOptions> {
  /** Responders playing (default DEFAULT_RESPONDERS, as `npm run simulate`). */
  responders?: number;
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
/** Minutes between two looks at the evidence while deciding whether to declare. */
const DIAGNOSIS_CHECK_MINUTES = 5;

const ceilMinute = (t: number) => Math.ceil(t / 60) * 60;

export function solve(pub: PublicScenario, sim: TeamSimulator, options: SolveOptions = {}): SolverResult {
  const { responders = DEFAULT_RESPONDERS, ...rest } = options;
  const search = { ...DEFAULT_SEARCH, ...rest };
  const { signal, baseline } = pub.impact;
  const detection = watchUntilDetection(pub, sim);
  const noAction = sim.advance(detection.handle, sim.end);
  const from = detection.at ?? sim.end;
  const noActionImpact = observedImpact(sim.observe(noAction).samples, signal, baseline, from, sim.end, 0);
  const empty: SolverResult = {
    scenarioId: pub.id, responders, detectedAt: detection.at, plan: [], impact: noActionImpact, noActionImpact, diagnosis: null, diagnosedAt: null,
    hypotheses: [], resolved: false, runs: sim.runs, simHours: sim.simulatedSeconds / 3600,
  };
  if (detection.at === null) return empty;
  const actAt = ceilMinute(detection.at);
  if (actAt >= sim.end) return empty;

  // Charge a quarter of the no-action impact rate per unresolved minute: resolving sooner always pays.
  const minutesLeft = (sim.end - actAt) / 60;
  const minuteCharge = noActionImpact.errorMinutes > 0 ? (0.25 * noActionImpact.errorMinutes) / minutesLeft : 1;
  const impactOf = (samples: readonly Sample[], until = sim.end) => observedImpact(samples, signal, baseline, actAt, until, minuteCharge);

  const roster = new Roster(responders);
  const base = discover(sim, roster, firstStatusUpdate(sim.observe(detection.handle), actAt, roster), actAt);
  // Every action the evidence unlocked by the end, tried from the minute it was unlocked on.
  const unlocked = sim.observe(runPlanned(sim, base)).runbook.actions.filter((a) => a.kind !== 'comms');
  const workOf = new Map(unlocked.map((a) => [a.id, a.workMinutes * 60]));
  const candidates = unlocked.flatMap((a) => paramCombinations(a.params).map((params): Command => ({ type: 'act', action: a.id, params })));
  const unlockTimes = unlocked.flatMap((a) => (a.unlockedAt === null ? [] : [ceilMinute(Math.max(a.unlockedAt, actAt))]));
  const times = [...new Set([...TIME_GRID_MINUTES.map((m) => actAt + m * 60), ...unlockTimes])].filter((t) => t < sim.end).sort((a, b) => a - b);
  // A change goes to someone free for its whole working time, after the discovery and the other changes.
  const assign = (others: readonly Planned[], t: number, command: Command): Command | null => {
    const booked = roster.clone();
    for (const o of others) if (o.command.type === 'act' && o.command.by) booked.book(o.command.by, o.at, workOf.get(o.command.action) ?? 0);
    const work = command.type === 'act' ? workOf.get(command.action) ?? 0 : 0;
    const by = booked.freeAt(t, work)[0];
    return by === undefined ? null : handTo(command, by);
  };
  const found = searchMitigations({ sim, base, candidates, times, impactOf, assign }, search);

  const plan = [...base, ...found.actions];
  const declared = diagnose(sim, pub, plan, found.impact, actAt, roster.names[0]!);
  const final = declared ? [...plan, declared.step] : plan;
  const impact = impactOf(sim.observe(runPlanned(sim, final)).samples);
  return {
    scenarioId: pub.id,
    responders,
    detectedAt: detection.at,
    plan: toPlanSteps(final),
    impact,
    noActionImpact,
    diagnosis: declared?.choice ?? null,
    diagnosedAt: declared?.step.at ?? null,
    hypotheses: declared?.hypotheses ?? [],
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
 * Follow the leads, with the team's hands. Each round: every investigation on the runbook never
 * asked yet, with every parameter choice, goes to the first responder free before the next round
 * (what the evidence unlocked first, then the quickest checks); what has not yet revealed a lead is
 * asked again only with spare hands (one responder always stays free for changes). Stops when a few
 * rounds in a row bring no new lead.
 */
function discover(sim: TeamSimulator, roster: Roster, first: Planned[], actAt: number): Planned[] {
  const plan = first.slice();
  /** Request (as a person reads it) → when its latest asking completes. */
  const asked = new Map<string, number>();
  let leads = -1;
  let quiet = 0;
  for (let round = 0, at = actAt, previous = -Infinity; round < MAX_DISCOVERY_ROUNDS && at < sim.end; round++, previous = at, at += DISCOVERY_ROUND_MINUTES * 60) {
    const seen = sim.observe(runPlanned(sim, plan, at));
    quiet = seen.leads.length > leads ? 0 : quiet + 1;
    leads = seen.leads.length;
    if (quiet >= DISCOVERY_QUIET_ROUNDS) break;
    const told = new Set(seen.leads.map((l) => l.source));
    type Task = { what: string; when: number; seconds: number; command: Command; followsLead: boolean };
    const fresh: Task[] = [];
    const again: Task[] = [];
    for (const inv of seen.runbook.investigations) {
      for (const params of paramCombinations(inv.params)) {
        const what = describeRequest(seen.runbook.investigations, inv.id, params);
        if (told.has(what)) continue;
        const task = { what, seconds: inv.durationMinutes * 60, command: { type: 'investigate', investigation: inv.id, params } as Command, followsLead: inv.unlockedAt !== null };
        const last = asked.get(what);
        // A tool unlocked since the last round is used from the minute it appeared.
        if (last === undefined) fresh.push({ ...task, when: inv.unlockedAt !== null && inv.unlockedAt > previous ? Math.max(actAt, Math.min(at, ceilMinute(inv.unlockedAt))) : at });
        else if (last <= at) again.push({ ...task, when: at });
      }
    }
    // What a lead unlocked comes first (the trail is warm), then the quickest generic checks. A task
    // that would not start before the next round waits for it: new leads may come first by then.
    fresh.sort((a, b) => Number(b.followsLead) - Number(a.followsLead) || a.when - b.when || a.seconds - b.seconds || a.what.localeCompare(b.what, 'en'));
    const nextRound = at + DISCOVERY_ROUND_MINUTES * 60;
    for (const task of fresh) {
      const slot = roster.earliest(task.when, task.seconds);
      if (slot.at >= nextRound && nextRound < sim.end) continue;
      roster.book(slot.by, slot.at, task.seconds);
      plan.push({ at: slot.at, command: handTo(task.command, slot.by) });
      asked.set(task.what, slot.at + task.seconds);
    }
    again.sort((a, b) => a.seconds - b.seconds || a.what.localeCompare(b.what, 'en'));
    for (const task of again) {
      if (roster.freeAt(at, task.seconds).length < 2) break;
      const by = roster.bookAt(at, task.seconds)!;
      plan.push({ at, command: handTo(task.command, by) });
      asked.set(task.what, at + task.seconds);
    }
  }
  return plan;
}

/** One public update as soon as the team acts, worded after what is paging (the closest enum option). */
function firstStatusUpdate(obs: TeamObservation, at: number, roster: Roster): Planned[] {
  const action = obs.runbook.actions.find((a) => a.kind === 'comms');
  if (!action) return [];
  const by = roster.bookEarliest(at, action.workMinutes * 60);
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
  return [{ at: by.at, command: { type: 'act', action: action.id, params, by: by.by } }];
}

/**
 * Look at the evidence every few minutes from the first alert on, as the plan plays, and declare
 * the first diagnosis the reasoning is confident in and a second look confirms. Once the impact has
 * settled, the fixes in effect count as a cure ("rolling it back fixed it").
 */
function diagnose(
  sim: TeamSimulator, pub: PublicScenario, plan: Planned[], impact: ObservedImpact, actAt: number, by: string,
): { step: Planned; choice: DiagnosisChoice; hypotheses: Hypothesis[] } | null {
  const times: number[] = [];
  for (let t = actAt + DIAGNOSIS_CHECK_MINUTES * 60; t < sim.end; t += DIAGNOSIS_CHECK_MINUTES * 60) times.push(t);
  const snapshots = snapshotsAt(sim, plan, times);
  const hypotheses: Hypothesis[] = [];
  let previous: string | null = null;
  for (const t of times) {
    const view = sim.observe(snapshots.get(t)!);
    const choice = reasonDiagnosis(view, { impact: pub.impact, cured: impact.settledAt !== null && impact.settledAt <= t ? fixesInEffect(view) : [] });
    const claim = choice?.confident ? `${choice.trigger.id}|${choice.component?.id ?? ''}|${choice.mechanism.id}` : null;
    if (choice && claim) {
      const held: Hypothesis = { at: t, trigger: choice.trigger.id, ...(choice.component ? { component: choice.component.id } : {}), mechanism: choice.mechanism.id, evidence: choice.evidence };
      const last = hypotheses.at(-1);
      if (!last || JSON.stringify({ ...last, at: 0 }) !== JSON.stringify({ ...held, at: 0 })) hypotheses.push(held);
      if (claim === previous) {
        const command: Command = {
          type: 'diagnose', trigger: choice.trigger.id, mechanism: choice.mechanism.id, text: choice.text, evidence: choice.evidence, by,
          ...(choice.component ? { component: choice.component.id } : {}),
        };
        return { step: { at: t, command }, choice, hypotheses };
      }
    }
    previous = claim;
  }
  return null;
}

/** The changes that have taken effect, with the kind of thing each touched. */
function fixesInEffect(view: TeamObservation): AppliedFix[] {
  return view.actions.flatMap((a) => {
    const spec = view.runbook.actions.find((s) => s.id === a.action);
    return a.status === 'done' && spec && spec.kind !== 'comms' ? [{ action: a.action, params: a.params, kind: spec.kind }] : [];
  });
}

function toPlanSteps(plan: readonly Planned[]): PlanStep[] {
  return plan.slice().sort((a, b) => a.at - b.at).map(({ at, command }): PlanStep => {
    const time = formatClock(at);
    const by = 'by' in command && command.by !== undefined ? { by: command.by } : {};
    switch (command.type) {
      case 'act': return { at: time, action: command.action, params: command.params ?? {}, ...by };
      case 'investigate': return { at: time, investigate: command.investigation, params: command.params ?? {}, ...by };
      case 'diagnose': return {
        at: time, ...by,
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
