/**
 * Which mitigations to take, and when: a beam search over plans that add one change at a time, at a
 * time no earlier than the plan's last change, judged by the observed objective only.
 *
 * Each candidate continues the world its parent plan leaves (a snapshot at its time), from what
 * that world offers (a change unlocked only once an earlier fix let a later stage show is tried
 * there), at the times that world suggests (a grid after the parent's last change, and each moment
 * its symptoms change stage: search-times.ts). It is judged once its effect shows (effect-probe.ts):
 * simulated until the team's charts part from the parent's future, however long the change takes,
 * and compared with the parent over that stretch plus a screening window; a change that shows
 * nothing by twice its working time (or that the engine reports as a no-op) is dropped unjudged.
 * A change the team has no reason for yet (an undo before its evidence: undo-warrant.ts) is not
 * tried at that time. The most promising few are simulated to the end. Each added change must improve the objective,
 * so useless or neutral changes never make it in. The best plan is then polished (each change's
 * time nudged minute by minute) and pruned (a change whose removal costs nothing is dropped).
 */
import type { Command, Sample } from '../engine/index.ts';
import { handTo, runPlanned, snapshotsAt, type Planned } from './plan-runner.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';
import type { ObservedImpact, PageRule } from './observed-objective.ts';
import { probeEffect } from './effect-probe.ts';
import { searchTimes, stageChanges } from './search-times.ts';

export interface SearchOptions {
  beamWidth: number;
  maxDepth: number;
  /** Sim minutes a candidate is watched after its effect shows (or after its working time, if later). */
  screenMinutes: number;
  /** Candidates per level simulated to the end after screening. */
  finalists: number;
  /** Stop expanding once this many sim hours have been simulated in total. */
  maxSimHours: number;
  /** Minutes either side of a change's time tried while polishing. */
  polishMinutes: number;
}

/** A change the team can make in some world, and how long it takes. */
export interface Candidate {
  command: Command;
  /** Until it takes effect. */
  delaySeconds: number;
  /** Until it has been made: its delay or the responder's working time, whichever is longer. */
  reachSeconds: number;
}

export interface SearchProblem {
  sim: TeamSimulator;
  /** Commands every plan starts with (investigations, first status update). */
  base: Planned[];
  /** Changes already chosen (an earlier stage of the search): every plan keeps them and continues after them. */
  fixed: Planned[];
  /** When the team can first act: no change before. */
  from: number;
  /** The team's alert rules: when they start or stop holding, the symptoms change stage. */
  pages: readonly PageRule[];
  /** The changes on offer in a world (its runbook at the end of its run), and when each was unlocked. */
  menu(handle: SimHandle): { candidates: Candidate[]; unlocks: number[] };
  /** The objective of an observed run, counted up to `until` (the end of the window by default). */
  impactOf(samples: readonly Sample[], until?: number): ObservedImpact;
  /**
   * The command given to a responder free at `t` for its whole working time once `others` (changes
   * already in the plan) are booked, or null when nobody is (the candidate waits for a later time).
   */
  assign(others: readonly Planned[], t: number, command: Command): Command | null;
  /** Whether the team has reason to make `command` in `world` (an undo waits for its evidence: undo-warrant.ts). */
  warranted: Warranted;
}

/** Whether a command may be made in a world (built only when needed: most commands need no look). */
export type Warranted = (command: Command, world: () => SimHandle) => boolean;

export interface SearchNode {
  actions: Planned[];
  impact: ObservedImpact;
}

interface Screened {
  actions: Planned[];
  /** Candidate's cost over its parent's over the same stretch (below 1: better). */
  ratio: number;
  handle: SimHandle;
  until: number;
  parent: SearchNode;
}

/** A change must beat its parent by this share of the parent's cost to count as an improvement. */
const MIN_GAIN = 0.005;
/** A change has shown all it will by this multiple of its working time (a hand rebuild can take twice as long). */
const EFFECT_FACTOR = 2;
/** The search's budget covers at least this many simulations of the whole window (a long incident's runs are long). */
const MIN_BUDGET_RUNS = 150;
/** A change that showed nothing is not tried again before this long, unless the world changes stage first. */
const RETRY_NOTHING_SECONDS = 60 * 60;
/** A set of actions, whoever makes them. */
const key = (actions: readonly Planned[]) => actions.map((a) => JSON.stringify(handTo(a.command, undefined))).sort().join('|');

export function searchMitigations(problem: SearchProblem, options: SearchOptions): SearchNode {
  const { sim, base, fixed, from, pages, menu, impactOf, assign, warranted } = problem;
  // However long the window: room for at least this many whole runs.
  const budget = sim.simulatedSeconds + Math.max(options.maxSimHours * 3600, MIN_BUDGET_RUNS * (sim.end - sim.start));
  const screen = options.screenMinutes * 60;
  const evaluate = (actions: Planned[]): ObservedImpact => impactOf(sim.samples(runPlanned(sim, [...base, ...actions])));
  const root: SearchNode = { actions: fixed.slice(), impact: evaluate(fixed) };
  let best = root;
  let beam = [root];

  for (let depth = 0; depth < options.maxDepth && sim.simulatedSeconds < budget; depth++) {
    const screened = new Map<string, Screened>();
    for (const parent of beam) {
      const parentRun = runPlanned(sim, [...base, ...parent.actions]);
      const parentSamples = sim.samples(parentRun);
      const parentCost = new Map<number, number>();
      const costOfParent = (until: number) => {
        let c = parentCost.get(until);
        if (c === undefined) parentCost.set(until, (c = impactOf(parentSamples.filter((x) => x.t <= until), until).cost));
        return c;
      };
      const { candidates, unlocks } = menu(parentRun);
      const anchor = parent.actions.reduce((t, a) => Math.max(t, a.at), from);
      const stages = stageChanges(parentSamples, pages, anchor);
      const times = searchTimes(anchor, sim.end, stages, unlocks);
      // A change that shows nothing is tried again once the world has moved on: a new stage, an unlock, or an hour.
      const boundaries = [...stages, ...unlocks].sort((a, b) => a - b);
      const movedOn = (since: number) => Math.min(since + RETRY_NOTHING_SECONDS, boundaries.find((b) => b > since) ?? Infinity);
      const snapshots = snapshotsAt(sim, [...base, ...parent.actions], times);
      for (const { command, delaySeconds, reachSeconds } of candidates) {
        let quietUntil = -Infinity;
        for (const t of times) {
          if (sim.simulatedSeconds >= budget) break;
          if (t < quietUntil) continue;
          const given = assign(parent.actions, t, command);
          if (!given || !warranted(command, () => snapshots.get(t)!)) continue;
          const applied = sim.apply(snapshots.get(t)!, given);
          if (!applied.ok) continue;
          const cap = Math.min(sim.end, t + EFFECT_FACTOR * reachSeconds + screen);
          const probe = probeEffect(sim, applied.handle, parentSamples, t, Math.min(sim.end, t + delaySeconds), cap);
          if (probe.shownAt === null) { quietUntil = movedOn(t); continue; }
          const until = Math.min(sim.end, Math.max(probe.shownAt, t + reachSeconds) + screen);
          const handle = sim.advance(probe.handle, until);
          const cost = impactOf(sim.samples(handle), until).cost;
          const before = costOfParent(until);
          if (cost >= before * (1 - MIN_GAIN) - 1e-9) continue;
          const actions = [...parent.actions, { at: t, command: given }];
          const ratio = before > 0 ? cost / before : 0;
          // One candidate per set of actions (its most promising timing): keeps the beam diverse.
          const k = key(actions);
          const seen = screened.get(k);
          if (!seen || ratio < seen.ratio) screened.set(k, { actions, ratio, handle, until, parent });
        }
      }
    }
    const children: SearchNode[] = [];
    const stones: SearchNode[] = [];
    const finalists = [...screened.values()].sort((a, b) => a.ratio - b.ratio).slice(0, options.finalists);
    for (const f of finalists) {
      const handle = f.until >= sim.end ? f.handle : sim.advance(f.handle, sim.end);
      const impact = impactOf(sim.samples(handle));
      // Better to the end: a child. Better only while it was watched: a stepping stone (its fix
      // works, and what it leaves is a next stage), kept for the next depth to build on.
      if (impact.cost < f.parent.impact.cost * (1 - MIN_GAIN) - 1e-9) children.push({ actions: f.actions, impact });
      else if (depth + 1 < options.maxDepth) stones.push({ actions: f.actions, impact: f.parent.impact });
    }
    if (children.length + stones.length === 0) break;
    children.sort((a, b) => a.impact.cost - b.impact.cost);
    if (children[0] && children[0].impact.cost < best.impact.cost) best = children[0];
    beam = [...children, ...stones].slice(0, options.beamWidth);
  }
  return best;
}

/** The objective of a set of changes played after `base`, simulated from the start. */
export type Evaluate = (actions: Planned[]) => ObservedImpact;

/** Polishing moves a change in a plan: whether the team has reason to make it at `t`, after `others`. */
export type WarrantedAt = (others: readonly Planned[], t: number, command: Command) => boolean;

/**
 * Move each change minute by minute within ±window (never before the team can act, nor before its
 * evidence warrants it) while it helps, given to whoever is free at the new time.
 */
export function polish(node: SearchNode, evaluate: Evaluate, assign: SearchProblem['assign'], warranted: WarrantedAt, earliest: number, end: number, window: number): SearchNode {
  let current = node;
  for (let i = 0; i < current.actions.length; i++) {
    const at = current.actions[i]!.at;
    for (let delta = -window; delta <= window; delta++) {
      const t = at + delta * 60;
      if (delta === 0 || t < earliest || t >= end) continue;
      const others = current.actions.filter((_, j) => j !== i);
      const command = assign(others, t, handTo(current.actions[i]!.command, undefined));
      if (!command || !warranted(others, t, command)) continue;
      const actions = current.actions.map((a, j) => (j === i ? { at: t, command } : a));
      const impact = evaluate(actions);
      if (impact.cost < current.impact.cost - 1e-9) current = { actions, impact };
    }
  }
  return current;
}

/** Drop changes the objective does not miss: they would only add risk (and, in the debrief, penalties). */
export function prune(node: SearchNode, evaluate: Evaluate): SearchNode {
  let current = node;
  for (let i = current.actions.length - 1; i >= 0; i--) {
    const actions = current.actions.filter((_, j) => j !== i);
    const impact = evaluate(actions);
    if (impact.cost <= current.impact.cost * (1 + MIN_GAIN / 5) + 1e-9) current = { actions, impact };
  }
  return current;
}
