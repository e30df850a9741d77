import type { PlanStep, Scenario, ScenarioData } from './scenario-definition.ts';
import { advance, advanceOwned, endTime } from './advance.ts';
import { applyOwned, lockedBecause, type Command } from './commands.ts';
import { copyWorld } from './copy-world.ts';
import { createWorld, type WorldOptions } from './create-world.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';
import { busyTask } from './attention.ts';

/** Headless plans are played by this many responders unless told otherwise (`--responders`). */
export const DEFAULT_RESPONDERS = 3;

export interface RunOptions extends WorldOptions {
  /**
   * Play with this many responders, r1…rN: a command without `by` goes to the first one free, and
   * waits until one is when none is. Unset: commands run as given (a session's logged commands
   * carry their responder already).
   */
  responders?: number;
}

export interface TimedCommand {
  at: SimSeconds;
  command: Command;
}

export interface RunResult<M> {
  world: World<M>;
  /** Commands the engine refused, with the reason (a plan can ask for something impossible). */
  refused: { at: SimSeconds; command: Command; error: string; needs?: string[] }[];
  /** Commands that waited for a free responder (`responders` runs): asked at `at`, run at `ranAt` by `by`. */
  waited: { at: SimSeconds; ranAt: SimSeconds; by: string; command: Command }[];
  /** The commands applied, at the time they ran and with their responder: the run as a session would log it. */
  played: TimedCommand[];
}

/** Turn a plan (scenario reference plan or a plan file) into timed commands, in time order (stable). */
export function planToCommands(plan: readonly PlanStep[]): TimedCommand[] {
  const timed = plan.map((step, index) => ({ index, at: clock(step.at), command: stepToCommand(step) }));
  timed.sort((a, b) => a.at - b.at || a.index - b.index);
  return timed.map(({ at, command }) => ({ at, command }));
}

function stepToCommand(step: PlanStep): Command {
  const by = step.by !== undefined ? { by: step.by } : {};
  if ('action' in step) return { type: 'act', action: step.action, params: step.params, ...by };
  if ('investigate' in step) return { type: 'investigate', investigation: step.investigate, params: step.params, ...by };
  const d = step.diagnose;
  return {
    type: 'diagnose', trigger: d.trigger, mechanism: d.mechanism, text: d.text, ...by,
    ...(d.component !== undefined ? { component: d.component } : {}),
    ...(d.evidence !== undefined ? { evidence: d.evidence } : {}),
  };
}

/** Does this command take a responder's time? (Investigations; changes with work time.) */
function takesAttention(data: ScenarioData, command: Command): boolean {
  if (command.type === 'investigate') return true;
  if (command.type === 'act') return (data.actions.find((a) => a.id === command.action)?.workMinutes ?? 0) > 0;
  return false;
}

/**
 * Give a command without `by` to the first free responder of r1…rN at the world's time. When
 * none is free and it needs attention: the time the first one frees up (the command waits).
 */
function assignResponder(data: ScenarioData, world: World<unknown>, command: Command, responders: number): { command: Command; by: string } | { waitUntil: SimSeconds } {
  if (command.type === 'inject' || command.type === 'cancel') return { command, by: '' };
  if (command.by !== undefined) return { command, by: command.by };
  const names = Array.from({ length: responders }, (_, i) => `r${i + 1}`);
  if (!takesAttention(data, command)) return { command: { ...command, by: names[0]! }, by: names[0]! };
  let soonest = Infinity;
  for (const by of names) {
    const busy = busyTask(world, by);
    if (!busy) return { command: { ...command, by }, by };
    soonest = Math.min(soonest, busy.until);
  }
  return { waitUntil: soonest };
}

/**
 * Run a world headless from the start: advance to each command's time, apply it, and finish at
 * `until` (the scenario's end by default). Session replay and the CLI both go through here.
 * The world is this run's own until it is returned, so it is advanced and changed in place:
 * copying its samples and feed for every command made a run's cost grow with commands × steps.
 */
export function runCommands<M>(
  scenario: Scenario<M>, seed: number, commands: readonly TimedCommand[], until?: SimSeconds, options: RunOptions = {},
): RunResult<M> {
  let world = createWorld(scenario, seed, options);
  const refused: RunResult<M>['refused'] = [];
  const waited: RunResult<M>['waited'] = [];
  const played: TimedCommand[] = [];
  const stop = until ?? endTime(scenario);
  // A queue in time order: a command waiting for a free responder goes back in at its new time,
  // after the commands already due then.
  const queue = commands.map((c) => ({ ...c, asked: c.at }));
  for (let i = 0; i < queue.length; i++) {
    const { at, asked } = queue[i]!;
    let { command } = queue[i]!;
    if (at > stop) break;
    world = advanceOwned(scenario, world, at);
    if (options.responders !== undefined) {
      const assigned = assignResponder(scenario.data, world, command, options.responders);
      if ('waitUntil' in assigned) {
        // The engine advances in steps: the responder is free at the first step at or after `until`.
        const step = scenario.data.clock.stepSeconds;
        const next = Math.ceil(assigned.waitUntil / step) * step;
        let j = i + 1;
        while (j < queue.length && queue[j]!.at <= next) j++;
        queue.splice(j, 0, { at: next, asked, command });
        continue;
      }
      command = assigned.command;
      if (asked !== at && assigned.by) waited.push({ at: asked, ranAt: world.t, by: assigned.by, command });
    }
    const result = applyOwned(scenario, world, command);
    if (result.ok) {
      world = result.world;
      // As a session logs it: a diagnosis cites finding ids (a plan may cite investigation ids).
      played.push({ at: world.t, command: command.type === 'diagnose' ? { ...command, evidence: world.diagnoses.at(-1)!.evidence } : command });
    } else {
      // Say which leads a locked entry lacked: a plan author needs that, a team never sees it.
      const needs = lockedBecause(scenario, world, command);
      refused.push({ at, command, error: result.error, ...(needs ? { needs } : {}) });
    }
  }
  world = advanceOwned(scenario, world, stop);
  return { world, refused, waited, played };
}

/** A plan is played headless: by DEFAULT_RESPONDERS responders unless `responders` says otherwise. */
export function runPlan<M>(scenario: Scenario<M>, seed: number, plan: readonly PlanStep[], options: RunOptions = {}): RunResult<M> {
  return runCommands(scenario, seed, planToCommands(plan), undefined, { responders: DEFAULT_RESPONDERS, ...options });
}

/**
 * Replay a time-ordered command list up to `t`, one stretch at a time: apply every command due by
 * `t` from index `next` (advancing to each; a refused one is skipped), then advance to `t`.
 * For callers that look at the world between stretches (spies, load checks).
 */
export function playTo<M>(scenario: Scenario<M>, world: World<M>, commands: readonly TimedCommand[], next: number, t: SimSeconds): { world: World<M>; next: number } {
  let i = next;
  if (i >= commands.length || commands[i]!.at > t) return { world: advance(scenario, world, t), next: i };
  // One copy for the stretch: the caller's world stays as it was, the copy is changed in place.
  let current = copyWorld(world);
  while (i < commands.length && commands[i]!.at <= t) {
    current = advanceOwned(scenario, current, commands[i]!.at);
    const r = applyOwned(scenario, current, commands[i]!.command);
    if (r.ok) current = r.world;
    i++;
  }
  return { world: advanceOwned(scenario, current, t), next: i };
}
