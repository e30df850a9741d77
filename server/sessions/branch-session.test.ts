/** Branching a session: the branch's team world at t is the parent team's world at t, byte for byte. */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, observe, type World } from '../engine/index.ts';
import { buildDebrief } from '../debrief/build-debrief.ts';
import { sessionDebriefInput } from '../debrief/session-debrief-input.ts';
import type { BranchedSession } from '../protocol/events.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { TeamSnapshot } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import type { LogEntry } from '../storage/session-record.ts';
import { NEEDS_HOST_SECRET } from './branch-session.ts';
import { serverFull } from './session-lobby.ts';
import { SessionService } from './session-service.ts';
import { restoreState } from './session-state.ts';
import { created, loadToy, ManualTimers, RecordingOutbox, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const ok = <T extends object>(a: ({ ok: true } & T) | { ok: false; error: string }): T => {
  if (!a.ok) throw new Error(a.error);
  return a;
};

/**
 * A parent played at 60 sim s per real s: team 1 investigates, chats, acts and gets an inject
 * before 10:12; the world at exactly 10:12 is captured live; then it acts AT 10:12 and later, and
 * the session ends at 10:30.
 */
async function playedParent() {
  const harness = setup();
  const { service, advanceWall } = harness;
  const parent = await created(service, 60);
  const { sessionId, p1, p2 } = parent;
  await service.controlClock(sessionId, { action: 'start' });
  advanceWall(5000); // 10:05
  ok(await service.command(sessionId, p1.playerId, 'a1', { type: 'investigate', investigation: 'recent_changes', params: {} }));
  ok(await service.chat(sessionId, p1.playerId, 'm1', 'checking the 10:05 push', true));
  ok(await service.command(sessionId, p2.playerId, 'b1', { type: 'act', action: 'restart_api', params: {} }));
  advanceWall(4000); // 10:09
  ok(await service.command(sessionId, p1.playerId, 'a2', { type: 'act', action: 'restart_api', params: {} }));
  ok(await service.inject(sessionId, { teamId: 't1', title: 'Customer call', text: 'A customer says checkout fails.' }));
  advanceWall(3000); // 10:12
  ok(await service.controlClock(sessionId, { action: 'pause' }));
  ok(service.hostSnapshot(sessionId, 'http://h')); // advances every world to now
  const atT: World = structuredClone(service.inspect(sessionId)!.teams.get('t1')!.world);
  expect(atT.t).toBe(clock('10:12'));
  // Exactly at t (resumed, no time passed): not inherited (the branch is what else the team could do from t).
  ok(await service.controlClock(sessionId, { action: 'resume' }));
  ok(await service.command(sessionId, p1.playerId, 'a3', { type: 'act', action: 'rollback_config', params: {} }));
  ok(await service.chat(sessionId, p1.playerId, 'm2', 'rolling back now', false));
  advanceWall(6000); // 10:18
  ok(await service.command(sessionId, p1.playerId, 'a4', { type: 'diagnose', trigger: 'config_push', mechanism: 'bad_value' }));
  return { ...harness, parent, atT };
}

describe('branching a session', () => {
  it('gives the chosen team the parent team world at t exactly (hidden state and observe()), and a fresh host secret', async () => {
    const { service, parent, atT, store } = await playedParent();
    const b = ok(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:12' }, { hostOf: parent.sessionId }, 'http://h'));
    expect(b).toMatchObject({ parentSessionId: parent.sessionId, branchedAt: clock('10:12') });
    expect(b.hostSecret).not.toBe(parent.hostSecret);
    expect(b.hostUrl).toBe(`http://h/host/${b.code}`);

    const branch = service.inspect(b.sessionId)!;
    expect([...branch.teams.keys()]).toEqual(['t1']);
    expect(branch.teams.get('t1')!.info.name).toBe('Team 1');
    expect(branch.clock).toMatchObject({ status: 'paused', baseSim: clock('10:12'), speed: 60 });
    const world = branch.teams.get('t1')!.world;
    expect(JSON.stringify(world)).toBe(JSON.stringify(atT));
    expect(observe(toy, world, { role: 'team' })).toEqual(observe(toy, atT, { role: 'team' }));
    expect(observe(toy, world, { role: 'facilitator' })).toEqual(observe(toy, atT, { role: 'facilitator' }));

    // The log: the parent team's commands and chat before 10:12 (not team 2's, not those at 10:12), then the clock.
    const log = store.get(b.sessionId)!.log;
    expect(log.map((e) => `${e.type}:${'inherited' in e.payload ? 'inherited' : 'own'}`)).toEqual([
      'command:inherited', 'chat:inherited', 'command:inherited', 'command:inherited', 'clock:own',
    ]);
    expect(log.at(-1)!.payload).toEqual({ action: 'pause', simTime: clock('10:12'), speed: 60, reason: 'host' });
    expect(store.get(b.sessionId)!.settings.origin).toEqual({
      parentSessionId: parent.sessionId, parentTeamId: 't1', at: clock('10:12'), firstEntry: atT.nextEntry, leads: atT.leads.length, parentCode: store.get(parent.sessionId)!.settings.code,
    });
    // A restart folds the same log to the same world.
    expect(JSON.stringify(restoreState(store.get(b.sessionId)!, toy, 0).state.teams.get('t1')!.world)).toBe(JSON.stringify(atT));
  });

  it('lets anyone with the code play it: the console marks what came from the parent, new play is not marked', async () => {
    const { service, parent } = await playedParent();
    await service.controlClock(parent.sessionId, { action: 'end' });
    const b = ok(await service.branchSession(parent.sessionId, { teamId: 't1', at: clock('10:12') }, {}, 'http://h'));
    const joined = ok(await service.join(b.code.replace('-', ''), 'Eve', 't1', null));
    const snap: TeamSnapshot = joined.snapshot;
    expect(snap.team).toEqual({ id: 't1', name: 'Team 1' });
    expect(snap.branch).toEqual({ parentSessionId: parent.sessionId, parentTeamId: 't1', at: clock('10:12'), parentCode: formatJoinCode(parent.code) });
    expect(snap.chat).toEqual([expect.objectContaining({ name: 'Ada', text: 'checking the 10:05 push', pinned: true, inherited: true })]);
    expect(snap.world!.actions.map((a) => [a.action, a.inherited])).toEqual([['restart_api', true]]);
    expect(snap.world!.investigations.every((i) => i.inherited)).toBe(true);
    expect(snap.world!.feed.length).toBeGreaterThan(0);
    expect(snap.world!.feed.every((f) => f.inherited)).toBe(true);

    // The room screen shows no score while it runs…
    expect(ok(service.roomView(b.code.replace('-', ''), 'http://h')).view.ranking).toBeNull();

    ok(await service.controlClock(b.sessionId, { action: 'resume' }));
    ok(await service.command(b.sessionId, joined.playerId, 'x1', { type: 'act', action: 'rollback_config', params: {} }));
    const after = ok(service.teamSnapshot(b.sessionId, joined.playerId)).snapshot;
    expect(after.world!.actions.map((a) => [a.action, a.inherited])).toEqual([['restart_api', true], ['rollback_config', undefined]]);

    // …and once it has ended, the ranking of its debrief, which scores a branch from its branch point (10:12).
    ok(await service.controlClock(b.sessionId, { action: 'end' }));
    const family = service.branchFamily(b.sessionId)!;
    const finished = service.getFinishedSession(b.sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const debrief = buildDebrief(sessionDebriefInput(toy, finished.session, { lineage: family.lineage, branch: family.branch! }));
    const whole = buildDebrief(sessionDebriefInput(toy, finished.session));
    expect(debrief.teams[0]!.score.total).not.toBe(whole.teams[0]!.score.total);
    expect(ok(service.roomView(b.code.replace('-', ''), 'http://h')).view.ranking).toEqual([
      { teamId: 't1', name: 'Team 1', rank: 1, score: debrief.teams[0]!.score.total, vsReal: debrief.teams[0]!.vsReference },
    ]);
  });

  it('outlives its parent: once retention deletes the parent, the branch still plays and says its parent is gone', async () => {
    const { service, parent, advanceWall, atT } = await playedParent();
    await service.controlClock(parent.sessionId, { action: 'end' });
    const b = ok(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:12' }, {}, 'http://h'));
    expect(service.branchFamily(parent.sessionId)!.lineage.children.map((c) => c.sessionId)).toEqual([b.sessionId]);
    advanceWall(60_000);
    expect(await service.sweepEnded(30_000)).toBe(1);
    expect(service.inspect(parent.sessionId)).toBeUndefined();
    expect(service.branchFamily(b.sessionId)).toEqual({
      lineage: { parent: null, parentGone: true, children: [] },
      branch: { at: clock('10:12'), parentSessionId: parent.sessionId, parentTeamId: 't1', parent: null },
      settled: true,
    });
    expect(JSON.stringify(service.inspect(b.sessionId)!.teams.get('t1')!.world)).toBe(JSON.stringify(atT));
    const eve = ok(await service.join(b.code.replace('-', ''), 'Eve', 't1', null));
    ok(await service.controlClock(b.sessionId, { action: 'resume' }));
    ok(await service.command(b.sessionId, eve.playerId, 'x', { type: 'act', action: 'rollback_config', params: {} }));
  });

  it('branches of branches carry both the inherited and the branch’s own commands', async () => {
    const { service, parent, advanceWall } = await playedParent();
    const b = ok(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:12' }, { hostSecret: parent.hostSecret }, 'http://h'));
    ok(await service.inject(b.sessionId, { teamId: 't1', title: 'Exactly at t', text: 'the branch’s own' }));
    ok(await service.controlClock(b.sessionId, { action: 'resume' }));
    advanceWall(3000);
    ok(service.hostSnapshot(b.sessionId, 'http://h'));
    ok(await service.controlClock(b.sessionId, { action: 'pause' }));
    const childAt = structuredClone(service.inspect(b.sessionId)!.teams.get('t1')!.world);
    const g: BranchedSession = ok(await service.branchSession(b.sessionId, { teamId: 't1', at: childAt.t }, { hostOf: b.sessionId }, 'http://h'));
    expect(JSON.stringify(service.inspect(g.sessionId)!.teams.get('t1')!.world)).toBe(JSON.stringify(childAt));
    expect(service.inspect(g.sessionId)!.teams.get('t1')!.commands).toHaveLength(4);
  });

  it('refuses, with reasons: unknown session or team, t outside what was played, a running parent without its secret', async () => {
    const { service, parent } = await playedParent(); // running, at 10:18
    const asHost = { hostOf: parent.sessionId };
    expect(await service.branchSession('nope', { teamId: 't1', at: '10:00' }, asHost, 'http://h')).toEqual({ ok: false, error: 'no such session' });
    expect(await service.branchSession(parent.sessionId, { teamId: 't9', at: '10:05' }, asHost, 'http://h'))
      .toEqual({ ok: false, error: 'no team "t9" in this session; its teams are t1 (Team 1), t2 (Team 2)' });
    expect(await service.branchSession(parent.sessionId, { teamId: 't1', at: '09:59' }, asHost, 'http://h'))
      .toEqual({ ok: false, error: '09:59 is before the scenario starts (10:00); pick a time between 10:00 and 10:18' });
    expect(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:19' }, asHost, 'http://h'))
      .toEqual({ ok: false, error: 'this session has only been played to 10:18; pick a time between 10:00 and 10:18' });
    expect(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:10' }, {}, 'http://h')).toEqual({ ok: false, error: NEEDS_HOST_SECRET });
    expect(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:10' }, { hostSecret: 'x'.repeat(32) }, 'http://h')).toEqual({ ok: false, error: NEEDS_HOST_SECRET });
    // The scenario start itself and the parent's present are both fine.
    ok(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:00' }, asHost, 'http://h'));
    ok(await service.branchSession(parent.sessionId, { teamId: 't2', at: '10:18' }, asHost, 'http://h'));
  });

  it('counts against the open-session caps', async () => {
    const { service } = setup(new MemoryStore(), { maxOpenSessions: 2, maxOpenSessionsPerAddress: 1 });
    const parent = await created(service, 60);
    const first = await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:00' }, { hostOf: parent.sessionId }, 'http://h', '10.0.0.1');
    expect(first.ok).toBe(true);
    expect(await service.branchSession(parent.sessionId, { teamId: 't1', at: '10:00' }, { hostOf: parent.sessionId }, 'http://h'))
      .toEqual({ ok: false, error: serverFull(2) });
  });

  it('refuses a parent whose log does not replay', async () => {
    const { service, parent, store } = await playedParent();
    const stored = store.get(parent.sessionId)!;
    // The same log with one command's recorded entry number changed: a replay no longer matches it.
    const tampered = structuredClone(stored.log).map((e: LogEntry) => (e.type === 'command' && e.payload.teamId === 't1' ? { ...e, payload: { ...e.payload, entry: e.payload.entry + 7 } } : e));
    const corrupt = new MemoryStore();
    corrupt.create(structuredClone(stored.settings));
    corrupt.append(stored.settings.id, tampered);
    const restarted = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store: corrupt, outbox: new RecordingOutbox(), timers: new ManualTimers(), now: () => 2_000_000 });
    restarted.restore();
    const refused = await restarted.branchSession(parent.sessionId, { teamId: 't1', at: '10:10' }, { hostOf: parent.sessionId }, 'http://h');
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^this session's log does not replay \(replay gave entry \d+, log says \d+\), so it cannot be branched$/) });
  });
});
