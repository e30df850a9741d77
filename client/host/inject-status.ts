/**
 * Where each library inject has gone: per team, the sim times it reached the team's feed (sent by
 * hand or arrived by itself), read from the worlds the host already holds. Pure, so it is tested.
 */
import type { FeedEntry, TeamInfo } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';

export interface TeamFeed {
  team: TeamInfo;
  world: { feed: readonly FeedEntry[] };
}

export interface InjectDelivery {
  teamId: string;
  teamName: string;
  /** Sim times it reached this team, oldest first; empty: not yet. */
  at: number[];
}

export function injectDeliveries(injectId: string, teams: readonly TeamFeed[]): InjectDelivery[] {
  return teams.map(({ team, world }) => ({
    teamId: team.id,
    teamName: team.name,
    at: world.feed.filter((f) => f.kind === 'inject' && f.inject === injectId).map((f) => f.at).sort((a, b) => a - b),
  }));
}

/** The teams among `targets` (null: every team) that already received it: sending it again needs a yes. */
export function alreadyReceived(deliveries: readonly InjectDelivery[], targets: string | null): InjectDelivery[] {
  return deliveries.filter((d) => d.at.length > 0 && (targets === null || d.teamId === targets));
}

/** "Team 1 at 11:42" / "Team 1 at 11:42 and 11:50", joined: what the resend question names. */
export function describeReceived(received: readonly InjectDelivery[]): string {
  const one = (d: InjectDelivery) => `${d.teamName} at ${d.at.map(formatHhmm).join(' and ')}`;
  if (received.length <= 1) return received.map(one).join('');
  return `${received.slice(0, -1).map(one).join(', ')} and ${one(received.at(-1)!)}`;
}
