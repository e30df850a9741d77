import { describe, expect, it } from 'vitest';
import type { ActionRecord, InvestigationRecord, PlayerInfo } from '../../server/protocol/views.ts';
import { teamAttention } from './attention.ts';

const specs = {
  investigations: [{ id: 'logs', title: 'Query logs', params: [{ name: 'service', label: 'Service', type: 'enum' as const, options: [{ value: 'api', label: 'API' }] }] }],
  actions: [{ id: 'rollback', title: 'Roll back the config', params: [] }],
};
const player = (id: string, name: string): PlayerInfo => ({ id, name, teamId: 't1', role: null, connected: true });
const inv = (entry: number, by: string, completesAt: number, status: InvestigationRecord['status'] = 'running'): InvestigationRecord =>
  ({ entry, investigation: 'logs', params: { service: 'api' }, requestedAt: 0, completesAt, status, by });
const act = (entry: number, by: string, workUntil: number): ActionRecord =>
  ({ entry, action: 'rollback', params: {}, requestedAt: 0, effectiveAt: workUntil + 60, status: 'pending', by, workUntil });

describe("the console's view of who is busy", () => {
  it('names each teammate, what keeps them busy and until when, you first', () => {
    const rows = teamAttention(
      { investigations: [inv(3, 'p2', 700)], actions: [act(4, 'p3', 900)] }, specs,
      [player('p2', 'Zoe'), player('p1', 'Ada'), player('p3', 'Bob')], 'p1', 600,
    );
    expect(rows.map((r) => [r.name, r.you, r.task && [r.task.kind, r.task.entry, r.task.title, r.task.until]])).toEqual([
      ['Ada', true, null],
      ['Bob', false, ['action', 4, 'Roll back the config', 900]],
      ['Zoe', false, ['investigation', 3, 'Query logs (API)', 700]],
    ]);
  });

  it('reads attention at the console clock: a task that ended, or was cancelled, keeps nobody busy', () => {
    const world = { investigations: [inv(3, 'p1', 700), inv(5, 'p2', 900, 'cancelled')], actions: [] };
    expect(teamAttention(world, specs, [player('p1', 'Ada'), player('p2', 'Bob')], 'p1', 650)[0]!.task?.entry).toBe(3);
    expect(teamAttention(world, specs, [player('p1', 'Ada'), player('p2', 'Bob')], 'p1', 700).every((r) => r.task === null)).toBe(true);
  });

  it('keeps a task of someone who left the team on the list', () => {
    const rows = teamAttention({ investigations: [inv(3, 'gone', 700)], actions: [] }, specs, [player('p1', 'Ada')], 'p1', 600);
    expect(rows.map((r) => r.name)).toEqual(['Ada', 'A former teammate']);
  });
});
