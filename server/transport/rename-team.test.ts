/** The host renames a team in the lobby: cleaned text, refusals, everyone's lobby, and a restart from the log. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot } from '../protocol/views.ts';
import { SESSION_ENDED } from '../sessions/session-pipeline.ts';
import { LowdbStore } from '../storage/lowdb-store.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, nextEvent, ok, startToyServer, type ClientSocket } from './test-support.ts';

const servers: RunningServer[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function start(dataFile: string): Promise<RunningServer> {
  const server = await startToyServer({ store: await LowdbStore.open(dataFile) });
  servers.push(server);
  return server;
}
async function open(server: RunningServer): Promise<ClientSocket> { const s = await client(server.url); sockets.push(s); return s; }

describe('host:rename-team', () => {
  it('renames a team for everyone, refuses bad names, non-hosts and ended sessions, and survives a restart', async () => {
    const dataFile = path.join(await mkdtemp(path.join(tmpdir(), 'rename-team-')), 'db.json');
    let server = await start(dataFile);
    let host = await open(server);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1 });
    const hostLogin = { code: created.code, hostSecret: created.hostSecret };
    await ok(host, 'host:attach', hostLogin);
    const player = await open(server);
    await ok(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't2' });

    expect(await call(host, 'host:rename-team', { teamId: 't1', name: ' \u0001\t' }))
      .toEqual({ ok: false, error: 'invalid host:rename-team payload: name: a team name cannot be empty (control characters and surrounding spaces do not count)' });
    expect(await call(host, 'host:rename-team', { teamId: 't9', name: 'Nobody' })).toEqual({ ok: false, error: 'no such team' });
    expect((await call(player, 'host:rename-team', { teamId: 't1', name: 'Mine' })).ok).toBe(false);

    const lobby = nextEvent(player, 'session:lobby');
    await ok(host, 'host:rename-team', { teamId: 't1', name: '  Blue\tteam\u202e ' });
    expect((await lobby).teams).toEqual([{ id: 't1', name: 'Blue team' }, { id: 't2', name: 'Team 2' }]);

    // A restart replays the log: the new name is back for the host and in the lobby.
    for (const s of sockets.splice(0)) s.close();
    await servers.pop()!.close();
    server = await start(dataFile);
    host = await open(server);
    const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', hostLogin);
    expect(attached.snapshot.lobby.teams.map((t) => t.name)).toEqual(['Blue team', 'Team 2']);
    expect(attached.snapshot.teams.map((t) => t.team.name)).toEqual(['Blue team', 'Team 2']);

    await ok(host, 'host:clock', { action: 'end' });
    expect(await call(host, 'host:rename-team', { teamId: 't1', name: 'Too late' })).toEqual({ ok: false, error: SESSION_ENDED });
    const debrief = await fetch(`${server.url}/api/sessions/${attached.snapshot.sessionId}/debrief.json`);
    expect(debrief.status).toBe(200);
    expect(JSON.stringify(await debrief.json())).toContain('"Blue team"');
  });
});
