/**
 * What the debrief page needs to draw a branch: when it diverged, the original team's run, and
 * how to name that run. Null for a session that is not a branch. The one place that reads the
 * debrief's `branch` and `lineage` fields for the comparison.
 */
import type { Debrief, DebriefRun } from '../../server/protocol/debrief.ts';

export interface BranchView {
  /** Sim seconds: the moment of divergence. */
  at: number;
  clock: string;
  /** Null when the parent is no longer stored (retention) or its log does not replay. */
  parentRun: DebriefRun | null;
  /** e.g. "Team 1, original run (K7QX-2M)". */
  parentLabel: string;
  parentCode: string | null;
  /** When the original run stops short of this debrief (its session ended earlier): its last sample time. */
  parentEnd: number | null;
}

export function branchViewOf(debrief: Debrief): BranchView | null {
  if (!debrief.branch) return null;
  const { at, clock, parentRun, parentTeamId } = debrief.branch;
  const code = debrief.lineage.parent?.code ?? null;
  const name = parentRun?.name ?? debrief.teams.find((t) => t.id === parentTeamId)?.name ?? parentTeamId;
  // A parent that ended earlier has shorter curves (docs/protocol.md, Branches).
  const length = parentRun ? Math.max(0, ...Object.values(parentRun.curves).map((c) => c.length)) : debrief.times.length;
  const parentEnd = length < debrief.times.length ? (debrief.times[length - 1] ?? null) : null;
  return { at, clock, parentRun, parentLabel: `${name}, original run${code ? ` (${code})` : ''}`, parentCode: code, parentEnd };
}

/** The label of the divergence line on every chart and timeline. */
export const divergenceLabel = (view: BranchView) => `Branched at ${view.clock}`;
