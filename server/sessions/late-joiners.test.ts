/** Late joiners: once the clock runs, the host seats them (default), unless the host opened the teams. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionSchema } from '../protocol/payloads.ts';
import { LATE_JOINERS_WAIT } from './session-lobby.ts';
import { loadToy, setup } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

async function started(lateJoiners?: 'open' | 'assigned') {
  const { service, outbox } = setup();
  const c = await service.createSession(createSessionSchema.parse({ scenarioId: 'toy-config-push', teamCount: 2, speed: 10, lateJoiners }), '');
  if (!c.ok) throw new Error(c.error);
  const code = c.code.replace('-', '');
  const early = await service.join(code, 'Early', 't1', null);
  await service.controlClock(c.sessionId, { action: 'start' });
  return { service, outbox, code, sessionId: c.sessionId, early };
}

describe('late joiners', () => {
  it('by default wait in the lobby once the clock runs, cannot pick a team, and are seated by the host', async () => {
    const { service, code, sessionId, early } = await started();
    expect(early.ok && early.snapshot.team?.id).toBe('t1'); // before the start, people pick their team
    const late = await service.join(code, 'Late', 't2', null);
    if (!late.ok) throw new Error(late.error);
    expect(late.snapshot.team).toBeNull();
    expect(late.snapshot.world).toBeNull();
    expect(await service.chooseTeam(sessionId, late.playerId, 't2')).toEqual({ ok: false, error: LATE_JOINERS_WAIT });
    expect(await service.command(sessionId, late.playerId, 'x', { type: 'investigate', investigation: 'recent_changes' })).toEqual({ ok: false, error: 'you are not in a team yet' });
    expect(await service.movePlayer(sessionId, late.playerId, 't2')).toEqual({ ok: true });
    expect(service.playerTeam(sessionId, late.playerId)).toBe('t2');
  });

  it('pick their team themselves when the host made teams open at creation', async () => {
    const { service, code, sessionId } = await started('open');
    const late = await service.join(code, 'Late', 't2', null);
    expect(late.ok && late.snapshot.team?.id).toBe('t2');
    const undecided = await service.join(code, 'Undecided', null, null);
    if (!undecided.ok) throw new Error(undecided.error);
    expect(await service.chooseTeam(sessionId, undecided.playerId, 't1')).toEqual({ ok: true });
  });
});
