/** A host and two teams of two play a whole session over real sockets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observe, runCommands, type Scenario, type TimedCommand } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { ClockState, DebriefLinks, HostSnapshot, LobbyState, TeamDelta, TeamSnapshot } from '../protocol/views.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, nextEvent, ok, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
let toy: Scenario;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  toy = await loadToyScenario();
  server = await startToyServer({ tickMs: 200 });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

async function open(): Promise<ClientSocket> {
  const s = await client(server.url);
  sockets.push(s);
  return s;
}

describe('a session played through', () => {
  it('create, join, start, pause, resume, speed, commands, end; each team world is its own commands only', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60, seed: 11, teamNames: ['Blue', 'Red'] });
    expect(created.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(created.joinUrl).toContain(`/join/${created.code}`);
    const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    expect(attached.snapshot.teams.map((t) => t.team.name)).toEqual(['Blue', 'Red']);
    expect(attached.snapshot.clock.status).toBe('lobby');

    const [a1, a2, b1, b2] = [await open(), await open(), await open(), await open()];
    const joinA1 = await ok<{ playerToken: string; snapshot: TeamSnapshot }>(a1, 'player:join', { code: created.code.toLowerCase(), name: 'Ada', teamId: 't1', role: 'commander' });
    expect(joinA1.snapshot.team?.id).toBe('t1');
    expect(joinA1.snapshot.world?.samples.length).toBe(1);
    await ok(a2, 'player:join', { code: created.code, name: 'Alan', teamId: 't1' });
    const joinB1 = await ok<{ snapshot: TeamSnapshot }>(b1, 'player:join', { code: created.code, name: 'Grace' });
    expect(joinB1.snapshot.team).toBeNull();
    expect(joinB1.snapshot.world).toBeNull();
    await ok(b1, 'player:choose-team', { teamId: 't2' });
    const joinB2 = await ok<{ snapshot: TeamSnapshot }>(b2, 'player:join', { code: created.code, name: 'Edsger' });
    const moved = nextEvent(b2, 'session:snapshot');
    const lobbyAfterMove = nextEvent(host, 'session:lobby');
    await ok(host, 'host:move-player', { playerId: joinB2.snapshot.you.id, teamId: 't2' });
    expect(((await moved) as TeamSnapshot).team?.id).toBe('t2');
    const lobby = (await lobbyAfterMove) as LobbyState;
    expect(lobby.players.map((p) => [p.name, p.teamId, p.connected])).toEqual([
      ['Ada', 't1', true], ['Alan', 't1', true], ['Grace', 't2', true], ['Edsger', 't2', true],
    ]);
    await ok(a2, 'player:set-role', { role: 'investigator' });

    // Not started: no commands yet, but chat works.
    const early = await call(a1, 'team:act', { clientActionId: 'early', action: 'restart_api' });
    expect(early).toEqual({ ok: false, error: 'the session has not started yet' });
    await ok(a1, 'team:chat', { clientActionId: 'hello', text: 'Hello Blue' });

    const started = await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'start' });
    expect(started.clock.status).toBe('running');
    // Teams are fixed once the clock runs.
    expect((await call(b1, 'player:choose-team', { teamId: 't1' })).ok).toBe(false);

    await ok(host, 'host:clock', { action: 'skip', minutes: 6 });
    const firstDelta = nextEvent(a1, 'team:delta');
    const actA = await ok<{ entry: number; seq: number; duplicate: boolean }>(a1, 'team:act', { clientActionId: 'a-status', action: 'post_status', params: { message: 'Blue is investigating' } });
    expect(actA.duplicate).toBe(false);
    const again = await ok<{ entry: number; seq: number; duplicate: boolean }>(a1, 'team:act', { clientActionId: 'a-status', action: 'post_status', params: { message: 'Blue is investigating' } });
    expect(again).toEqual({ ok: true, entry: actA.entry, seq: actA.seq, duplicate: true });
    const delta = (await firstDelta) as TeamDelta;
    expect(delta.teamId).toBe('t1');
    expect(typeof delta.sentAt).toBe('number');
    await ok(a2, 'team:investigate', { clientActionId: 'a-inv', investigation: 'recent_changes' });
    await ok(b1, 'team:act', { clientActionId: 'b-restart', action: 'restart_api' });
    await ok(b2, 'team:investigate', { clientActionId: 'b-logs', investigation: 'logs', params: { service: 'db' } });

    // Pause stops sim time exactly; commands wait, chat does not.
    const paused = await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'pause' });
    await sleep(400);
    const whilePaused = await ok<{ snapshot: TeamSnapshot }>(a1, 'session:resync', {});
    expect(whilePaused.snapshot.clock.status).toBe('paused');
    expect(whilePaused.snapshot.clock.simTime).toBe(paused.clock.simTime);
    expect(await call(a1, 'team:act', { clientActionId: 'x', action: 'restart_api' })).toEqual({ ok: false, error: 'the clock is paused' });
    await ok(b1, 'team:chat', { clientActionId: 'red-note', text: 'Red thinks it is an attack', pinned: true });
    expect((await call(host, 'host:clock', { action: 'pause' })).ok).toBe(false);

    const resumed = await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'resume' });
    expect(resumed.clock.simTime).toBeCloseTo(paused.clock.simTime, 0);
    const faster = await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'speed', speed: 30 });
    expect(faster.clock.speed).toBe(30);
    await ok(host, 'host:inject', { teamId: null, injectId: 'hint_changes' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    await ok(a1, 'team:diagnose', { clientActionId: 'a-diag', trigger: 'config_push', mechanism: 'bad_value', text: 'config v42' });
    await ok(a1, 'team:act', { clientActionId: 'a-rollback', action: 'rollback_config' });
    await ok(b2, 'team:diagnose', { clientActionId: 'b-diag', trigger: 'ddos', mechanism: 'overload' });

    // The host sees the truth per team; a team sees its evidence once the investigation completes.
    const hostDelta = nextEvent(host, 'host:delta');
    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });
    expect(((await hostDelta) as { truth: unknown }[])[0]?.truth).toBeDefined();
    const midA = await ok<{ snapshot: TeamSnapshot }>(a2, 'session:resync', {});
    expect(midA.snapshot.world?.investigations[0]?.status).toBe('complete');
    expect(midA.snapshot.chat.map((m) => m.text)).toEqual(['Hello Blue']);

    const ended = nextEvent(b2, 'session:ended');
    const endAck = await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'end' });
    expect(endAck.clock.status).toBe('ended');
    const links = (await ended) as DebriefLinks;
    const finished = server.service.getFinishedSession(attached.snapshot.sessionId);
    if (!finished.ok) throw new Error(finished.error);
    expect(links.page).toBe(`/debrief/${attached.snapshot.sessionId}`);
    expect(links.json).toBe(`/api/sessions/${attached.snapshot.sessionId}/debrief.json`);
    expect((await call(a1, 'team:act', { clientActionId: 'late', action: 'restart_api' })).ok).toBe(false);

    // Each team's world is exactly the engine's replay of its own commands on the shared seed.
    const [blue, red] = finished.session.teams;
    expect(blue?.players.map((p) => p.name)).toEqual(['Ada', 'Alan']);
    expect(red?.players.map((p) => p.name)).toEqual(['Grace', 'Edsger']);
    const kinds = (cmds: TimedCommand[]) => cmds.map((c) => `${c.command.type}:${'action' in c.command ? c.command.action : 'investigation' in c.command ? c.command.investigation : 'trigger' in c.command ? c.command.trigger : 'title' in c.command ? c.command.title : c.command.entry}`);
    expect(kinds(blue!.commands)).toEqual(['act:post_status', 'investigate:recent_changes', 'inject:Hint', 'diagnose:config_push', 'act:rollback_config']);
    expect(kinds(red!.commands)).toEqual(['act:restart_api', 'investigate:logs', 'inject:Hint', 'diagnose:ddos']);
    for (const [team, socket] of [[blue!, a1], [red!, b1]] as const) {
      const final = await ok<{ snapshot: TeamSnapshot }>(socket, 'session:resync', {});
      const replay = runCommands(toy, 11, team.commands, finished.session.endedAt);
      expect(replay.refused).toEqual([]);
      expect(final.snapshot.world).toEqual(JSON.parse(JSON.stringify(observe(toy, replay.world, { role: 'team' }))));
    }
    // Same seed: identical until the first command, different after (Blue rolled back, Red did not).
    const firstAt = Math.min(blue!.commands[0]!.at, red!.commands[0]!.at);
    const blueWorld = runCommands(toy, 11, blue!.commands, finished.session.endedAt).world;
    const redWorld = runCommands(toy, 11, red!.commands, finished.session.endedAt).world;
    expect(blueWorld.samples.filter((s) => s.t <= firstAt)).toEqual(redWorld.samples.filter((s) => s.t <= firstAt));
    expect(blueWorld.samples.at(-1)!.values.error_rate!).toBeLessThan(5);
    expect(redWorld.samples.at(-1)!.values.error_rate!).toBeGreaterThan(20);
  });
});
