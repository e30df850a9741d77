/**
 * The real process: played, killed with SIGKILL right after acknowledgements, restarted on the
 * same data file. Every acknowledged action is back, the running session resumes at its sim time
 * (downtime does not count), and clients resume their seats. Also: a corrupt data file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import { JournalStore } from '../storage/journal-store.ts';
import type { ClockState, HostSnapshot, TeamSnapshot } from '../protocol/views.ts';
import { freePort } from './child-server.ts';
import { restartHarness } from './restart-harness.ts';
import { call, nextEvent, ok, sleep } from './test-support.ts';

const { start: startChild, open, kill9 } = restartHarness();

describe('restart', () => {
  it('SIGKILL right after acks loses nothing acknowledged; the session resumes at its sim time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'restart-'));
    const dataFile = path.join(dir, 'db.json');
    const port = await freePort();
    let server = await startChild(dataFile, port);

    const host = await open(port);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1, seed: 3 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const player = await open(port, true);
    const joined = await ok<{ playerToken: string; snapshot: TeamSnapshot }>(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    const other = await open(port);
    await ok(other, 'player:join', { code: created.code, name: 'Bob', teamId: 't2' });
    await ok(host, 'host:clock', { action: 'start' });
    // The skip's tick took a clock checkpoint; it rides to disk with the next batch of commands.
    await ok(host, 'host:clock', { action: 'skip', minutes: 7 });

    // A burst of commands and chat; kill the process the moment the last acknowledgement arrives.
    const acks = await Promise.all([
      call<{ entry: number }>(player, 'team:act', { clientActionId: 'a1', action: 'post_status', params: { message: 'looking' } }),
      call<{ entry: number }>(player, 'team:investigate', { clientActionId: 'a2', investigation: 'recent_changes' }),
      call<{ entry: number }>(other, 'team:act', { clientActionId: 'b1', action: 'restart_api' }),
      ...Array.from({ length: 15 }, (_, i) => call<{ entry: number }>(i % 2 ? player : other, 'team:chat', { clientActionId: `chat${i}`, text: `message ${i}` })),
    ]);
    const before = await ok<{ snapshot: TeamSnapshot }>(player, 'session:resync', {});
    await kill9(server.child);
    const killedAt = Date.now();
    expect(acks.every((a) => a.ok)).toBe(true);

    await sleep(1500); // downtime that must not advance the sim clock
    const reconnected = new Promise<void>((resolve) => player.once('connect', () => resolve()));
    server = await startChild(dataFile, port);
    const startedAt = Date.now();
    await reconnected;
    // The application resyncs after every reconnect: resume the seat from the stored token.
    const resumed = await ok<{ snapshot: TeamSnapshot }>(player, 'player:resume', { code: created.code, playerToken: joined.playerToken });
    const snap = resumed.snapshot;
    const sinceStart = (Date.now() - startedAt) / 1000;
    expect(snap.team?.id).toBe('t1');
    expect(snap.clock.status).toBe('running');
    // The checkpoint is taken every tick (1 s) and written with the next batch or within 200 ms: at speed 1 that is ≤ ~1.3 sim s.
    expect(snap.clock.simTime).toBeGreaterThanOrEqual(before.snapshot.clock.simTime - 2);
    expect(snap.clock.simTime).toBeLessThanOrEqual(before.snapshot.clock.simTime + sinceStart + 1);
    expect((Date.now() - killedAt) / 1000).toBeGreaterThan(1.4);
    expect(snap.world?.actions.map((a) => a.action)).toEqual(['post_status']);
    expect(snap.world?.investigations.map((i) => i.investigation)).toEqual(['recent_changes']);
    expect(snap.chat.map((m) => m.text)).toEqual(before.snapshot.chat.map((m) => m.text));
    expect(snap.chat).toHaveLength(7);
    expect(snap.seq).toBe(before.snapshot.seq);
    // A retry of an acknowledged command after the restart is recognised, not applied twice.
    const retry = await ok<{ duplicate: boolean; entry: number }>(player, 'team:act', { clientActionId: 'a1', action: 'post_status', params: { message: 'looking' } });
    expect(retry.duplicate).toBe(true);
    expect(retry.entry).toBe((acks[0] as { entry: number }).entry);

    // Live again: a new command reaches the resumed seat in the next tick's delta (at speed 1 a
    // sample arrives only every 30 s), and the host gets everything back with its secret.
    const delta = nextEvent(player, 'team:delta');
    // (A status post: Ada is still busy with her investigation, which the restart did not forget.)
    await ok(player, 'team:act', { clientActionId: 'a3', action: 'post_status', params: { message: 'still looking' } });
    expect(await delta).toMatchObject({ teamId: 't1', actions: [{ action: 'post_status', params: { message: 'still looking' } }] });
    const host2 = await open(port);
    const hostBack = await ok<{ snapshot: HostSnapshot }>(host2, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    expect(hostBack.snapshot.teams[1]?.world.actions.map((a) => a.action)).toEqual(['restart_api']);
    expect(hostBack.snapshot.lobby.players.map((p) => p.name)).toEqual(['Ada', 'Bob']);
    const paused = await ok<{ clock: ClockState }>(host2, 'host:clock', { action: 'pause' });
    expect(paused.clock.status).toBe('paused');

    // Graceful stop (SIGTERM) saves; a paused session stays paused at the same time across restarts.
    await new Promise<void>((resolve) => { server.child.once('exit', () => resolve()); server.child.kill('SIGTERM'); });
    server = await startChild(dataFile, port);
    const host3 = await open(port);
    const third = await ok<{ snapshot: HostSnapshot }>(host3, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    expect(third.snapshot.clock.status).toBe('paused');
    expect(third.snapshot.clock.simTime).toBe(paused.clock.simTime);
    await kill9(server.child);
  }, 90_000); // three server processes start in this test: about 6 s each on a loaded 2-core machine

  it('a corrupt data file is kept aside and reported; the server serves new sessions', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'corrupt-'));
    const dataFile = path.join(dir, 'db.json');
    const garbage = '{"version":1,"sessions":[{"settings":{"id":"x"'; // truncated mid-write
    await writeFile(dataFile, garbage);
    const port = await freePort();
    const server = await startChild(dataFile, port);
    expect(server.stderr()).toMatch(/storage: data file .*db\.json not valid JSON/);
    const aside = (await readdir(dir)).filter((n) => n.startsWith('db.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dir, aside[0]!), 'utf8')).toBe(garbage);

    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status: string; storage: { problems: string[]; diskBytes: number } };
    expect(health.status).toBe('degraded');
    expect(health.storage.diskBytes).toBeGreaterThan(0);
    expect(health.storage.problems[0]).toContain('kept aside');
    const res = await fetch(`http://127.0.0.1:${port}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 10 }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedSession;
    expect(existsSync(dataFile)).toBe(true);
    // The new session is in the journal (an open session has no file of its own until it ends).
    const journalDir = JournalStore.pathsOf(dataFile).journalDir;
    const journal = await Promise.all((await readdir(journalDir)).map((n) => readFile(path.join(journalDir, n), 'utf8')));
    expect(journal.join('')).toContain(`"s":"${created.sessionId}","k":"create"`);
    await kill9(server.child);
  });
});
