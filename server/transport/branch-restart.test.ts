/**
 * The real process, killed with SIGKILL the moment a branch is acknowledged and again right after
 * a burst of the branch's own commands: every acknowledged command of the branch, inherited and
 * new, is back after each restart.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BranchedSession, CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot, TeamSnapshot } from '../protocol/views.ts';
import { freePort } from './child-server.ts';
import { restartHarness } from './restart-harness.ts';
import { call, ok } from './test-support.ts';

const harness = restartHarness();
const { open } = harness;
const start = async (dataFile: string, port: number): Promise<ChildProcess> => (await harness.start(dataFile, port)).child;
const kill9 = harness.kill9;

const summary = (s: TeamSnapshot) => ({
  actions: s.world!.actions.map((a) => `${a.action}${a.inherited ? ' (inherited)' : ''}`),
  investigations: s.world!.investigations.map((i) => `${i.investigation}${i.inherited ? ' (inherited)' : ''}`),
  chat: s.chat.map((m) => `${m.name}: ${m.text}${m.inherited ? ' (inherited)' : ''}`),
});

describe('restart of a branch', () => {
  it('SIGKILL right after the branch and after its commands are acknowledged loses nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'branch-restart-'));
    const dataFile = path.join(dir, 'db.json');
    const port = await freePort();
    let server = await start(dataFile, port);

    const host = await open(port);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1, seed: 5 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const ada = await open(port);
    await ok(ada, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    await ok(ada, 'team:act', { clientActionId: 'p1', action: 'restart_api' });
    await ok(ada, 'team:chat', { clientActionId: 'p2', text: 'restarted the API', pinned: true });
    await ok(host, 'host:clock', { action: 'skip', minutes: 3 });
    await ok(ada, 'team:investigate', { clientActionId: 'p3', investigation: 'recent_changes' });

    const branched = await ok<BranchedSession>(host, 'host:branch', { teamId: 't1', at: '10:07' });
    await kill9(server);
    server = await start(dataFile, port);

    const branchHost = await open(port);
    const attached = await ok<{ snapshot: HostSnapshot }>(branchHost, 'host:attach', { code: branched.code, hostSecret: branched.hostSecret });
    expect(attached.snapshot.clock).toMatchObject({ status: 'paused', simTime: branched.branchedAt });
    expect(attached.snapshot.branch).toEqual({ parentSessionId: created.sessionId, parentTeamId: 't1', at: branched.branchedAt, parentCode: created.code });
    const eve = await open(port);
    const joined = await ok<{ playerToken: string; snapshot: TeamSnapshot }>(eve, 'player:join', { code: branched.code, name: 'Eve', teamId: 't1' });
    expect(summary(joined.snapshot)).toEqual({ actions: ['restart_api (inherited)'], investigations: [], chat: ['Ada: restarted the API (inherited)'] });

    // A teammate runs the investigation: Eve is busy making the rollback (responders' attention).
    const fay = await open(port);
    await ok(fay, 'player:join', { code: branched.code, name: 'Fay', teamId: 't1' });
    await ok(branchHost, 'host:clock', { action: 'resume' });
    const acks = await Promise.all([
      call(eve, 'team:act', { clientActionId: 'b1', action: 'rollback_config' }),
      call(fay, 'team:investigate', { clientActionId: 'b2', investigation: 'logs', params: { service: 'api' } }),
      ...Array.from({ length: 8 }, (_, i) => call(eve, 'team:chat', { clientActionId: `c${i}`, text: `branch note ${i}` })),
    ]);
    const before = await ok<{ snapshot: TeamSnapshot }>(eve, 'session:resync', {});
    await kill9(server);
    expect(acks.every((a) => a.ok)).toBe(true);

    server = await start(dataFile, port);
    const back = await open(port);
    const resumed = await ok<{ snapshot: TeamSnapshot }>(back, 'player:resume', { code: branched.code, playerToken: joined.playerToken });
    expect(summary(resumed.snapshot)).toEqual(summary(before.snapshot));
    expect(summary(resumed.snapshot)).toEqual({
      actions: ['restart_api (inherited)', 'rollback_config'],
      investigations: ['logs'],
      chat: ['Ada: restarted the API (inherited)', ...Array.from({ length: 8 }, (_, i) => `Eve: branch note ${i}`)],
    });
    expect(resumed.snapshot.seq).toBe(before.snapshot.seq);
    await kill9(server);
  }, 60_000);
});
