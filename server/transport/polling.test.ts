import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { client, ok, startToyServer, type ClientSocket } from './test-support.ts';

// Clients behind proxies that block WebSockets fall back to HTTP long-polling. Those requests
// belong to socket.io alone: if the HTTP app answered them too, the second answer would throw.
describe('HTTP long-polling clients', () => {
  let server: RunningServer | undefined;
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await server?.close();
  });

  it('play over polling without the HTTP app answering socket.io requests', async () => {
    const errors: string[] = [];
    server = await startToyServer({ log: (m) => errors.push(m) });
    const host = await client(server.url, ['polling']);
    const player = await client(server.url, ['polling']);
    sockets.push(host, player);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const joined = await ok<{ snapshot: { lobby: { teams: { id: string }[] } } }>(player, 'player:join', { code: created.code, name: 'Polly' });
    await ok(player, 'player:choose-team', { teamId: joined.snapshot.lobby.teams[0]!.id });
    await ok(host, 'host:clock', { action: 'start' });
    for (let i = 0; i < 5; i++) await ok(player, 'team:chat', { clientActionId: `c${i}`, text: `message ${i}` });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(errors).toEqual([]);
  });
});
