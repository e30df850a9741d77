/**
 * The team's timeline beside the real one, merged by time, with what was known at the scrubber
 * time: a line after t is "future"; an action requested before t but effective after is "pending".
 */
import type { DebriefEvent } from '../../server/protocol/debrief.ts';

export interface TimelineRow {
  at: number;
  clock: string;
  /** Exactly one of the two is set. */
  team: DebriefEvent | null;
  real: string | null;
  state: 'past' | 'pending' | 'future';
}

export function timelineRows(events: readonly DebriefEvent[], real: readonly { at: number; clock: string; text: string }[], t: number): TimelineRow[] {
  const rows: (TimelineRow & { order: number })[] = [
    ...events.map((e, i) => ({
      at: e.at, clock: e.clock, team: e, real: null, order: i,
      state: e.at > t ? 'future' as const : e.settlesAt === null && (e.kind === 'action' || e.kind === 'investigation') ? 'pending' as const
        : e.settlesAt !== null && e.settlesAt > t ? 'pending' as const : 'past' as const,
    })),
    ...real.map((r, i) => ({ at: r.at, clock: r.clock, team: null, real: r.text, order: 100_000 + i, state: r.at > t ? 'future' as const : 'past' as const })),
  ];
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map(({ order: _order, ...row }) => row);
}
