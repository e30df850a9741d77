/** Shared by the room view (server) and the consoles (client): which alert rules fire now. */
import type { FeedEntry } from '../engine/world.ts';

/** Alert rules whose latest entry is a firing one (the feed keeps both FIRING and RESOLVED lines). */
export function firingAlerts(feed: readonly FeedEntry[]): FeedEntry[] {
  const latest = new Map<string, FeedEntry>();
  for (const f of feed) {
    if (f.kind !== 'alert' && f.kind !== 'alert-resolved') continue;
    const key = f.rule ?? f.title;
    const prev = latest.get(key);
    if (!prev || f.at > prev.at || (f.at === prev.at && f.entry > prev.entry)) latest.set(key, f);
  }
  return [...latest.values()].filter((f) => f.kind === 'alert');
}
