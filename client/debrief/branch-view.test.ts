import { describe, expect, it } from 'vitest';
import type { Debrief, DebriefRun } from '../../server/protocol/debrief.ts';
import { branchViewOf, divergenceLabel } from './branch-view.ts';

const run = (name: string, curve: number[]) => ({ name, curves: { e: curve } }) as unknown as DebriefRun;
const debrief = (branch: Debrief['branch'], parentCode: string | null): Debrief => ({
  times: [0, 30, 60, 90],
  teams: [{ id: 't1', name: 'Team 1' }],
  branch,
  lineage: { parent: parentCode ? { sessionId: 'p', code: parentCode, teamId: 't1', branchedAt: 30, branchedClock: '00:00' } : null, children: [] },
}) as unknown as Debrief;
const base = { at: 43200, clock: '12:00', parentSessionId: 'p', parentTeamId: 't1' };

describe('branchViewOf', () => {
  it('is null for a session that is not a branch', () => {
    expect(branchViewOf(debrief(null, null))).toBeNull();
  });

  it('names the original run by team and parent code, and labels the divergence', () => {
    const view = branchViewOf(debrief({ ...base, parentRun: run('Team 1', [1, 2, 3, 4]) }, 'K7QX-2M'))!;
    expect(view.parentLabel).toBe('Team 1, original run (K7QX-2M)');
    expect(view.parentEnd).toBeNull();
    expect(divergenceLabel(view)).toBe('Branched at 12:00');
  });

  it('says when the original run stops short (its session ended earlier), and copes with a parent gone', () => {
    expect(branchViewOf(debrief({ ...base, parentRun: run('Team 1', [1, 2]) }, 'K7QX-2M'))!.parentEnd).toBe(30);
    const gone = branchViewOf(debrief({ ...base, parentRun: null }, null))!;
    expect(gone.parentLabel).toBe('Team 1, original run');
    expect(gone.parentEnd).toBeNull();
  });
});
