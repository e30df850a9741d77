import { describe, expect, it } from 'vitest';
import type { FeedEntry } from '../../server/protocol/views.ts';
import { alreadyReceived, describeReceived, injectDeliveries } from './inject-status.ts';

const entry = (at: number, inject?: string, kind: FeedEntry['kind'] = 'inject'): FeedEntry => ({ entry: at, at, kind, title: 't', text: 'x', ...(inject ? { inject } : {}) });
const teams = [
  { team: { id: 't1', name: 'Team 1' }, world: { feed: [entry(43_320, 'exec'), entry(42_000, 'call'), entry(43_800, 'exec'), entry(43_900, undefined)] } },
  { team: { id: 't2', name: 'Team 2' }, world: { feed: [entry(42_000, 'call'), entry(42_100, 'exec', 'notice')] } },
];

describe('library injects per team', () => {
  it('lists, per team, when an inject reached its feed (by hand or by itself), oldest first', () => {
    expect(injectDeliveries('exec', teams)).toEqual([
      { teamId: 't1', teamName: 'Team 1', at: [43_320, 43_800] },
      { teamId: 't2', teamName: 'Team 2', at: [] },
    ]);
    expect(injectDeliveries('call', teams).map((d) => d.at)).toEqual([[42_000], [42_000]]);
  });

  it('names the teams a resend would reach a second time', () => {
    const exec = injectDeliveries('exec', teams);
    expect(alreadyReceived(exec, null).map((d) => d.teamId)).toEqual(['t1']);
    expect(alreadyReceived(exec, 't2')).toEqual([]);
    expect(describeReceived(alreadyReceived(exec, 't1'))).toBe('Team 1 at 12:02 and 12:10');
    expect(describeReceived(alreadyReceived(injectDeliveries('call', teams), null))).toBe('Team 1 at 11:40 and Team 2 at 11:40');
  });
});
