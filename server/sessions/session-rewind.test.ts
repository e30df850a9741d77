/** The host's rewind, in memory with time driven by hand (docs/scoring.md "Rewinds"). */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, observe } from '../engine/index.ts';
import { buildDebrief } from '../debrief/build-debrief.ts';
import { sessionDebriefInput } from '../debrief/session-debrief-input.ts';
import { renderDebriefMarkdown } from '../debrief/render-markdown.ts';
import type { TeamSnapshot } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { restoreState } from './session-state.ts';
import { created, loadToy, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const MINUTE = 1000; // wall ms per sim minute at speed 60

/** Both teams play the same opening; team 1 then goes on to 10:10 with an action and a chat. */
async function played(store = new MemoryStore()) {
  const s = setup(store);
  const session = await created(s.service, 60);
  const { sessionId, p1 } = session;
  await s.service.controlClock(sessionId, { action: 'start' });
  s.advanceWall(2 * MINUTE);
  s.timers.fire();
  expect(await s.service.command(sessionId, p1.playerId, 'look', { type: 'investigate', investigation: 'recent_changes' })).toMatchObject({ ok: true });
  s.advanceWall(3 * MINUTE);
  s.timers.fire();
  expect(await s.service.command(sessionId, p1.playerId, 'restart', { type: 'act', action: 'restart_api' })).toMatchObject({ ok: true });
  s.advanceWall(5 * MINUTE);
  expect(await s.service.chat(sessionId, p1.playerId, 'said', 'it was the restart', true)).toMatchObject({ ok: true });
  s.timers.fire();
  return { ...s, ...session };
}

const snapshotOf = (s: ReturnType<typeof setup>, sessionId: string, playerId: string) =>
  (s.service.teamSnapshot(sessionId, playerId) as { snapshot: TeamSnapshot }).snapshot;

describe('rewind', () => {
  it("a rewound team's world equals a fresh world played to t (observe and hidden state); the others keep theirs", async () => {
    const live = await played();
    const other = live.service.inspect(live.sessionId)!.teams.get('t2')!.world;
    const ack = await live.service.rewind(live.sessionId, { teamId: 't1', to: '10:04' });
    expect(ack).toMatchObject({ ok: true, clock: { status: 'paused', simTime: clock('10:10'), teamLags: { t1: 360 } } });

    // The same team, played by hand only until 10:04 and paused there.
    const fresh = setup();
    const f = await created(fresh.service, 60);
    await fresh.service.controlClock(f.sessionId, { action: 'start' });
    fresh.advanceWall(2 * MINUTE);
    fresh.timers.fire();
    await fresh.service.command(f.sessionId, f.p1.playerId, 'look', { type: 'investigate', investigation: 'recent_changes' });
    fresh.advanceWall(2 * MINUTE);
    await fresh.service.controlClock(f.sessionId, { action: 'pause' });

    const rewound = live.service.inspect(live.sessionId)!.teams.get('t1')!;
    const expected = fresh.service.inspect(f.sessionId)!.teams.get('t1')!;
    expect(rewound.world.t).toBe(clock('10:04'));
    // The same player in both (each session names its own: the responder is the acting player).
    expect(rewound.world.investigations.map((i) => i.by)).toEqual([live.p1.playerId]);
    const samePlayer = { ...expected.world, investigations: expected.world.investigations.map((i) => ({ ...i, by: live.p1.playerId })) };
    expect(rewound.world).toEqual(samePlayer);
    for (const role of ['team', 'facilitator'] as const) expect(observe(toy, rewound.world, { role })).toEqual(observe(toy, samePlayer, { role }));
    expect(live.service.inspect(live.sessionId)!.teams.get('t2')!.world).toBe(other);

    // The console: world, chat and clock all at 10:04; the log keeps everything.
    const snap = snapshotOf(live, live.sessionId, live.p1.playerId);
    expect(snap.world?.actions).toEqual([]);
    expect(snap.world?.investigations.map((i) => i.investigation)).toEqual(['recent_changes']);
    expect(snap.chat).toEqual([]);
    expect(snap.clock.simTime - (snap.clock.teamLags?.t1 ?? 0)).toBe(clock('10:04'));
    expect(live.service.log(live.sessionId).filter((e) => e.type === 'command')).toHaveLength(2);
    expect(live.service.log(live.sessionId).at(-1)).toMatchObject({ type: 'rewind', at: clock('10:10'), payload: { teamIds: ['t1'], to: clock('10:04') } });

    // Resumed, the rewound team runs 6 minutes behind the others at the same speed.
    await live.service.controlClock(live.sessionId, { action: 'resume' });
    live.advanceWall(MINUTE);
    live.timers.fire();
    const state = live.service.inspect(live.sessionId)!;
    expect(state.teams.get('t1')!.world.t).toBe(clock('10:05'));
    expect(state.teams.get('t2')!.world.t).toBe(clock('10:11'));
    expect(await live.service.command(live.sessionId, live.p1.playerId, 'again', { type: 'act', action: 'restart_api' })).toMatchObject({ ok: true });
    expect(live.service.log(live.sessionId).at(-1)).toMatchObject({ type: 'command', at: clock('10:05') });
  });

  it('tells the rewound team (notice, then a fresh snapshot per seat) and the host; other teams get only the clock', async () => {
    const live = await played();
    live.outbox.sent = [];
    await live.service.rewind(live.sessionId, { teamId: 't1', to: clock('10:04') });
    const sent = live.outbox.sent.map((m) => `${m.event}→${m.audience.to}${'teamId' in m.audience ? `:${m.audience.teamId}` : ''}`);
    expect(sent).toEqual(['team:rewound→team:t1', 'session:snapshot→player', 'team:rewound→host', 'session:clock→session']);
    expect(live.outbox.sent[0]!.payload).toEqual({ to: clock('10:04'), by: 'facilitator', teamIds: ['t1'] });
  });

  it('a retried request the rewind undid is refused with the reason, never re-applied; one before t is still a duplicate', async () => {
    const live = await played();
    await live.service.rewind(live.sessionId, { teamId: 't1', to: '10:04' });
    await live.service.controlClock(live.sessionId, { action: 'resume' });
    const undone = await live.service.command(live.sessionId, live.p1.playerId, 'restart', { type: 'act', action: 'restart_api' });
    expect(undone).toEqual({ ok: false, error: 'the facilitator rewound to 10:04, which undid this request; it no longer counts (send it again if you still want it)' });
    expect((await live.service.chat(live.sessionId, live.p1.playerId, 'said', 'it was the restart', false)).ok).toBe(false);
    expect(await live.service.command(live.sessionId, live.p1.playerId, 'look', { type: 'investigate', investigation: 'recent_changes' })).toMatchObject({ ok: true, duplicate: true });
    expect(snapshotOf(live, live.sessionId, live.p1.playerId).world?.actions).toEqual([]);
  });

  it('rewinding every team moves the session clock back; a restart from the log rebuilds the same state', async () => {
    const store = new MemoryStore();
    const live = await played(store);
    await live.service.rewind(live.sessionId, { teamId: 't1', to: '10:06' });
    await live.service.controlClock(live.sessionId, { action: 'resume' });
    live.advanceWall(MINUTE);
    live.timers.fire();
    const ack = await live.service.rewind(live.sessionId, { teamId: null, to: '10:03' });
    expect(ack).toMatchObject({ ok: true, clock: { status: 'paused', simTime: clock('10:03') } });
    expect(ack.ok && ack.clock.teamLags).toBeUndefined();
    await live.service.controlClock(live.sessionId, { action: 'resume' });
    live.advanceWall(MINUTE / 2);
    live.timers.fire();

    const state = live.service.inspect(live.sessionId)!;
    expect([...state.teams.values()].map((t) => t.world.t)).toEqual([clock('10:03:30'), clock('10:03:30')]);
    expect(state.teams.get('t1')!.rewinds.map((r) => [r.at, r.to])).toEqual([[clock('10:10'), clock('10:06')], [clock('10:07'), clock('10:03')]]);
    const restored = restoreState(store.get(live.sessionId)!, toy, live.wall());
    expect(restored.problems).toEqual([]);
    expect(restored.state.clock.baseSim).toBe(clock('10:03:30')); // the tick's checkpoint after the resume
    for (const [id, team] of state.teams) {
      const back = restored.state.teams.get(id)!;
      expect(back.world).toEqual(team.world);
      expect({ lag: back.lag, commands: back.commands, chat: back.chat, rewinds: back.rewinds }).toEqual({ lag: team.lag, commands: team.commands, chat: team.chat, rewinds: team.rewinds });
    }
    expect(restored.state.rewound).toEqual(state.rewound);
    expect(restored.state.applied).toEqual(state.applied);
  });

  it('refuses, with a reason, a time in the future, before the start, an unknown team, a lobby and an ended session', async () => {
    const live = await played();
    const { service, sessionId } = live;
    expect(await service.rewind(sessionId, { teamId: 't1', to: '10:30' })).toEqual({ ok: false, error: 'Team 1 is at 10:10:00: a rewind goes back in time, so pick a time before that' });
    expect(await service.rewind(sessionId, { teamId: 't1', to: '09:00' })).toEqual({ ok: false, error: '09:00 is before the scenario starts (10:00): pick 10:00 or later' });
    expect(await service.rewind(sessionId, { teamId: 'nope', to: '10:05' })).toEqual({ ok: false, error: 'this session has no team "nope"' });
    expect(await service.rewind(sessionId, { teamId: 't1', to: '10h05' })).toEqual({ ok: false, error: '"10h05" is not a time: write it as HH:MM in UTC, e.g. 12:00' });
    expect(await service.rewind('missing', { teamId: 't1', to: '10:05' })).toEqual({ ok: false, error: 'no such session' });
    const lobby = await created(live.service);
    expect(await service.rewind(lobby.sessionId, { teamId: null, to: '10:00' })).toEqual({ ok: false, error: 'the clock has not started yet, so there is nothing to rewind' });
    await service.controlClock(sessionId, { action: 'end' });
    expect(await service.rewind(sessionId, { teamId: 't1', to: '10:05' })).toMatchObject({ ok: false, error: expect.stringContaining('this session has ended') });
  });

  it('a branch of a rewound team takes its final line, and only up to where that team is', async () => {
    const live = await played();
    await live.service.rewind(live.sessionId, { teamId: 't1', to: '10:04' });
    const access = { hostOf: live.sessionId };
    expect(await live.service.branchSession(live.sessionId, { teamId: 't1', at: '10:06' }, access, 'http://h'))
      .toMatchObject({ ok: false, error: expect.stringContaining('only been played to 10:04') });
    const branch = await live.service.branchSession(live.sessionId, { teamId: 't1', at: '10:04' }, access, 'http://h');
    if (!branch.ok) throw new Error(branch.error);
    const world = live.service.inspect(branch.sessionId)!.teams.get('t1')!.world;
    expect(world).toEqual(live.service.inspect(live.sessionId)!.teams.get('t1')!.world);
    expect(world.actions).toEqual([]);
    // Team 2 was not rewound: it can still be branched up to the session's time.
    expect((await live.service.branchSession(live.sessionId, { teamId: 't2', at: '10:08' }, access, 'http://h')).ok).toBe(true);
  });

  it('the debrief scores the final line only and shows each abandoned stretch with its events', async () => {
    const live = await played();
    await live.service.rewind(live.sessionId, { teamId: 't1', to: '10:04' });
    await live.service.controlClock(live.sessionId, { action: 'resume' });
    live.advanceWall(MINUTE);
    await live.service.controlClock(live.sessionId, { action: 'end' });
    const finished = live.service.getFinishedSession(live.sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const debrief = buildDebrief(sessionDebriefInput(toy, finished.session));
    const t1 = debrief.teams.find((t) => t.id === 't1')!;
    expect(debrief.endedAt).toBe(clock('10:11'));
    expect(t1.rewinds).toHaveLength(1);
    expect(t1.rewinds[0]).toMatchObject({ at: clock('10:10'), clock: '10:10', to: clock('10:04'), toClock: '10:04' });
    expect(t1.rewinds[0]!.abandoned.filter((e) => e.kind === 'action').map((e) => [e.ref, e.clock])).toEqual([['restart_api', '10:05']]);
    expect(t1.rewinds[0]!.abandoned.filter((e) => e.kind === 'note').map((e) => [e.clock, e.detail])).toEqual([['10:10', 'it was the restart']]);
    expect(t1.timeline.some((e) => e.kind === 'action' || e.kind === 'note')).toBe(false);
    expect(t1.endedClock).toBe('10:05'); // 6 minutes behind the session, which ended at 10:11
    expect(renderDebriefMarkdown(debrief)).toContain('### Rewound at 10:10 to 10:04 by the facilitator (abandoned line, not scored)');

    // Same score as a team that only ever played the final line, to its own end (10:05).
    const finalOnly = buildDebrief({ ...sessionDebriefInput(toy, finished.session), endAt: clock('10:05') });
    expect(t1.score).toEqual(finalOnly.teams.find((t) => t.id === 't1')!.score);
    expect(debrief.teams.find((t) => t.id === 't2')!.rewinds).toEqual([]);
  });
});
