/** Bounds on stored sessions: caps on open sessions (server, per address) and the retention sweep. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LowdbStore } from '../storage/lowdb-store.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { addressFull, serverFull } from './session-lobby.ts';
import { loadToy, setup } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const request = { scenarioId: 'toy-config-push', teamCount: 1, speed: 10 } as const;
const DAY = 24 * 60 * 60 * 1000;

describe('stored sessions are bounded', () => {
  it('caps open sessions per address and on the whole server, with clear refusals; ending one frees a place, also after a restart', async () => {
    const store = new MemoryStore();
    const { service } = setup(store, { maxOpenSessions: 3, maxOpenSessionsPerAddress: 2 });
    const a1 = await service.createSession(request, '', '10.0.0.1');
    expect((await service.createSession(request, '', '10.0.0.1')).ok).toBe(true);
    expect(await service.createSession(request, '', '10.0.0.1')).toEqual({ ok: false, error: addressFull(2) });
    expect((await service.createSession(request, '', '10.0.0.2')).ok).toBe(true);
    expect(await service.createSession(request, '', '10.0.0.3')).toEqual({ ok: false, error: serverFull(3) });
    expect(service.stats()).toMatchObject({ open: 3, ended: 0 });

    if (!a1.ok) throw new Error(a1.error);
    await service.controlClock(a1.sessionId, { action: 'end' });
    expect(service.stats()).toMatchObject({ open: 2, ended: 1 });
    const restarted = setup(store, { maxOpenSessions: 3, maxOpenSessionsPerAddress: 2 }).service;
    restarted.restore();
    expect((await restarted.createSession(request, '', '10.0.0.1')).ok).toBe(true);
    expect(await restarted.createSession(request, '', '10.0.0.1')).toEqual({ ok: false, error: serverFull(3) });
    // Only a hash of the address is stored.
    expect(JSON.stringify(store.list().map((s) => s.settings))).not.toContain('10.0.0.1');
  });

  it('the retention sweep deletes the files of sessions ended longer ago than the setting, and nothing else', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'retention-')), 'db.json');
    const store = await LowdbStore.open(file, { batchMs: 1 });
    const { service, advanceWall } = setup(store);
    const old = await service.createSession(request, '');
    const recent = await service.createSession(request, '');
    const open = await service.createSession(request, '');
    if (!old.ok || !recent.ok || !open.ok) throw new Error('create failed');
    await service.controlClock(old.sessionId, { action: 'end' });
    advanceWall(20 * DAY);
    await service.controlClock(recent.sessionId, { action: 'end' });
    advanceWall(11 * DAY);

    expect(await service.sweepEnded(30 * DAY)).toBe(1);
    expect(service.getFinishedSession(old.sessionId)).toEqual({ ok: false, error: 'no such session' });
    expect((await service.join(old.code.replace('-', ''), 'Late', null, null))).toEqual({ ok: false, error: 'no session with that code' });
    expect(service.getFinishedSession(recent.sessionId).ok).toBe(true);
    expect(service.inspect(open.sessionId)?.clock.status).toBe('lobby');
    const files = await readdir(LowdbStore.sessionsDirOf(file));
    expect(files.sort()).toEqual([`${open.sessionId}.json`, `${recent.sessionId}.json`].sort());
    expect(service.stats()).toMatchObject({ sessions: 2, open: 1, ended: 1 });
    expect(await store.diskBytes()).toBeGreaterThan(0);
    await store.close();
  });
});
