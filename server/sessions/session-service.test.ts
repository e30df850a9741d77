/** The session service alone: in memory, no network, time driven by hand. */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, runCommands, observe } from '../engine/index.ts';
import type { TeamSnapshot } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { RESIDENT_ENDED_SESSIONS, SessionService } from './session-service.ts';
import { created, loadToy, ManualTimers, RecordingOutbox, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

describe('SessionService', () => {
  it('sim time = base + elapsed × speed while running; a pause stops it exactly; skip and speed rebase', async () => {
    const { service, advanceWall } = setup();
    const { sessionId, p1 } = await created(service, 10);
    const start = clock('10:00');
    const snap = () => (service.teamSnapshot(sessionId, p1.playerId) as { snapshot: TeamSnapshot }).snapshot.clock;
    advanceWall(5000);
    expect(snap().simTime).toBe(start); // lobby: not moving
    await service.controlClock(sessionId, { action: 'start' });
    advanceWall(3000);
    expect(snap().simTime).toBe(start + 30);
    await service.controlClock(sessionId, { action: 'pause' });
    advanceWall(60_000);
    expect(snap().simTime).toBe(start + 30);
    await service.controlClock(sessionId, { action: 'resume' });
    await service.controlClock(sessionId, { action: 'speed', speed: 60 });
    advanceWall(1000);
    expect(snap().simTime).toBe(start + 90);
    await service.controlClock(sessionId, { action: 'skip', minutes: 10 });
    expect(snap().simTime).toBe(start + 690);
    expect(await service.controlClock(sessionId, { action: 'start' })).toEqual({ ok: false, error: 'cannot start a session that is running' });
  });

  it('ticks send one delta per team with only what is new, and end the session at the scenario end', async () => {
    const { service, outbox, timers, advanceWall } = setup();
    const { sessionId, p1, code } = await created(service, 60);
    // Ada's teammate: a responder makes one change at a time.
    const ann = await service.join(code, 'Ann', 't1', null);
    if (!ann.ok) throw new Error(ann.error);
    await service.controlClock(sessionId, { action: 'start' });
    outbox.sent = [];
    advanceWall(1000); // one sim minute: two new samples (every 30 s)
    timers.fire();
    const deltas = outbox.sent.filter((s) => s.event === 'team:delta');
    expect(deltas.map((d) => (d.audience as { teamId: string }).teamId)).toEqual(['t1', 't2']);
    expect((deltas[0]!.payload as { samples: unknown[] }).samples).toHaveLength(2);
    expect(outbox.sent.filter((s) => s.event === 'host:delta')).toHaveLength(1);
    outbox.sent = [];
    timers.fire(); // no time passed: nothing new, nothing sent
    expect(outbox.sent).toEqual([]);
    await service.command(sessionId, p1.playerId, 'c1', { type: 'act', action: 'restart_api' });
    await service.command(sessionId, ann.playerId, 'c2', { type: 'act', action: 'rollback_config' });
    // A command sends nothing by itself: its record travels in the next tick's delta, to its team only.
    expect(outbox.sent.filter((s) => s.event === 'team:delta' || s.event === 'host:delta')).toEqual([]);
    timers.fire();
    const afterCommand = outbox.sent.filter((s) => s.event === 'team:delta');
    expect(afterCommand.map((d) => (d.audience as { teamId: string }).teamId)).toEqual(['t1']);
    expect((afterCommand[0]!.payload as { actions?: { entry: number }[] }).actions).toHaveLength(2);
    const hostDeltas = outbox.sent.filter((s) => s.event === 'host:delta').map((s) => s.payload as { teamId: string }[]);
    expect(hostDeltas.map((d) => d.map((t) => t.teamId))).toEqual([['t1']]);
    // Three sim minutes later only the record that changed status travels: restart_api (2 min) landed, rollback_config (5 min) not yet.
    outbox.sent = [];
    advanceWall(3 * 1000);
    timers.fire();
    const landed = outbox.sent.filter((s) => s.event === 'team:delta').map((s) => s.payload as { teamId: string; actions?: { entry: number; status: string }[] });
    expect(landed.flatMap((d) => d.actions ?? []).map((a) => a.status)).toEqual(['done']);

    advanceWall(60 * 60 * 1000);
    timers.fire();
    await new Promise((r) => setImmediate(r));
    expect(service.inspect(sessionId)?.clock.status).toBe('ended');
    expect(outbox.sent.some((s) => s.event === 'session:ended')).toBe(true);
    expect(timers.active.size).toBe(0);
    const ended = outbox.sent.filter((s) => s.event === 'team:delta').at(-1)!.payload as { ended: boolean };
    expect(ended.ended).toBe(true);
  });

  it('a restart (new service, same store) restores seats, worlds and a running clock at its checkpoint', async () => {
    const store = new MemoryStore();
    const first = setup(store);
    const { sessionId, code, p1 } = await created(first.service, 60);
    await first.service.controlClock(sessionId, { action: 'start' });
    first.advanceWall(2000);
    await first.service.command(sessionId, p1.playerId, 'x1', { type: 'investigate', investigation: 'recent_changes' });
    first.advanceWall(500);
    first.timers.fire(); // checkpoint at 10:02:30
    const beforeT = first.service.inspect(sessionId)!.teams.get('t1')!.world.t;

    const second = setup(store);
    second.advanceWall(3_600_000); // an hour of downtime
    second.service.restore();
    const state = second.service.inspect(sessionId)!;
    expect(state.clock.status).toBe('running');
    expect(state.clock.baseSim).toBe(clock('10:02:30'));
    expect(state.teams.get('t1')!.world.t).toBeGreaterThanOrEqual(beforeT);
    expect(second.timers.active.size).toBe(1);
    const resumed = second.service.resume(code, p1.playerToken);
    expect(resumed.ok && resumed.snapshot.world?.investigations).toHaveLength(1);
    const retried = await second.service.command(sessionId, p1.playerId, 'x1', { type: 'investigate', investigation: 'recent_changes' });
    expect(retried).toMatchObject({ ok: true, duplicate: true });
  });

  it('acknowledges only after the store has flushed', async () => {
    let release: () => void = () => {};
    const store = new MemoryStore();
    const slow: SessionStore = Object.assign(Object.create(store) as SessionStore, {
      flush: () => new Promise<void>((resolve) => { release = resolve; }),
    });
    const { service } = setup(slow);
    let done = false;
    const pending = service.createSession({ scenarioId: 'toy-config-push', teamCount: 1, speed: 1 }, '').then((r) => { done = true; return r; });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    release();
    expect((await pending).ok).toBe(true);
  });

  it('a failing write turns into a clear error, and the retry is recognised once storage is back', async () => {
    const store = new MemoryStore();
    let failing = true;
    const flaky: SessionStore = Object.assign(Object.create(store) as SessionStore, {
      flush: () => (failing ? Promise.reject(new Error('disk full')) : Promise.resolve()),
    });
    failing = false;
    const { service } = setup(flaky);
    const { sessionId, p1 } = await created(service, 10);
    await service.controlClock(sessionId, { action: 'start' });
    failing = true;
    expect(await service.chat(sessionId, p1.playerId, 'm1', 'hi', false)).toEqual({ ok: false, error: 'the server could not save this; please try again' });
    failing = false;
    expect(await service.chat(sessionId, p1.playerId, 'm1', 'hi', false)).toMatchObject({ ok: true, duplicate: true });
  });

  it('getFinishedSession gives the debrief what it needs to replay every team', async () => {
    const { service, advanceWall } = setup();
    const { sessionId, p1, p2 } = await created(service, 60);
    expect(service.getFinishedSession(sessionId)).toEqual({ ok: false, error: 'this session has not ended yet' });
    await service.controlClock(sessionId, { action: 'start' });
    advanceWall(6 * 60 * 1000 / 60);
    await service.command(sessionId, p1.playerId, 'a', { type: 'act', action: 'rollback_config' });
    await service.command(sessionId, p2.playerId, 'b', { type: 'diagnose', trigger: 'ddos', mechanism: 'overload', text: 'guess' });
    await service.chat(sessionId, p2.playerId, 'c', 'pinned note', true);
    advanceWall(20_000);
    await service.controlClock(sessionId, { action: 'end' });
    const finished = service.getFinishedSession(sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const { session } = finished;
    expect(session.scenarioId).toBe('toy-config-push');
    expect(session.seed).toBe(9);
    expect(session.teams.map((t) => [t.id, t.players.map((p) => p.name)])).toEqual([['t1', ['Ada']], ['t2', ['Bob']]]);
    expect(session.teams[1]!.chat[0]).toMatchObject({ text: 'pinned note', pinned: true });
    for (const team of session.teams) {
      const replay = runCommands(toy, session.seed, team.commands, session.endedAt);
      expect(replay.refused).toEqual([]);
      const live = service.inspect(sessionId)!.teams.get(team.id)!.world;
      expect(observe(toy, replay.world, { role: 'debrief' })).toEqual(observe(toy, live, { role: 'debrief' }));
    }
  });

  it('chat needs a team; a host move re-seats the player; text is kept as text', async () => {
    const { service, outbox } = setup();
    const c = await service.createSession({ scenarioId: 'toy-config-push', teamCount: 2, speed: 10 }, '');
    if (!c.ok) throw new Error(c.error);
    const j = await service.join(c.code.replace('-', ''), 'Eve', null, null);
    if (!j.ok) throw new Error(j.error);
    expect(await service.chat(c.sessionId, j.playerId, 'x', 'hi', false)).toEqual({ ok: false, error: 'you are not in a team yet' });
    await service.movePlayer(c.sessionId, j.playerId, 't2');
    expect(outbox.seats).toEqual([{ playerId: j.playerId, teamId: 't2' }]);
    expect(outbox.sent.find((s) => s.event === 'session:snapshot')?.audience).toEqual({ to: 'player', sessionId: c.sessionId, playerId: j.playerId });
    await service.chat(c.sessionId, j.playerId, 'y', '<b>bold?</b>', false);
    const message = service.inspect(c.sessionId)!.teams.get('t2')!.chat[0]!;
    expect(message.text).toBe('<b>bold?</b>'); // kept as text: the client never renders HTML
  });

  /** The wall clock of the send differs between two reads; everything else must not. */
  const withoutSentAt = (ack: unknown) => JSON.parse(JSON.stringify(ack).replace(/"sentAt":\d+/g, '"sentAt":0')) as unknown;

  it('keeps only the most recently used ended sessions in memory and rebuilds older ones from the log', async () => {
    const store = new MemoryStore();
    const { service, advanceWall } = setup(store);
    const ended: { sessionId: string; finished: unknown; snapshot: unknown; p1: string }[] = [];
    for (let i = 0; i < RESIDENT_ENDED_SESSIONS + 4; i++) {
      const { sessionId, p1 } = await created(service);
      await service.controlClock(sessionId, { action: 'start' });
      advanceWall(2000);
      await service.command(sessionId, p1.playerId, `a${i}`, { type: 'act', action: 'rollback_config' });
      advanceWall(2000);
      await service.controlClock(sessionId, { action: 'end' });
      ended.push({ sessionId, p1: p1.playerId, finished: service.getFinishedSession(sessionId), snapshot: withoutSentAt(service.teamSnapshot(sessionId, p1.playerId)) });
    }
    expect(service.stats()).toMatchObject({ sessions: RESIDENT_ENDED_SESSIONS + 4, inMemory: RESIDENT_ENDED_SESSIONS });
    // The oldest was dropped from memory: asking for it rebuilds the same state from its log.
    const oldest = ended[0]!;
    expect(service.getFinishedSession(oldest.sessionId)).toEqual(oldest.finished);
    expect(withoutSentAt(service.teamSnapshot(oldest.sessionId, oldest.p1))).toEqual(oldest.snapshot);
    expect(service.stats().inMemory).toBe(RESIDENT_ENDED_SESSIONS);

    // A restarted service replays no ended session until one is asked for.
    const restarted = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store, outbox: new RecordingOutbox(), timers: new ManualTimers() });
    restarted.restore();
    expect(restarted.stats()).toMatchObject({ sessions: RESIDENT_ENDED_SESSIONS + 4, inMemory: 0 });
    expect(restarted.getFinishedSession(oldest.sessionId)).toEqual(oldest.finished);
    expect(restarted.stats().inMemory).toBe(1);
  });
});
