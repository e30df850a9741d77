import type { PlanStep, Scenario } from './scenario-definition.ts';
import { advance, endTime } from './advance.ts';
import { apply, lockedBecause, type Command } from './commands.ts';
import { createWorld, type WorldOptions } from './create-world.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

export interface TimedCommand {
  at: SimSeconds;
  command: Command;
}

export interface RunResult<M> {
  world: World<M>;
  /** Commands the engine refused, with the reason (a plan can ask for something impossible). */
  refused: { at: SimSeconds; command: Command; error: string; needs?: string[] }[];
}

/** Turn a plan (scenario reference plan or a plan file) into timed commands, in time order (stable). */
export function planToCommands(plan: readonly PlanStep[]): TimedCommand[] {
  const timed = plan.map((step, index) => ({ index, at: clock(step.at), command: stepToCommand(step) }));
  timed.sort((a, b) => a.at - b.at || a.index - b.index);
  return timed.map(({ at, command }) => ({ at, command }));
}

function stepToCommand(step: PlanStep): Command {
  if ('action' in step) return { type: 'act', action: step.action, params: step.params };
  if ('investigate' in step) return { type: 'investigate', investigation: step.investigate, params: step.params };
  return { type: 'diagnose', trigger: step.diagnose.trigger, mechanism: step.diagnose.mechanism, text: step.diagnose.text };
}

/**
 * Run a world headless from the start: advance to each command's time, apply it, and finish at
 * `until` (the scenario's end by default). Session replay and the CLI both go through here.
 */
export function runCommands<M>(
  scenario: Scenario<M>, seed: number, commands: readonly TimedCommand[], until?: SimSeconds, options: WorldOptions = {},
): RunResult<M> {
  let world = createWorld(scenario, seed, options);
  const refused: RunResult<M>['refused'] = [];
  const stop = until ?? endTime(scenario);
  for (const { at, command } of commands) {
    if (at > stop) break;
    world = advance(scenario, world, at);
    const result = apply(scenario, world, command);
    if (result.ok) world = result.world;
    else {
      // Say which leads a locked entry lacked: a plan author needs that, a team never sees it.
      const needs = lockedBecause(scenario, world, command);
      refused.push({ at, command, error: result.error, ...(needs ? { needs } : {}) });
    }
  }
  world = advance(scenario, world, stop);
  return { world, refused };
}

export function runPlan<M>(scenario: Scenario<M>, seed: number, plan: readonly PlanStep[], options: WorldOptions = {}): RunResult<M> {
  return runCommands(scenario, seed, planToCommands(plan), undefined, options);
}

/**
 * Replay a time-ordered command list up to `t`, one stretch at a time: apply every command due by
 * `t` from index `next` (advancing to each; a refused one is skipped), then advance to `t`.
 * For callers that look at the world between stretches (spies, load checks).
 */
export function playTo<M>(scenario: Scenario<M>, world: World<M>, commands: readonly TimedCommand[], next: number, t: SimSeconds): { world: World<M>; next: number } {
  let current = world;
  let i = next;
  while (i < commands.length && commands[i]!.at <= t) {
    current = advance(scenario, current, commands[i]!.at);
    const r = apply(scenario, current, commands[i]!.command);
    if (r.ok) current = r.world;
    i++;
  }
  return { world: advance(scenario, current, t), next: i };
}
