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
