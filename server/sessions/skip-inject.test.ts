/** A library inject with `skipTo` moves the session's clock for every team when the host sends it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, type Scenario } from '../engine/index.ts';
import { loadPageStormToy } from '../engine/test-fixtures/load-page-storm.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { ManualTimers, RecordingOutbox } from './session-test-support.ts';
import { SessionService } from './session-service.ts';

let storm: Scenario;
beforeAll(async () => { storm = await loadPageStormToy(); });

async function started() {
  const service = new SessionService({ scenarios: new Map([[storm.data.id, storm]]), store: new MemoryStore(), outbox: new RecordingOutbox(), timers: new ManualTimers(), now: () => 1_000_000 });
  const c = await service.createSession({ scenarioId: storm.data.id, teamCount: 2, speed: 20, seed: 3 }, 'http://h');
  if (!c.ok) throw new Error(c.error);
  const a = await service.join(c.code.replace('-', ''), 'Ada', 't1', null);
  const b = await service.join(c.code.replace('-', ''), 'Bob', 't2', null);
  if (!a.ok || !b.ok) throw new Error('join failed');
  await service.controlClock(c.sessionId, { action: 'start' });
  return { service, sessionId: c.sessionId, a, b };
}

describe('skip injects', () => {
  it('deliver their text to every team, then move the clock and every world to the skip time', async () => {
    const { service, sessionId, a, b } = await started();
    const sent = await service.inject(sessionId, { teamId: null, injectId: 'skip_lunch' });
    expect(sent).toEqual({ ok: true, delivered: 2 });
    const snapshot = service.hostSnapshot(sessionId, 'http://h');
    if (!snapshot.ok) throw new Error(snapshot.error);
    expect(snapshot.snapshot.clock.simTime).toBe(clock('12:00'));
    for (const p of [a, b]) {
      const team = service.teamSnapshot(sessionId, p.playerId);
      if (!team.ok) throw new Error(team.error);
      expect(team.snapshot.world!.feed.some((f) => f.kind === 'inject' && f.title === 'Time passes')).toBe(true);
      // The world ran on: the store has been down since 10:05 and its pages fired on the way.
      expect(team.snapshot.world!.samples.at(-1)!.t).toBe(clock('12:00'));
      expect(team.snapshot.world!.feed.filter((f) => f.kind === 'alert' && f.rule?.startsWith('page:'))).toHaveLength(3);
    }
  });

  it('move nothing once the clock is past their time; other injects never move it', async () => {
    const { service, sessionId } = await started();
    await service.inject(sessionId, { teamId: null, injectId: 'manager_asks' });
    const before = service.hostSnapshot(sessionId, 'http://h');
    expect(before.ok && before.snapshot.clock.simTime).toBe(clock('10:00'));
    await service.inject(sessionId, { teamId: null, injectId: 'skip_lunch' });
    expect(await service.inject(sessionId, { teamId: null, injectId: 'skip_lunch' })).toEqual({ ok: true, delivered: 2 });
    const after = service.hostSnapshot(sessionId, 'http://h');
    expect(after.ok && after.snapshot.clock.simTime).toBe(clock('12:00'));
  });
});
