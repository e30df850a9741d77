/** GET /api/rooms/:code: the projector's view carries the teams' headlines and never the truth. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot, RoomView } from '../protocol/views.ts';
import type { RunningServer } from './create-server.ts';
import { client, ok, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer({ tickMs: 100 }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });

describe('room view', () => {
  it('shows the join link in the lobby, then each team without any truth', async () => {
    const host = await client(server.url);
    sockets.push(host);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60 });
    const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });

    const lobby = await fetch(`${server.url}/api/rooms/${created.code.replace('-', '').toLowerCase()}`);
    expect(lobby.status).toBe(200);
    const before = (await lobby.json()) as RoomView;
    expect(before.joinUrl).toBe(created.joinUrl);
    expect(before.teams.map((t) => t.name)).toEqual(['Team 1', 'Team 2']);

    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 30 });
    await sleep(300);
    const view = (await (await fetch(`${server.url}/api/rooms/${created.code}`)).json()) as RoomView;
    expect(view.joinUrl).toBeNull();
    expect(view.teams[0]?.sparkline.length).toBeGreaterThan(10);
    expect(view.teams[0]?.rank).toBe(1);
    const json = JSON.stringify(view);
    for (const team of attached.snapshot.teams) {
      expect(json).not.toContain(team.world.truth.headline);
    }
    expect(json).not.toMatch(/"truth"|"realTimeline"|"correctDiagnosis"|"markers"/);

    expect((await fetch(`${server.url}/api/rooms/ZZZZ-ZZ`)).status).toBe(404);
  });
});
