/**
 * A player that needs no answer key, with a team's hands: N responders (r1…rN, 3 by default), each
 * running one investigation or making one change at a time. It watches the team dashboards until
 * the first alert, then posts a first status update and hands every investigation on its runbook to
 * the first free responder (cheap checks first); follows the leads: each round it runs what the
 * evidence has newly unlocked, and asks again, with spare hands, what has not yet told it anything
 * (evidence depends on the moment); searches which of the actions it has unlocked to take and when,
 * each given to a responder free for its working time, judging each simulated future only by what
 * the team would see, and undoing a change only once its evidence points at it (undo-warrant.ts);
 * weighs a plan found with less to go on, when given one (for a guided solve, the realistic plan);
 * and declares the diagnosis it reasons from its findings (reason-diagnosis.ts) as soon as that
 * reasoning is confident and a second look agrees, citing the findings it rests on.
 *
 * Input: the public view of the scenario and a TeamSimulator. It has no way to reach the hidden
 * model, truth(), the correct diagnosis, what a finding shows to the scenario, or the reference plan.
 */
import {
  DEFAULT_RESPONDERS, describeRequest, formatClock, planToCommands, type Command, type ParamValues, type PlanStep, type Sample, type TeamObservation,
} from '../engine/index.ts';
import type { PublicScenario } from './public-scenario.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';
import { observedImpact, PAGE_WEIGHT, pastThreshold, type ObservedImpact, type PageRule } from './observed-objective.ts';
import { paramCombinations } from './param-choices.ts';
import { handTo, runPlanned, snapshotsAt, type Planned } from './plan-runner.ts';
import { polish, prune, searchMitigations, type Candidate, type SearchNode, type SearchOptions, type Warranted } from './mitigation-search.ts';
import { reasonDiagnosis, type AppliedFix, type DiagnosisChoice } from './reason-diagnosis.ts';
import { Roster } from './roster.ts';
import { undoneChange, UndoWarrants } from './undo-warrant.ts';
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
  /**
   * A plan found playing the same scenario with less to go on (realistic mode's, for a guided
   * solve): a team that is shown more can still play it. It is replayed here (its diagnosis
   * reasoned again from what it shows here) and kept if the team would rather have played it.
   */
  consider?: readonly PlanStep[];
}

export const DEFAULT_SEARCH: SearchOptions = { beamWidth: 3, maxDepth: 3, screenMinutes: 45, finalists: 6, maxSimHours: 1500, polishMinutes: 3 };

/** Without alert rules, a rise of the impact signal over this many consecutive samples counts as detection. */
const DETECTION_SAMPLES = 2;
/** Minutes between discovery rounds, and how many rounds without a new lead end discovery. */
const DISCOVERY_ROUND_MINUTES = 15;
const DISCOVERY_QUIET_ROUNDS = 3;
const MAX_DISCOVERY_ROUNDS = 24;
/** Minutes between two looks at the evidence while deciding whether to declare. */
const DIAGNOSIS_CHECK_MINUTES = 5;
/**
 * Searches in a row, each continuing from the changes the previous ones chose (after looking again
 * at the evidence in the world they leave): a multi-stage incident needs a fix per stage, each
 * judged once the previous one's effect shows.
 */
const MAX_STAGES = 4;

const ceilMinute = (t: number) => Math.ceil(t / 60) * 60;

export function solve(pub: PublicScenario, sim: TeamSimulator, options: SolveOptions = {}): SolverResult {
  const { responders = DEFAULT_RESPONDERS, consider, ...rest } = options;
  const search = { ...DEFAULT_SEARCH, ...rest };
  const { signal, baseline } = pub.impact;
  const detection = watchUntilDetection(pub, sim);
  const noAction = sim.advance(detection.handle, sim.end);
  const from = detection.at ?? sim.end;
  // The team's other pages, as its alerting tool shows them (the impact signal is counted already),
  // each scaled by how far past its threshold its signal goes if nothing is done.
  const future = sim.samples(noAction);
  const pages: PageRule[] = pub.alerts.filter((a) => a.signal !== signal).map((a) => {
    const worst = Math.max(0, ...future.map((s) => pastThreshold(a, s.values[a.signal] ?? 0)));
    return { signal: a.signal, op: a.op, threshold: a.threshold, weight: PAGE_WEIGHT[a.severity], scale: worst > 0 ? worst : Math.max(Math.abs(a.threshold), 1e-9) };
  });
  const noActionImpact = observedImpact(future, signal, baseline, from, sim.end, 0, pages);
  const empty: SolverResult = {
    scenarioId: pub.id, responders, detectedAt: detection.at, plan: [], impact: noActionImpact, noActionImpact, diagnosis: null, diagnosedAt: null,
    hypotheses: [], resolved: false, runs: sim.runs, simHours: sim.simulatedSeconds / 3600,
  };
  if (detection.at === null) return empty;
  const actAt = ceilMinute(detection.at);
  if (actAt >= sim.end) return empty;

  // Charge a quarter of the no-action impact rate per unresolved minute (and per minute of a page):
  // resolving sooner always pays.
  const minutesLeft = (sim.end - actAt) / 60;
  const minuteCharge = noActionImpact.errorMinutes > 0 ? (0.25 * noActionImpact.errorMinutes) / minutesLeft : 1;
  const impactOf = (samples: readonly Sample[], until = sim.end) => observedImpact(samples, signal, baseline, actAt, until, minuteCharge, pages);

  const roster = new Roster(responders);
  /** Working time of each change seen on a runbook (the same everywhere). */
  const workOf = new Map<string, number>();
  const work = (action: string) => workOf.get(action) ?? 0;
  // A change goes to someone free for its whole working time, after the discovery and the other changes.
  const booked = (changes: readonly Planned[]) => {
    const hands = roster.clone();
    for (const o of changes) if (o.command.type === 'act' && o.command.by) hands.book(o.command.by, o.at, work(o.command.action));
    return hands;
  };
  const assign = (others: readonly Planned[], t: number, command: Command): Command | null => {
    const by = booked(others).freeAt(t, command.type === 'act' ? work(command.action) : 0)[0];
    return by === undefined ? null : handTo(command, by);
  };
  /** Every trigger the diagnosis form has offered in some world: a change naming one undoes it. */
  const triggers = new Set<string>();
  // Every change on a world's runbook by the end of its run, with every parameter choice.
  const menu = (handle: SimHandle) => {
    const { runbook } = sim.observe(handle);
    for (const o of runbook.diagnosis.triggers) triggers.add(o.id);
    const actions = runbook.actions.filter((a) => a.kind !== 'comms');
    for (const a of actions) workOf.set(a.id, a.workMinutes * 60);
    return {
      candidates: actions.flatMap((a) => paramCombinations(a.params).map((params): Candidate => ({
        command: { type: 'act', action: a.id, params }, delaySeconds: a.delayMinutes * 60, reachSeconds: Math.max(a.delayMinutes, a.workMinutes) * 60,
      }))),
      unlocks: actions.flatMap((a) => (a.unlockedAt === null ? [] : [Math.max(a.unlockedAt, actAt)])),
    };
  };

  // An undo waits until the team's evidence at that moment points at the change it undoes.
  const warrants = new UndoWarrants(pub.impact);
  const warranted: Warranted = (command, world) => {
    const change = undoneChange(command, triggers);
    if (change === null) return true;
    const handle = world();
    return warrants.warrants(change, handle, () => sim.observe(handle));
  };

  let base = discover(sim, roster, firstStatusUpdate(sim.observe(detection.handle), actAt, roster), actAt, [], work);
  const evaluate = (changes: Planned[]) => impactOf(sim.samples(runPlanned(sim, [...base, ...changes])));
  let found: SearchNode = { actions: [], impact: evaluate([]) };
  for (let stage = 0; stage < MAX_STAGES; stage++) {
    const next = searchMitigations({ sim, base, fixed: found.actions, from: actAt, pages, menu, impactOf, assign, warranted }, search);
    if (next.actions.length === found.actions.length) break;
    found = next;
    // Look again from the last change on, in the world the changes leave: its symptoms may be a new stage.
    const last = found.actions.reduce((t, a) => Math.max(t, a.at), actAt);
    const more = discover(sim, roster, base, last, found.actions, work);
    if (more.length > base.length) { base = more; found = { actions: found.actions, impact: evaluate(found.actions) }; }
  }
  const warrantedAt = (others: readonly Planned[], t: number, command: Command) => warranted(command, () => runPlanned(sim, [...base, ...others], t));
  found = prune(polish(found, evaluate, assign, warrantedAt, actAt, sim.end, search.polishMinutes), evaluate);

  // A plan played to the end, with the diagnosis its evidence lets the team declare. The team would
  // rather have played the one with less impact and a diagnosis sooner (each minute without one
  // charged like a minute unresolved): the same trade the search makes, plus the declaration.
  const finish = (plan: Planned[]) => {
    const declared = diagnose(sim, pub, plan, impactOf(sim.samples(runPlanned(sim, plan))), actAt, roster.names[0]!);
    const final = declared ? [...plan, declared.step] : plan;
    const impact = impactOf(sim.samples(runPlanned(sim, final)));
    return { final, impact, declared, preference: impact.cost + (minuteCharge * ((declared?.step.at ?? sim.end) - actAt)) / 60 };
  };
  const own = finish([...base, ...found.actions]);
  const other = consider ? finish(planToCommands(consider).filter((c) => c.command.type !== 'diagnose')) : null;
  const { final, impact, declared } = other && other.preference < own.preference - 1e-9 ? other : own;
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
 * Follow the leads, with the team's hands, from `from` on, in the world `plan` and `changes` make.
 * Each round: every investigation on the runbook never asked yet, with every parameter choice, goes
 * to the first responder free before the next round (what the evidence unlocked first, then the
 * quickest checks); what has not yet revealed a lead is asked again only with spare hands (one
 * responder always stays free for changes). Stops when a few rounds in a row bring no new lead.
 * Responders making `changes` are busy for their working time. Returns `plan` with the new asks.
 */
function discover(sim: TeamSimulator, roster: Roster, first: Planned[], from: number, changes: readonly Planned[], workOf: (action: string) => number): Planned[] {
  const plan = first.slice();
  // Hands: the investigations booked so far and the changes being made.
  const hands = roster.clone();
  for (const c of changes) if (c.command.type === 'act' && c.command.by) hands.book(c.command.by, c.at, workOf(c.command.action));
  /** Request (as a person reads it) → when its latest asking completes. */
  const asked = new Map<string, number>();
  let leads = -1;
  let quiet = 0;
  for (let round = 0, at = from, previous = -Infinity; round < MAX_DISCOVERY_ROUNDS && at < sim.end; round++, previous = at, at += DISCOVERY_ROUND_MINUTES * 60) {
    const seen = sim.observe(runPlanned(sim, [...plan, ...changes], at));
    const note = (what: string, done: number) => asked.set(what, Math.max(asked.get(what) ?? -Infinity, done));
    // What was asked so far, as the team's board shows it, and what is planned later (named once its
    // tool is on the runbook: a tool not yet unlocked has no title to tell it by).
    for (const i of seen.investigations) note(describeRequest(seen.runbook.investigations, i.investigation, i.params), i.completesAt);
    for (const { at: when, command } of plan) {
      if (command.type !== 'investigate' || when <= at) continue;
      const inv = seen.runbook.investigations.find((x) => x.id === command.investigation);
      if (inv) note(describeRequest(seen.runbook.investigations, inv.id, command.params ?? {}), when + inv.durationMinutes * 60);
    }
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
        if (last === undefined) fresh.push({ ...task, when: inv.unlockedAt !== null && inv.unlockedAt > previous ? Math.max(from, Math.min(at, ceilMinute(inv.unlockedAt))) : at });
        else if (last <= at) again.push({ ...task, when: at });
      }
    }
    // What a lead unlocked comes first (the trail is warm), then the quickest generic checks. A task
    // that would not start before the next round waits for it: new leads may come first by then.
    fresh.sort((a, b) => Number(b.followsLead) - Number(a.followsLead) || a.when - b.when || a.seconds - b.seconds || a.what.localeCompare(b.what, 'en'));
    const nextRound = at + DISCOVERY_ROUND_MINUTES * 60;
    const book = (by: string, t: number, seconds: number, command: Command, what: string) => {
      roster.book(by, t, seconds);
      hands.book(by, t, seconds);
      plan.push({ at: t, command: handTo(command, by) });
      asked.set(what, t + seconds);
    };
    for (const task of fresh) {
      const slot = hands.earliest(task.when, task.seconds);
      if (slot.at >= nextRound && nextRound < sim.end) continue;
      book(slot.by, slot.at, task.seconds, task.command, task.what);
    }
    again.sort((a, b) => a.seconds - b.seconds || a.what.localeCompare(b.what, 'en'));
    for (const task of again) {
      const free = hands.freeAt(at, task.seconds);
      if (free.length < 2) break;
      book(free[0]!, at, task.seconds, task.command, task.what);
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
