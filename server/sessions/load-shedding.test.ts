/**
 * Overload without collapse, decided from injected measures (never from timing): past the limits,
 * new sessions, branches and joins are refused with a clear answer; what runs carries on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/memory-store.ts';
import { LoadShedder, SERVER_BUSY, type LoadProbe } from './load-shedding.ts';
import { SessionService } from './session-service.ts';
import { ManualTimers, RecordingOutbox, loadToy, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

/** Measures the test sets by hand. */
const probe = () => {
  const p = { loop: 0, disk: 0 };
  const measures: LoadProbe = { eventLoopLagMs: () => p.loop, storageLagMs: () => p.disk };
  return { p, measures };
};

describe('LoadShedder', () => {
  it('refuses once the event loop or the disk is past its limit, and lets go only well under it', () => {
    const { p, measures } = probe();
    const shedder = new LoadShedder(measures, { eventLoopLagMs: 200, storageLagMs: 1000 });
    expect(shedder.refusal()).toBeNull();
    p.loop = 250;
    expect(shedder.refusal()).toBe(SERVER_BUSY);
    expect(shedder.status()).toMatchObject({ busy: true, reason: 'event loop 250 ms late', eventLoopLagMs: 250 });
    p.loop = 150; // under the limit, not under half of it: still busy (no flapping at the edge)
    expect(shedder.refusal()).toBe(SERVER_BUSY);
    p.loop = 90;
    expect(shedder.refusal()).toBeNull();
    p.disk = 1500;
    expect(shedder.status()).toMatchObject({ busy: true, reason: 'disk writes taking 1500 ms' });
    p.disk = 10;
    expect(shedder.status()).toMatchObject({ busy: false, reason: null, refused: 2 });
  });
});

describe('a busy server', () => {
  it('refuses new sessions, branches and joins with the busy answer; running sessions keep acting, chatting and resuming', async () => {
    const { p, measures } = probe();
    const shedder = new LoadShedder(measures);
    let wall = 1_000_000;
    const service = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store: new MemoryStore(), outbox: new RecordingOutbox(), timers: new ManualTimers(), now: () => wall, busy: () => shedder.refusal() });
    const made = await service.createSession({ scenarioId: toy.data.id, teamCount: 2, speed: 60, seed: 1 }, 'http://h');
    if (!made.ok) throw new Error(made.error);
    const code = made.code.replace('-', '');
    const ada = await service.join(code, 'Ada', 't1', null);
    if (!ada.ok) throw new Error(ada.error);
    await service.controlClock(made.sessionId, { action: 'start' });
    wall += 3000;

    p.loop = 5000;
    expect(await service.createSession({ scenarioId: toy.data.id, teamCount: 1, speed: 60 }, 'http://h')).toEqual({ ok: false, error: SERVER_BUSY });
    expect(await service.join(code, 'Bob', 't2', null)).toEqual({ ok: false, error: SERVER_BUSY });
    expect(await service.branchSession(made.sessionId, { teamId: 't1', at: '10:01' }, { hostOf: made.sessionId }, 'http://h')).toEqual({ ok: false, error: SERVER_BUSY });
    expect(await service.command(made.sessionId, ada.playerId, 'a1', { type: 'act', action: 'rollback_config' })).toMatchObject({ ok: true });
    expect(await service.chat(made.sessionId, ada.playerId, 'c1', 'still here', false)).toMatchObject({ ok: true });
    expect(service.resume(code, ada.playerToken)).toMatchObject({ ok: true, playerId: ada.playerId });
    expect(await service.controlClock(made.sessionId, { action: 'pause' })).toMatchObject({ ok: true });
    expect(service.stats()).toMatchObject({ sessions: 1, players: 1 });

    p.loop = 0;
    expect(await service.join(code, 'Bob', 't2', null)).toMatchObject({ ok: true });
  });
});
