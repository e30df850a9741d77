/**
 * A rewound session in the real process: the responder's socket gets the notice and a fresh
 * snapshot, only the host may rewind, and after SIGKILL every acknowledged command is back with
 * the rewind applied (abandoned requests stay undone, later ones are duplicates).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clock } from '../engine/index.ts';
import type { CreatedSession, RewoundNotice } from '../protocol/events.ts';
import type { ClockState, TeamSnapshot } from '../protocol/views.ts';
import { freePort } from './child-server.ts';
import { restartHarness } from './restart-harness.ts';
import { call, nextEvent, ok, type ClientSocket } from './test-support.ts';

const harness = restartHarness();


const post = (socket: ClientSocket, id: string, message: string) => call<{ entry: number }>(socket, 'team:act', { clientActionId: id, action: 'post_status', params: { message } });

describe('rewind in the real process', () => {
  it('the console jumps back; SIGKILL after acks keeps every acknowledged command and the rewind', async () => {
    const dataFile = path.join(await mkdtemp(path.join(tmpdir(), 'rewind-')), 'db.json');
    const port = await freePort();
    let server = await harness.start(dataFile, port);
    const host = await harness.open(port);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1, seed: 3 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const player = await harness.open(port);
    const joined = await ok<{ playerToken: string }>(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    const other = await harness.open(port);
    await ok(other, 'player:join', { code: created.code, name: 'Bob', teamId: 't2' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    expect((await post(player, 'kept', 'before the rewind')).ok).toBe(true);
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    expect((await post(player, 'undone', 'after 10:08')).ok).toBe(true);
    expect((await call(other, 'team:act', { clientActionId: 'b1', action: 'restart_api' })).ok).toBe(true);

    expect(await call(player, 'host:rewind', { teamId: 't1', to: '10:08' })).toEqual({ ok: false, error: 'only the facilitator can do that (attach with the host secret first)' });
    const notice = nextEvent(player, 'team:rewound');
    const fresh = nextEvent(player, 'session:snapshot');
    const rewound = await ok<{ clock: ClockState }>(host, 'host:rewind', { teamId: 't1', to: '10:08' });
    expect(rewound.clock.status).toBe('paused');
    expect(await notice).toEqual({ to: clock('10:08'), by: 'facilitator', teamIds: ['t1'] } satisfies RewoundNotice);
    const jumped = (await fresh) as TeamSnapshot;
    expect(jumped.world?.actions.map((a) => a.params.message)).toEqual(['before the rewind']);
    expect(jumped.clock.simTime - (jumped.clock.teamLags?.t1 ?? 0)).toBe(clock('10:08'));

    await ok(host, 'host:clock', { action: 'resume' });
    const acks = await Promise.all([
      post(player, 'after', 'on the new line'),
      ...Array.from({ length: 6 }, (_, i) => call(player, 'team:chat', { clientActionId: `chat${i}`, text: `message ${i}` })),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    const before = await ok<{ snapshot: TeamSnapshot }>(player, 'session:resync', {});
    await harness.kill9(server.child);

    server = await harness.start(dataFile, port);
    const back = await harness.open(port);
    const resumed = await ok<{ snapshot: TeamSnapshot }>(back, 'player:resume', { code: created.code, playerToken: joined.playerToken });
    const snap = resumed.snapshot;
    expect(snap.world?.actions.map((a) => a.params.message)).toEqual(['before the rewind', 'on the new line']);
    expect(snap.chat.map((m) => m.text)).toEqual(before.snapshot.chat.map((m) => m.text));
    expect(snap.seq).toBe(before.snapshot.seq);
    expect(snap.clock.teamLags?.t1).toBe(before.snapshot.clock.teamLags?.t1);
    // The rewound team's clock reads its own time, behind the session clock, across the restart.
    const teamNow = snap.clock.simTime - (snap.clock.teamLags?.t1 ?? 0);
    expect(teamNow).toBeGreaterThanOrEqual(clock('10:08'));
    expect(teamNow).toBeLessThan(clock('10:09'));
    expect(await post(back, 'undone', 'after 10:08')).toEqual({ ok: false, error: 'the facilitator rewound to 10:08, which undid this request; it no longer counts (send it again if you still want it)' });
    expect(await post(back, 'after', 'on the new line')).toMatchObject({ ok: true, duplicate: true, entry: (acks[0] as { entry: number }).entry });
    const host2 = await harness.open(port);
    const hostBack = await ok<{ snapshot: { teams: { world: { actions: unknown[] } }[] } }>(host2, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    expect(hostBack.snapshot.teams[1]?.world.actions).toHaveLength(1);
  });
});
