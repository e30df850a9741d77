/**
 * Which mitigations to take, and when: a beam search over plans that add one action at a time, at
 * a time no earlier than the plan's last action, judged by the observed objective only.
 *
 * Cost control, because every candidate is a simulated future:
 * - a candidate continues from a snapshot of its parent's world at its time, never from the start;
 * - it is first screened over a short horizon against its parent over the same horizon, and only the
 *   most promising few are simulated to the end;
 * - deeper levels only try actions that changed the objective at all when tried alone (an action
 *   that moves nothing by itself at any time is taken for one that does nothing for this impact).
 * Each added action must improve the objective, so useless or neutral actions never make it in.
 * The best plan is then polished (each action's time nudged minute by minute) and pruned (an action
 * whose removal costs nothing is dropped).
 */
import type { Command, Sample } from '../engine/index.ts';
import { handTo, runPlanned, snapshotsAt, type Planned } from './plan-runner.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';
import type { ObservedImpact } from './observed-objective.ts';

export interface SearchOptions {
  beamWidth: number;
  maxDepth: number;
  /** Sim time the screening simulates after a candidate's time, in minutes. */
  screenMinutes: number;
  /** Candidates per level simulated to the end after screening. */
  finalists: number;
  /** Stop expanding once this many sim hours have been simulated in total. */
  maxSimHours: number;
  /** Minutes either side of an action's time tried while polishing. */
  polishMinutes: number;
}

export interface SearchProblem {
  sim: TeamSimulator;
  /** Commands every plan starts with (investigations, first status update). */
  base: Planned[];
  candidates: Command[];
  /** Times at which a candidate may be tried; the earliest is when the team can first act. */
  times: number[];
  /** The objective of an observed run, counted up to `until` (the end of the window by default). */
  impactOf(samples: readonly Sample[], until?: number): ObservedImpact;
  /**
   * The command given to a responder free at `t` for its whole working time once `others` (actions
   * already in the plan) are booked, or null when nobody is (the candidate waits for a later time).
   */
  assign(others: readonly Planned[], t: number, command: Command): Command | null;
}

export interface SearchNode {
  actions: Planned[];
  impact: ObservedImpact;
}

interface Screened {
  actions: Planned[];
  /** Candidate's horizon cost over its parent's over the same horizon (below 1: better). */
  ratio: number;
  handle: SimHandle;
  until: number;
  parent: SearchNode;
}

/** An action must beat its parent by this share of the parent's cost to count as an improvement. */
const MIN_GAIN = 0.005;
/** A set of actions, whoever makes them. */
const key = (actions: readonly Planned[]) => actions.map((a) => JSON.stringify(handTo(a.command, undefined))).sort().join('|');

export function searchMitigations(problem: SearchProblem, options: SearchOptions): SearchNode {
  const { sim, base, candidates, times, impactOf, assign } = problem;
  const budget = options.maxSimHours * 3600;
  const samplesOf = (h: SimHandle) => sim.observe(h).samples;
  const evaluate = (actions: Planned[]): ObservedImpact => impactOf(samplesOf(runPlanned(sim, [...base, ...actions])));
  const root: SearchNode = { actions: [], impact: evaluate([]) };
  let best = root;
  let beam = [root];
  let tried = candidates;
  const moved = new Set<Command>();

  for (let depth = 0; depth < options.maxDepth && sim.simulatedSeconds < budget; depth++) {
    if (depth === 1) tried = candidates.filter((c) => moved.has(c));
    const screened = new Map<string, Screened>();
    for (const parent of beam) {
      const parentSamples = samplesOf(runPlanned(sim, [...base, ...parent.actions]));
      const from = parent.actions.reduce((t, a) => Math.max(t, a.at), times[0]!);
      const usable = times.filter((t) => t >= from);
      const snapshots = snapshotsAt(sim, [...base, ...parent.actions], usable);
      for (const command of tried) {
        for (const t of usable) {
          if (sim.simulatedSeconds >= budget) break;
          const given = assign(parent.actions, t, command);
          if (!given) continue;
          const applied = sim.apply(snapshots.get(t)!, given);
          if (!applied.ok) continue;
          const until = Math.min(sim.end, t + options.screenMinutes * 60);
          const handle = sim.advance(applied.handle, until);
          const cost = impactOf(samplesOf(handle), until).cost;
          const parentCost = impactOf(parentSamples.filter((x) => x.t <= until), until).cost;
          if (Math.abs(cost - parentCost) > 1e-9) moved.add(command);
          if (cost >= parentCost * (1 - MIN_GAIN) - 1e-9) continue;
          const actions = [...parent.actions, { at: t, command: given }];
          const ratio = parentCost > 0 ? cost / parentCost : 0;
          // One candidate per set of actions (its most promising timing): keeps the beam diverse.
          const k = key(actions);
          const seen = screened.get(k);
          if (!seen || ratio < seen.ratio) screened.set(k, { actions, ratio, handle, until, parent });
        }
      }
    }
    const children: SearchNode[] = [];
    const finalists = [...screened.values()].sort((a, b) => a.ratio - b.ratio).slice(0, options.finalists);
    for (const f of finalists) {
      const handle = f.until >= sim.end ? f.handle : sim.advance(f.handle, sim.end);
      const impact = impactOf(samplesOf(handle));
      if (impact.cost < f.parent.impact.cost * (1 - MIN_GAIN) - 1e-9) children.push({ actions: f.actions, impact });
    }
    if (children.length === 0) break;
    beam = children.sort((a, b) => a.impact.cost - b.impact.cost).slice(0, options.beamWidth);
    if (beam[0]!.impact.cost < best.impact.cost) best = beam[0]!;
  }
  return prune(polish(best, evaluate, assign, times[0]!, sim.end, options.polishMinutes), evaluate);
}

/**
 * Move each action minute by minute within ±window (never before the team can act) while it helps,
 * given to whoever is free at the new time.
 */
function polish(node: SearchNode, evaluate: (a: Planned[]) => ObservedImpact, assign: SearchProblem['assign'], earliest: number, end: number, window: number): SearchNode {
  let current = node;
  for (let i = 0; i < current.actions.length; i++) {
    const at = current.actions[i]!.at;
    for (let delta = -window; delta <= window; delta++) {
      const t = at + delta * 60;
      if (delta === 0 || t < earliest || t >= end) continue;
      const others = current.actions.filter((_, j) => j !== i);
      const command = assign(others, t, handTo(current.actions[i]!.command, undefined));
      if (!command) continue;
      const actions = current.actions.map((a, j) => (j === i ? { at: t, command } : a));
      const impact = evaluate(actions);
      if (impact.cost < current.impact.cost - 1e-9) current = { actions, impact };
    }
  }
  return current;
}

/** Drop actions the objective does not miss: they would only add risk (and, in the debrief, penalties). */
function prune(node: SearchNode, evaluate: (a: Planned[]) => ObservedImpact): SearchNode {
  let current = node;
  for (let i = current.actions.length - 1; i >= 0; i--) {
    const actions = current.actions.filter((_, j) => j !== i);
    const impact = evaluate(actions);
    if (impact.cost <= current.impact.cost * (1 + MIN_GAIN / 5) + 1e-9) current = { actions, impact };
  }
  return current;
}
