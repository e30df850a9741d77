/** A stuck team reaches the facilitator (deltas and snapshots), never the team; a hint sent to it unsticks nothing by itself but is on its feed. */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../engine/index.ts';
import type { HostSnapshot, HostTeamDelta, StuckState } from '../protocol/views.ts';
import { created, loadToy, setup } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

describe('a stuck team in a session', () => {
  it('the host sees it stuck in a delta and in its snapshot; the team never gets the field', async () => {
    const { service, outbox, timers, advanceWall } = setup();
    const { sessionId, p1, code } = await created(service, 60);
    const ann = await service.join(code, 'Ann', 't1', null);
    if (!ann.ok) throw new Error(ann.error);
    await service.controlClock(sessionId, { action: 'start' });
    // 10:08: Ada and Ann run both investigations (one each: one task at a time); Team 2 runs none.
    advanceWall(8 * 1000);
    timers.fire();
    expect((await service.command(sessionId, p1.playerId, 'c1', { type: 'investigate', investigation: 'recent_changes' })).ok).toBe(true);
    expect((await service.command(sessionId, ann.playerId, 'c2', { type: 'investigate', investigation: 'logs', params: { service: 'api' } })).ok).toBe(true);
    outbox.sent = [];
    const stuckOf = () => outbox.sent.filter((s) => s.event === 'host:delta')
      .flatMap((s) => s.payload as HostTeamDelta[]).filter((d) => d.stuck !== undefined).map((d) => [d.teamId, d.stuck] as const);
    for (let minute = 9; minute <= 20; minute++) {
      advanceWall(1000);
      timers.fire();
    }
    const changes = stuckOf();
    const t1 = changes.filter(([team]) => team === 't1').map(([, s]) => s);
    expect(t1.at(-1)).toMatchObject({ afterMinutes: 10, investigations: 2 });
    const since = (t1.at(-1) as StuckState).since;
    expect(since).toBeGreaterThan(clock('10:15'));
    expect(since).toBeLessThanOrEqual(clock('10:20'));
    // Team 2 never ran its investigations: never stuck.
    expect(changes.filter(([team]) => team === 't2').every(([, s]) => s === null)).toBe(true);
    expect(outbox.sent.filter((s) => s.event === 'team:delta').some((s) => JSON.stringify(s.payload).includes('stuck'))).toBe(false);

    const host = service.hostSnapshot(sessionId, 'http://h');
    if (!host.ok) throw new Error(host.error);
    const snapshot: HostSnapshot = host.snapshot;
    expect(snapshot.teams.find((t) => t.team.id === 't1')?.world.stuck).toMatchObject({ since, investigations: 2 });
    expect(snapshot.teams.find((t) => t.team.id === 't2')?.world.stuck ?? null).toBeNull();
    const team = service.teamSnapshot(sessionId, p1.playerId);
    if (!team.ok) throw new Error(team.error);
    expect(JSON.stringify(team.snapshot)).not.toContain('stuck');

    // The facilitator's hint reaches the team's feed.
    expect(await service.inject(sessionId, { teamId: 't1', injectId: 'hint_changes' })).toEqual({ ok: true, delivered: 1 });
    advanceWall(1000);
    timers.fire();
    const fed = outbox.sent.filter((s) => s.event === 'team:delta' && (s.audience as { teamId: string }).teamId === 't1').flatMap((s) => (s.payload as { feed: { kind: string; hint?: boolean; inject?: string }[] }).feed);
    expect(fed).toContainEqual(expect.objectContaining({ kind: 'inject', hint: true, inject: 'hint_changes' }));
  });
});
