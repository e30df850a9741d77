/** Who may do what: the host secret alone controls a session; a responder acts only for its own seat. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { ClockState, TeamSnapshot } from '../protocol/views.ts';
import type { RunningServer } from './create-server.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limit.ts';
import { call, client, ok, record, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer({ tickMs: 100 }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });
async function open(url = server.url): Promise<ClientSocket> { const s = await client(url); sockets.push(s); return s; }

async function session(teamCount = 2) {
  const host = await open();
  const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount, speed: 60 });
  const attached = await ok<{ snapshot: { sessionId: string } }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
  return { host, created, sessionId: attached.snapshot.sessionId };
}

describe('authorization', () => {
  it('a wrong host secret is refused, and so is a right secret with another session\'s code', async () => {
    const a = await session();
    const b = await session();
    const intruder = await open();
    const wrong = 'x'.repeat(32);
    expect(await call(intruder, 'host:attach', { code: a.created.code, hostSecret: wrong })).toEqual({ ok: false, error: 'wrong join code or host secret' });
    expect(await call(intruder, 'host:attach', { code: b.created.code, hostSecret: a.created.hostSecret })).toEqual({ ok: false, error: 'wrong join code or host secret' });
    expect(await call(intruder, 'host:attach', { code: 'ZZZZ-ZZ', hostSecret: a.created.hostSecret })).toEqual({ ok: false, error: 'wrong join code or host secret' });
    expect((await call(intruder, 'host:clock', { action: 'start' })).ok).toBe(false);
    // The secret is stored only as a hash.
    expect(JSON.stringify(server.service.log(a.sessionId))).not.toContain(a.created.hostSecret);
    // A host controls its own session only.
    await ok(a.host, 'host:clock', { action: 'start' });
    expect(server.service.inspect(b.sessionId)?.clock.status).toBe('lobby');
  });

  it('a responder cannot control the clock, inject, move players, or act for another team', async () => {
    const { host, created, sessionId } = await session();
    const red = await open();
    const blue = await open();
    const redJoin = await ok<{ snapshot: TeamSnapshot }>(red, 'player:join', { code: created.code, name: 'Red', teamId: 't2' });
    const blueJoin = await ok<{ snapshot: TeamSnapshot }>(blue, 'player:join', { code: created.code, name: 'Blue', teamId: 't1' });
    for (const action of [{ action: 'start' }, { action: 'end' }, { action: 'speed', speed: 60 }]) {
      expect(await call(red, 'host:clock', action)).toEqual({ ok: false, error: expect.stringMatching(/only the facilitator/) });
    }
    expect((await call(red, 'host:inject', { teamId: 't1', title: 'x', text: 'y' })).ok).toBe(false);
    expect((await call(red, 'host:move-player', { playerId: blueJoin.snapshot.you.id, teamId: 't2' })).ok).toBe(false);
    expect((await call(red, 'host:attach', { code: created.code, hostSecret: redJoin.snapshot.you.id.padEnd(32, 'x') })).ok).toBe(false);
    expect(server.service.inspect(sessionId)?.clock.status).toBe('lobby');

    await ok(host, 'host:clock', { action: 'start' });
    // The team comes from the seat: a teamId in the payload is refused, not obeyed.
    const forged = await call(red, 'team:act', { clientActionId: 'f1', action: 'restart_api', teamId: 't1' });
    expect(forged.ok).toBe(false);
    await ok(red, 'team:act', { clientActionId: 'r1', action: 'restart_api' });
    const state = server.service.inspect(sessionId)!;
    expect(state.teams.get('t1')!.commands).toEqual([]);
    expect(state.teams.get('t2')!.commands.map((c) => c.command.type)).toEqual(['act']);
    // A player may not hop into another team once the clock runs (it would read that team's world).
    expect((await call(red, 'player:choose-team', { teamId: 't1' })).ok).toBe(false);
    const again = await ok<{ snapshot: TeamSnapshot }>(red, 'session:resync', {});
    expect(again.snapshot.team?.id).toBe('t2');
  });

  it('a responder cannot enter another session\'s rooms or resume a seat with a made-up token', async () => {
    const a = await session(1);
    const b = await session(1);
    const player = await open();
    const log = record(player);
    const joinA = await ok<{ playerToken: string; snapshot: TeamSnapshot }>(player, 'player:join', { code: a.created.code, name: 'P', teamId: 't1' });
    // Its token belongs to session A: it does not open a seat in B.
    expect(await call(player, 'player:resume', { code: b.created.code, playerToken: joinA.playerToken })).toEqual({ ok: false, error: 'this seat is unknown here; join again' });
    expect((await call(player, 'player:resume', { code: a.created.code, playerToken: 'y'.repeat(32) })).ok).toBe(false);
    const bPlayer = await open();
    await ok(bPlayer, 'player:join', { code: b.created.code, name: 'Q', teamId: 't1' });
    await ok(b.host, 'host:clock', { action: 'start' });
    await ok(bPlayer, 'team:chat', { clientActionId: 'c', text: 'B-ONLY-CHAT' });
    await ok(bPlayer, 'team:act', { clientActionId: 'a', action: 'restart_api' });
    await sleep(300);
    const corpus = log.events.map((e) => e.json).join('\n');
    expect(corpus).not.toContain(b.sessionId);
    expect(corpus).not.toContain('B-ONLY-CHAT');
    expect(log.events.filter((e) => e.event === 'team:delta')).toEqual([]);
    // Still seated in A after the failed attempts.
    const still = await ok<{ snapshot: TeamSnapshot }>(player, 'session:resync', {});
    expect(still.snapshot.sessionId).toBe(a.sessionId);
  });

  it('a responder the host moves to another team stops receiving its old team at once', async () => {
    const { host, created } = await session();
    const mover = await open();
    const stay = await open();
    const moved = await ok<{ snapshot: TeamSnapshot }>(mover, 'player:join', { code: created.code, name: 'Mover', teamId: 't1' });
    await ok(stay, 'player:join', { code: created.code, name: 'Stay', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    const snapshot = new Promise<TeamSnapshot>((resolve) => mover.once('session:snapshot', (s) => resolve(s as TeamSnapshot)));
    await ok(host, 'host:move-player', { playerId: moved.snapshot.you.id, teamId: 't2' });
    expect((await snapshot).team?.id).toBe('t2');
    const log = record(mover);
    await ok(stay, 'team:act', { clientActionId: 's1', action: 'post_status', params: { message: 'T1-AFTER-MOVE' } });
    await ok(stay, 'team:chat', { clientActionId: 's2', text: 'T1-CHAT-AFTER-MOVE' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 2 });
    await sleep(250);
    const corpus = log.events.map((e) => e.json).join('\n');
    expect(corpus).not.toContain('T1-');
    const deltas = log.events.filter((e) => e.event === 'team:delta').map((e) => JSON.parse(e.json)[0].teamId);
    expect(deltas.length).toBeGreaterThan(0);
    expect(new Set(deltas)).toEqual(new Set(['t2']));
  });

  it('rate limits answer with an error ack; unknown events and missing callbacks are harmless', async () => {
    const limited = await startServerWithDefaults();
    try {
      const host = await open(limited.url);
      const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60, lateJoiners: 'open' });
      await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
      await ok<{ clock: ClockState }>(host, 'host:clock', { action: 'start' });
      const p = await open(limited.url);
      await ok(p, 'player:join', { code: created.code, name: 'Fast', teamId: 't1' });
      const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => call(p, 'team:chat', { clientActionId: `c${i}`, text: `spam ${i}` })));
      const refused = acks.filter((a) => !a.ok);
      expect(refused.length).toBeGreaterThanOrEqual(30 - DEFAULT_RATE_LIMITS.perSeat.chat.capacity - 1);
      expect(refused[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^too many requests from your seat; slow down and try again in \d+ s$/) });
      expect(await call(p, 'no:such-event', { a: 1 })).toEqual({ ok: false, error: 'unknown event' });
      (p as unknown as { emit(ev: string, payload: unknown): void }).emit('team:act', { clientActionId: 'no-callback', action: 'restart_api' });
      (p as unknown as { emit(ev: string): void }).emit('host:clock');
      await sleep(100);
      const health = await fetch(`${limited.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

function startServerWithDefaults() {
  return startToyServer({ tickMs: 100, rateLimits: DEFAULT_RATE_LIMITS });
}
