/**
 * `simulate --actions a.json --branch-at HH:MM --then b.json`: the run a branch made at HH:MM
 * from a team that followed plan a, continued with plan b. Plan a's steps before HH:MM (strictly:
 * a step exactly at the branch point is the branch's to choose, as in a session's branch), then
 * plan b, whose steps must be at or after HH:MM. Scored from the branch point on, like the
 * branch's debrief (docs/scoring.md).
 */
import { formatClock, planToCommands, type PlanStep, type Scenario, type SimSeconds, type TimedCommand } from '../engine/index.ts';
import { describeCommands, type PlayOptions, type RunReport } from './run-report.ts';

export interface BranchReport extends RunReport {
  /** The branch point, "HH:MM". */
  branchAt: string;
}

export function branchCommands(before: readonly PlanStep[], at: SimSeconds, after: readonly PlanStep[]): TimedCommand[] | { error: string } {
  const then = planToCommands(after);
  const early = then.find((c) => c.at < at);
  if (early) return { error: `the --then plan has a step at ${formatClock(early.at)}, before the branch point ${formatClock(at)}` };
  return [...planToCommands(before).filter((c) => c.at < at), ...then];
}

export function describeBranchRun(
  scenario: Scenario, seed: number, plans: { before: readonly PlanStep[]; beforeName: string; at: SimSeconds; after: readonly PlanStep[]; afterName: string }, play: PlayOptions,
): { ok: true; report: BranchReport } | { ok: false; error: string } {
  const commands = branchCommands(plans.before, plans.at, plans.after);
  if ('error' in commands) return { ok: false, error: commands.error };
  const branchAt = formatClock(plans.at);
  const report = describeCommands(scenario, seed, commands, `${plans.beforeName} until ${branchAt}, then ${plans.afterName}`, play, { from: plans.at });
  return { ok: true, report: { ...report, branchAt } };
}
