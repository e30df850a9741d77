/**
 * A session's place among branches, for its debrief: its parent (settings.origin) and children
 * (the stored sessions whose origin names it), and — for a branch — the parent team's commands,
 * so the debrief can replay the original team's run over the same window.
 */
import { formatClock } from '../engine/index.ts';
import type { BranchDebriefInput } from '../debrief/debrief-input.ts';
import type { DebriefLineage, DebriefLineageLink } from '../protocol/debrief.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { BranchOrigin } from '../storage/session-record.ts';
import type { SessionStore, SessionSummary } from '../storage/session-store.ts';
import type { SessionRegistry } from './session-registry.ts';

export interface BranchFamily {
  lineage: DebriefLineage;
  /** Set on a branch. */
  branch?: BranchDebriefInput;
  /** False while the parent runs: the original team's run still grows, so a debrief of it must not be cached. */
  settled: boolean;
}

function link(stored: Pick<SessionSummary, 'settings'>, origin: BranchOrigin, teamId: string): DebriefLineageLink {
  return { sessionId: stored.settings.id, code: formatJoinCode(stored.settings.code), teamId, branchedAt: origin.at, branchedClock: formatClock(origin.at) };
}

export function branchFamily(registry: SessionRegistry, store: SessionStore, sessionId: string): BranchFamily | undefined {
  const stored = store.get(sessionId);
  if (!stored) return undefined;
  const children = store.list()
    .filter((s) => s.settings.origin?.parentSessionId === sessionId)
    .sort((a, b) => a.settings.createdAt - b.settings.createdAt)
    .map((s) => ({ ...link(s, s.settings.origin!, s.settings.origin!.parentTeamId), ended: s.endedWall !== null }));
  const origin = stored.settings.origin;
  if (!origin) return { lineage: { parent: null, children }, settled: true };

  const base = { at: origin.at, parentSessionId: origin.parentSessionId, parentTeamId: origin.parentTeamId };
  const parentStored = store.get(origin.parentSessionId);
  const parent = parentStored && registry.get(origin.parentSessionId);
  const team = parent?.teams.get(origin.parentTeamId);
  if (!parentStored || !parent || !team) {
    // Deleted by retention: the branch is self-contained, only the comparison with the original run is lost.
    return { lineage: { parent: null, parentGone: true, children }, branch: { ...base, parent: null }, settled: true };
  }
  return {
    lineage: { parent: link(parentStored, origin, origin.parentTeamId), children },
    branch: { ...base, parent: { name: team.info.name, commands: team.commands.slice(), until: parent.ended?.at ?? team.world.t } },
    settled: parent.ended !== null,
  };
}
