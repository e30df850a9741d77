/** Markers each team is "confirming": their condition holds but not yet long enough to count. */
import { confirmingMarkers } from '../../server/engine/markers.ts';
import type { HostSnapshot } from '../../server/protocol/views.ts';

export interface PendingMilestone {
  teamId: string;
  teamName: string;
  markerId: string;
  label: string;
  /** Sim seconds of sustained recovery still needed. */
  remaining: number;
}

export function pendingMilestones(snapshot: HostSnapshot): PendingMilestone[] {
  const rules = snapshot.scenario.markerRules;
  return snapshot.teams.flatMap(({ team, world }) =>
    confirmingMarkers(rules, world.samples, world.markers).map((c) => ({
      teamId: team.id, teamName: team.name, markerId: c.id, label: rules.find((r) => r.id === c.id)?.label ?? c.id, remaining: c.remaining,
    })));
}

/** "Resolved (Team 1): 2 sim min of sustained recovery left". */
export function describePending(p: PendingMilestone): string {
  return `${p.label} (${p.teamName}): ${Math.max(1, Math.ceil(p.remaining / 60))} sim min of sustained recovery left`;
}
