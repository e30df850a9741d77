import { describe, expect, it } from 'vitest';
import type { DebriefEvent } from '../../server/protocol/debrief.ts';
import { timelineRows } from './timeline-rows.ts';

const event = (at: number, kind: DebriefEvent['kind'], settlesAt: number | null): DebriefEvent => ({
  entry: at, at, clock: String(at), kind, ref: kind, title: kind, detail: '', settlesAt, settlesClock: null, outcome: null, correct: null, penalty: 0,
});

describe('timelineRows', () => {
  it('merges team and real lines by time and marks what was known at t', () => {
    const rows = timelineRows(
      [event(10, 'action', 50), event(20, 'diagnosis', null), event(70, 'investigation', null)],
      [{ at: 15, clock: '15', text: 'real' }, { at: 80, clock: '80', text: 'later' }],
      30,
    );
    expect(rows.map((r) => [r.at, r.team?.kind ?? r.real, r.state])).toEqual([
      [10, 'action', 'pending'], [15, 'real', 'past'], [20, 'diagnosis', 'past'], [70, 'investigation', 'future'], [80, 'later', 'future'],
    ]);
    expect(timelineRows([event(10, 'action', 50)], [], 60)[0]!.state).toBe('past');
  });
});

describe('timelineRows of a branch', () => {
  it('marks the divergence first at its time and adds the original team from it on', () => {
    const rows = timelineRows(
      [event(10, 'investigation', 20), event(40, 'action', 45)],
      [{ at: 30, clock: '30', text: 'real' }],
      100,
      { at: 30, clock: '30', original: [event(10, 'investigation', 20), event(30, 'diagnosis', null), event(50, 'action', 60)] },
    );
    expect(rows.map((r) => [r.at, r.divergence ? 'divergence' : r.team ? `team ${r.team.kind}` : r.original ? `original ${r.original.kind}` : r.real])).toEqual([
      [10, 'team investigation'], [30, 'divergence'], [30, 'original diagnosis'], [30, 'real'], [40, 'team action'], [50, 'original action'],
    ]);
  });
});
