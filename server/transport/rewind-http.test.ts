/** POST /api/sessions/:sessionId/rewinds: the host's rewind over HTTP, with its refusals. */
import { afterEach, describe, expect, it } from 'vitest';
import { clock } from '../engine/index.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { client, nextEvent, ok, startToyServer, type ClientSocket } from './test-support.ts';

const servers: RunningServer[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

describe('POST /api/sessions/:sessionId/rewinds', () => {
  it('rewinds with the host secret and tells the team; refuses a wrong secret, a bad body, an unknown session and a time ahead', async () => {
    const server = await startToyServer();
    servers.push(server);
    const host = await client(server.url);
    const player = await client(server.url);
    sockets.push(host, player);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });

    const post = async (sessionId: string, body: unknown) => {
      const res = await fetch(`${server.url}/api/sessions/${sessionId}/rewinds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const { sessionId, hostSecret } = created;
    expect(await post(sessionId, { teamId: 't1', to: '10:05', hostSecret: 'y'.repeat(32) })).toEqual({ status: 403, body: { ok: false, error: 'wrong host secret' } });
    expect(await post('nope', { teamId: 't1', to: '10:05', hostSecret })).toEqual({ status: 404, body: { ok: false, error: 'no such session' } });
    expect((await post(sessionId, { teamId: 't1', hostSecret })).status).toBe(400);
    expect(await post(sessionId, { teamId: 't1', to: '11:00', hostSecret })).toEqual({ status: 409, body: { ok: false, error: expect.stringMatching(/^Team 1 is at 10:10:\d\d: a rewind goes back in time/) } });

    const notice = nextEvent(player, 'team:rewound');
    const done = await post(sessionId, { teamId: 't1', to: '10:05', hostSecret });
    expect(done).toMatchObject({ status: 200, body: { ok: true, clock: { status: 'paused', teamLags: { t1: expect.any(Number) } } } });
    expect(await notice).toEqual({ to: clock('10:05'), by: 'facilitator', teamIds: ['t1'] });
  });
});
