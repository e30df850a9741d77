/** Running a list of timed commands through the team simulator, from the start or from snapshots. */
import type { Command } from '../engine/index.ts';
import type { SimHandle, TeamSimulator } from './team-simulator.ts';

export interface Planned {
  at: number;
  command: Command;
}

/** Time order, stable for commands at the same time (the order they were planned in). */
export function sortPlan(plan: readonly Planned[]): Planned[] {
  return plan.map((p, i) => ({ p, i })).sort((a, b) => a.p.at - b.p.at || a.i - b.i).map(({ p }) => p);
}

/** Apply every command at its time (a refused one is skipped, as the engine would) and advance to `until`. */
export function runPlanned(sim: TeamSimulator, plan: readonly Planned[], until: number = sim.end): SimHandle {
  let handle = sim.create();
  for (const { at, command } of sortPlan(plan)) {
    if (at > until) break;
    handle = sim.advance(handle, at);
    const result = sim.apply(handle, command);
    if (result.ok) handle = result.handle;
  }
  return sim.advance(handle, until);
}

/**
 * The plan's world at each of `times`, with the plan's commands up to and including that time
 * applied: a candidate command at time t continues from the snapshot at t instead of replaying
 * the shared prefix.
 */
export function snapshotsAt(sim: TeamSimulator, plan: readonly Planned[], times: readonly number[]): Map<number, SimHandle> {
  const sorted = sortPlan(plan);
  const out = new Map<number, SimHandle>();
  let handle = sim.create();
  let next = 0;
  for (const t of [...times].sort((a, b) => a - b)) {
    while (next < sorted.length && sorted[next]!.at <= t) {
      const { at, command } = sorted[next++]!;
      handle = sim.advance(handle, at);
      const result = sim.apply(handle, command);
      if (result.ok) handle = result.handle;
    }
    handle = sim.advance(handle, t);
    out.set(t, handle);
  }
  return out;
}

/** The same command done by `by` (undefined: by whoever is free). Injects are the host's: unchanged. */
export function handTo(command: Command, by: string | undefined): Command {
  if (command.type === 'inject') return command;
  const { by: _previous, ...rest } = command;
  return (by === undefined ? rest : { ...rest, by }) as Command;
}
