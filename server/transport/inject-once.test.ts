/** A library inject the host sends by hand is not delivered again at its own time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { TeamSnapshot } from '../protocol/views.ts';
import type { RunningServer } from './create-server.ts';
import { client, ok, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer({ tickMs: 100 }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });

describe('injects', () => {
  it('a hand-sent library inject cancels its timed delivery to the teams it reached', async () => {
    const host = await client(server.url);
    const red = await client(server.url);
    const blue = await client(server.url);
    sockets.push(host, red, blue);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(red, 'player:join', { code: created.code, name: 'Red', teamId: 't1' });
    await ok(blue, 'player:join', { code: created.code, name: 'Blue', teamId: 't2' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    // "A customer calls" arrives by itself at 10:12; the host sends it to Team 1 at 10:05.
    expect(await ok<{ delivered: number }>(host, 'host:inject', { teamId: 't1', injectId: 'customer_call' })).toMatchObject({ delivered: 1 });
    await ok(host, 'host:clock', { action: 'skip', minutes: 15 });
    await sleep(300);
    const calls = async (socket: ClientSocket) => {
      const { snapshot } = await ok<{ snapshot: TeamSnapshot }>(socket, 'session:resync', {});
      return (snapshot.world?.feed ?? []).filter((f) => f.kind === 'inject' && f.title === 'A customer calls').map((f) => f.at);
    };
    expect(await calls(red)).toEqual([10 * 3600 + 5 * 60]);
    expect(await calls(blue)).toEqual([10 * 3600 + 12 * 60]);
  });
});
