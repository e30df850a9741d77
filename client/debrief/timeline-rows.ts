/**
 * The team's timeline beside the real one, merged by time, with what was known at the scrubber
 * time: a line after t is "future"; an action requested before t but effective after is "pending".
 * A branch's timeline also carries the original team's lines from the divergence on (before it the
 * two are the same, inherited) and one row marking the divergence itself.
 */
import type { DebriefEvent } from '../../server/protocol/debrief.ts';

export type RowState = 'past' | 'pending' | 'future';

export interface TimelineRow {
  at: number;
  clock: string;
  /** Exactly one of team, original, real and divergence is set. */
  team: DebriefEvent | null;
  /** The original team's line (branches only, from the divergence on). */
  original: DebriefEvent | null;
  real: string | null;
  divergence: boolean;
  state: RowState;
}

export interface TimelineBranch {
  at: number;
  clock: string;
  original: readonly DebriefEvent[];
}

function eventState(e: DebriefEvent, t: number): RowState {
  if (e.at > t) return 'future';
  if (e.settlesAt === null && (e.kind === 'action' || e.kind === 'investigation')) return 'pending';
  return e.settlesAt !== null && e.settlesAt > t ? 'pending' : 'past';
}

const EMPTY = { team: null, original: null, real: null, divergence: false } as const;

export function timelineRows(
  events: readonly DebriefEvent[], real: readonly { at: number; clock: string; text: string }[], t: number, branch?: TimelineBranch,
): TimelineRow[] {
  const rows: (TimelineRow & { order: number })[] = [
    ...events.map((e, i) => ({ ...EMPTY, at: e.at, clock: e.clock, team: e, order: i, state: eventState(e, t) })),
    ...(branch?.original ?? []).filter((e) => e.at >= branch!.at).map((e, i) => ({ ...EMPTY, at: e.at, clock: e.clock, original: e, order: 50_000 + i, state: eventState(e, t) })),
    ...real.map((r, i) => ({ ...EMPTY, at: r.at, clock: r.clock, real: r.text, order: 100_000 + i, state: r.at > t ? 'future' as const : 'past' as const })),
    // First among the lines at its minute: everything at or after it happened in the branch.
    ...(branch ? [{ ...EMPTY, at: branch.at, clock: branch.clock, divergence: true, order: -1, state: branch.at > t ? 'future' as const : 'past' as const }] : []),
  ];
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map(({ order: _order, ...row }) => row);
}
