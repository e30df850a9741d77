/** "The log of an ended session never changes": every state-changing call is refused, with a reason. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/memory-store.ts';
import { SESSION_ENDED } from './session-pipeline.ts';
import { created, loadToy, setup } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

describe('an ended session', () => {
  it('refuses chat, pins, roles, seats, commands, injects, joins and clock changes, and its log stays the same', async () => {
    const store = new MemoryStore();
    const { service, advanceWall } = setup(store);
    const { sessionId, code, p1 } = await created(service, 60);
    await service.controlClock(sessionId, { action: 'start' });
    advanceWall(2000);
    await service.chat(sessionId, p1.playerId, 'before', 'a note', false);
    await service.controlClock(sessionId, { action: 'end' });
    const logBefore = JSON.stringify(store.get(sessionId)!.log);

    const refused = { ok: false, error: SESSION_ENDED };
    expect(await service.chat(sessionId, p1.playerId, 'after', 'added later', true)).toEqual(refused);
    expect(await service.setRole(sessionId, p1.playerId, 'communications')).toEqual(refused);
    expect(await service.chooseTeam(sessionId, p1.playerId, 't2')).toEqual(refused);
    expect(await service.movePlayer(sessionId, p1.playerId, 't2')).toEqual(refused);
    expect(await service.renameTeam(sessionId, 't1', 'Renamed late')).toEqual(refused);
    expect(await service.command(sessionId, p1.playerId, 'c', { type: 'act', action: 'rollback_config' })).toEqual(refused);
    expect(await service.inject(sessionId, { teamId: null, title: 'late', text: 'late' })).toEqual(refused);
    expect(await service.join(code, 'Late', 't1', null)).toEqual(refused);
    for (const action of ['start', 'pause', 'resume', 'end'] as const) {
      expect(await service.controlClock(sessionId, { action })).toEqual(refused);
    }
    expect(await service.controlClock(sessionId, { action: 'speed', speed: 2 })).toEqual(refused);
    expect(await service.controlClock(sessionId, { action: 'skip', minutes: 5 })).toEqual(refused);
    expect(JSON.stringify(store.get(sessionId)!.log)).toBe(logBefore);

    // A retry of a request made before the end still gets its original answer (nothing changes).
    expect(await service.chat(sessionId, p1.playerId, 'before', 'a note', false)).toMatchObject({ ok: true, duplicate: true });
  });
});
