/** Team commands in memory: the responder is the acting player, busy players are refused, cancels replay. */
import { beforeAll, describe, expect, it } from 'vitest';
import { advance } from '../engine/index.ts';
import { restoreState } from './session-state.ts';
import { created, loadToy, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const MINUTE = 1000; // wall ms per sim minute at speed 60

/** A session at 60×, eight sim minutes in, Ada running "Recent changes". */
async function investigatingAt1008() {
  const s = setup();
  const { sessionId, p1 } = await created(s.service, 60);
  await s.service.controlClock(sessionId, { action: 'start' });
  s.advanceWall(8 * MINUTE);
  const first = await s.service.command(sessionId, p1.playerId, 'changes', { type: 'investigate', investigation: 'recent_changes' });
  if (!first.ok) throw new Error(first.error);
  return { s, sessionId, p1, first };
}

describe('team commands and attention', () => {
  it('records the acting player as the responder, whatever the command says', async () => {
    const s = setup();
    const { sessionId, p1 } = await created(s.service, 60);
    await s.service.controlClock(sessionId, { action: 'start' });
    s.advanceWall(8 * MINUTE);
    const ack = await s.service.command(sessionId, p1.playerId, 'look', { type: 'investigate', investigation: 'recent_changes', by: 'somebody-else' });
    expect(ack).toMatchObject({ ok: true });
    const world = s.service.inspect(sessionId)!.teams.get('t1')!.world;
    expect(world.investigations.map((i) => i.by)).toEqual([p1.playerId]);
    expect(s.service.log(sessionId).at(-1)).toMatchObject({ type: 'command', payload: { command: { type: 'investigate', by: p1.playerId } } });
    // Injects are the facilitator's, even if a caller builds one.
    expect(await s.service.command(sessionId, p1.playerId, 'inject', { type: 'inject', title: 'x', text: 'y' })).toEqual({ ok: false, error: 'only the facilitator sends injects' });
  });

  it('refuses a busy player with what and until when; a cancel frees them; the log replays it all', async () => {
    const { s, sessionId, p1, first } = await investigatingAt1008();
    expect(await s.service.command(sessionId, p1.playerId, 'restart', { type: 'act', action: 'restart_api' }))
      .toEqual({ ok: false, error: 'you are busy with "Recent changes" until 10:11: cancel it, or ask a teammate' });
    // A status post takes no work: it never waits.
    expect(await s.service.command(sessionId, p1.playerId, 'post', { type: 'act', action: 'post_status', params: { message: 'Looking' } })).toMatchObject({ ok: true });
    s.advanceWall(MINUTE);
    const sentBefore = s.outbox.sent.length;
    expect(await s.service.command(sessionId, p1.playerId, 'stop', { type: 'cancel', entry: first.entry })).toMatchObject({ ok: true, entry: first.entry });
    // The team hears of it: a delta with the investigation cancelled.
    s.timers.fire();
    const news = s.outbox.sent.slice(sentBefore).filter((m) => m.event === 'team:delta').flatMap((m) => (m.payload as { investigations?: { entry: number; status: string }[] }).investigations ?? []);
    expect(news).toContainEqual(expect.objectContaining({ entry: first.entry, status: 'cancelled' }));
    expect(await s.service.command(sessionId, p1.playerId, 'restart-2', { type: 'act', action: 'restart_api' })).toMatchObject({ ok: true });
    await s.service.controlClock(sessionId, { action: 'pause' });

    const live = s.service.inspect(sessionId)!;
    const team = live.teams.get('t1')!;
    expect(team.world.investigations[0]).toMatchObject({ status: 'cancelled', by: p1.playerId });
    expect(team.world.actions.map((a) => [a.action, a.by])).toEqual([['post_status', p1.playerId], ['restart_api', p1.playerId]]);
    const { state: replayed, problems } = restoreState({ settings: live.settings, log: [...s.service.log(sessionId)], checkpoint: null }, toy, s.wall());
    expect(problems).toEqual([]);
    const again = replayed.teams.get('t1')!.world;
    expect(advance(toy, again, live.clock.baseSim)).toEqual(advance(toy, team.world, live.clock.baseSim));
  });

  it('sends a cancel made between two ticks of the same sim minute, and leaves earlier snapshots as they were', async () => {
    // The team's world changes in place: a cancel moves neither its clock nor its entry numbers,
    // and a snapshot handed out earlier must not grow with the world.
    const { s, sessionId, p1, first } = await investigatingAt1008();
    s.timers.fire();
    const snapshot = s.service.teamSnapshot(sessionId, p1.playerId);
    if (!snapshot.ok) throw new Error(snapshot.error);
    const held = JSON.stringify(snapshot.snapshot.world);
    const sentBefore = s.outbox.sent.length;
    expect(await s.service.command(sessionId, p1.playerId, 'stop', { type: 'cancel', entry: first.entry })).toMatchObject({ ok: true });
    s.timers.fire();
    const news = s.outbox.sent.slice(sentBefore).filter((m) => m.event === 'team:delta').flatMap((m) => (m.payload as { investigations?: { entry: number; status: string }[] }).investigations ?? []);
    expect(news).toContainEqual(expect.objectContaining({ entry: first.entry, status: 'cancelled' }));
    s.advanceWall(30 * MINUTE);
    s.timers.fire();
    expect(s.service.inspect(sessionId)!.teams.get('t1')!.world.samples.length).toBeGreaterThan(snapshot.snapshot.world!.samples.length);
    expect(JSON.stringify(snapshot.snapshot.world)).toBe(held);
  });
});
