/**
 * What is new in a team's runbook: a tool or option unlocked during play (unlockedAt set) that
 * nobody in this browser has opened and the team has not used yet. And what revealed it: the
 * leads found at the moment it unlocked (an item unlocks when the last lead it needs is found).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { LeadView, TeamObservation } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import { saveSeenTools, seenToolsFor } from '../lib/storage.ts';

export type ToolKey = `investigation:${string}` | `action:${string}`;

/** "12:45 by Proxy error logs (FL2)": when an item unlocked and the evidence that revealed it. */
export function revealedBy(leads: readonly LeadView[], unlockedAt: number | null): string | null {
  if (unlockedAt === null) return null;
  const sources = [...new Set(leads.filter((l) => l.at === unlockedAt).map((l) => l.source))];
  return sources.length === 0 ? formatHhmm(unlockedAt) : `${formatHhmm(unlockedAt)} by ${sources.join(', ')}`;
}

/** The runbook items this seat has already opened, kept across reloads; used ones are not new either. */
export function useRunbookNews(playerId: string, world: TeamObservation): { isNew: (key: ToolKey, unlockedAt: number | null) => boolean; markSeen: (key: ToolKey) => void } {
  const [seen, setSeen] = useState<ReadonlySet<string>>(() => new Set(seenToolsFor(playerId)));
  useEffect(() => setSeen(new Set(seenToolsFor(playerId))), [playerId]);
  const used = new Set<string>([
    ...world.investigations.map((i) => `investigation:${i.investigation}`),
    ...world.actions.map((a) => `action:${a.action}`),
  ]);
  const isNew = (key: ToolKey, unlockedAt: number | null) => unlockedAt !== null && !seen.has(key) && !used.has(key);
  const markSeen = useCallback((key: ToolKey) => {
    setSeen((current) => {
      if (current.has(key)) return current;
      const next = new Set(current).add(key);
      saveSeenTools(playerId, [...next]);
      return next;
    });
  }, [playerId]);
  return { isNew, markSeen };
}
