/**
 * Flat memory with the journal store: an ended session the registry no longer keeps leaves memory
 * once it is in its file, and comes back on demand through the gateway (snapshots, room view,
 * branches), the debrief's prepare (with its branch parent) and survives the retention sweep's rules.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JournalStore } from '../storage/journal-store.ts';
import { residentGateway } from './resident-gateway.ts';
import { RESIDENT_ENDED_SESSIONS, SessionService } from './session-service.ts';
import { created, loadToy, ManualTimers, RecordingOutbox, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const DAY = 24 * 60 * 60 * 1000;
const open = (file: string) => JournalStore.open(file, { compaction: 'inline', compactEveryMs: 0, compactAfterEndMs: 60_000 });

async function playAndEnd(service: SessionService, advanceWall: (ms: number) => void, i: number) {
  const session = await created(service, 60);
  await service.controlClock(session.sessionId, { action: 'start' });
  advanceWall(3000);
  await service.command(session.sessionId, session.p1.playerId, `a${i}`, { type: 'act', action: 'rollback_config' });
  advanceWall(2000);
  await service.controlClock(session.sessionId, { action: 'end' });
  return session;
}

describe('ended sessions with the journal store', () => {
  it('leave memory once the registry drops them and they are in their files; the gateway and prepare() read them back', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'residency-')), 'db.json');
    const store = await open(file);
    const { service, advanceWall } = setup(store);
    const gateway = residentGateway(service);
    const sessions = [];
    const finishedOf: unknown[] = [];
    for (let i = 0; i < RESIDENT_ENDED_SESSIONS + 4; i++) {
      sessions.push(await playAndEnd(service, advanceWall, i));
      finishedOf.push(service.getFinishedSession(sessions[i]!.sessionId)); // the one just ended: the most recently used already
    }
    const running = await created(service, 60);
    const oldest = sessions[0]!;
    const finished = finishedOf[0];
    expect(finished).toMatchObject({ ok: true });

    // Until compacted, the journal is their only copy, so the store keeps them.
    expect(store.health().resident).toBe(RESIDENT_ENDED_SESSIONS + 5);
    await store.compact();
    expect(store.health().resident).toBe(RESIDENT_ENDED_SESSIONS + 1);
    expect(service.stats()).toMatchObject({ sessions: RESIDENT_ENDED_SESSIONS + 5, inMemory: RESIDENT_ENDED_SESSIONS + 1, ended: RESIDENT_ENDED_SESSIONS + 4 });
    expect((await readdir(JournalStore.pathsOf(file).sessionsDir)).length).toBe(RESIDENT_ENDED_SESSIONS + 4);

    // Not in memory: the synchronous service does not see it until it is read back.
    expect(service.getFinishedSession(oldest.sessionId)).toEqual({ ok: false, error: 'no such session' });
    const snapshot = await gateway.teamSnapshot(oldest.sessionId, oldest.p1.playerId);
    expect(snapshot.ok && snapshot.snapshot.clock.status).toBe('ended');
    expect(service.getFinishedSession(oldest.sessionId)).toEqual(finished);
    const second = sessions[1]!;
    const room = await gateway.roomView(second.code, 'http://h');
    expect(room.ok && room.view.clock.status).toBe('ended');
    const third = sessions[2]!;
    const branch = await gateway.branchSession(third.sessionId, { teamId: 't1', at: '10:02' }, {}, 'http://h');
    expect(branch.ok).toBe(true);
    expect(await gateway.join(sessions[3]!.code, 'Late', 't1', null)).toMatchObject({ ok: false, error: expect.stringContaining('has ended') });
    // Memory stays bounded: the registry keeps its most recent ended sessions, releasing older ones to disk.
    await store.compact();
    expect(store.health().resident).toBeLessThanOrEqual(RESIDENT_ENDED_SESSIONS + 2);

    // A restart holds only the open sessions; a debrief's prepare reads an ended branch and its parent.
    await service.shutdown();
    await store.close();
    const again = await open(file);
    const restarted = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store: again, outbox: new RecordingOutbox(), timers: new ManualTimers() });
    restarted.restore();
    expect(again.health().resident).toBe(2); // the running session and the branch (paused, open)
    expect(restarted.stats()).toMatchObject({ inMemory: 2, open: 2 });
    expect(restarted.inspect(running.sessionId)?.clock.status).toBe('lobby');
    if (!branch.ok) throw new Error(branch.error);
    await restarted.controlClock(branch.sessionId, { action: 'end' });
    await again.compact();
    await restarted.prepare(branch.sessionId, true);
    const family = restarted.branchFamily(branch.sessionId);
    expect(family?.branch?.parent?.commands.length).toBeGreaterThan(0);
    expect(family?.lineage.parent?.sessionId).toBe(third.sessionId);
    await again.close();
  });

  it('the retention sweep deletes ended sessions from the index and disk, in memory or not', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'residency-')), 'db.json');
    const store = await open(file);
    const { service, advanceWall } = setup(store);
    const old = await playAndEnd(service, advanceWall, 1);
    await store.compact();
    advanceWall(20 * DAY);
    const recent = await playAndEnd(service, advanceWall, 2); // still only in the journal
    advanceWall(11 * DAY);
    expect(await service.sweepEnded(30 * DAY)).toBe(1);
    expect(store.list().map((s) => s.settings.id)).toEqual([recent.sessionId]);
    expect(await readdir(JournalStore.pathsOf(file).sessionsDir)).toEqual([]);
    advanceWall(30 * DAY);
    expect(await service.sweepEnded(30 * DAY)).toBe(1);
    await store.compact();
    await store.close();
    const again = await open(file);
    expect(again.list()).toEqual([]);
    expect(await readdir(JournalStore.pathsOf(file).sessionsDir)).toEqual([]);
    expect(await residentGateway(new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store: again, outbox: new RecordingOutbox() })).roomView(old.code, 'h'))
      .toEqual({ ok: false, error: 'no session with that code' });
    await again.close();
  });
});
