/**
 * The session mode end to end: chosen at creation over HTTP or the socket (default realistic),
 * refused when it is not a mode, shown to the host and to responders, kept across a restart (a
 * new server on the same data file), and carried by the debrief.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { Debrief } from '../protocol/debrief.ts';
import type { HostSnapshot, TeamSnapshot } from '../protocol/views.ts';
import { LowdbStore } from '../storage/lowdb-store.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, ok, startToyServer, type ClientSocket } from './test-support.ts';

let dir: string;
let server: RunningServer | null = null;
const sockets: ClientSocket[] = [];
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'session-mode-')); });
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  server = await startToyServer({ store: await LowdbStore.open(path.join(dir, 'db.json')) });
  return server;
}
async function open(): Promise<ClientSocket> {
  const s = await client(server!.url);
  sockets.push(s);
  return s;
}
const post = (body: object) => fetch(`${server!.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const base = { scenarioId: 'toy-config-push', teamCount: 1, speed: 60 };

async function modesSeen(created: CreatedSession): Promise<{ host: string; team: string }> {
  const host = await open();
  const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
  const player = await open();
  const joined = await ok<{ snapshot: TeamSnapshot }>(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
  return { host: attached.snapshot.mode, team: joined.snapshot.mode };
}

describe('session mode', () => {
  const created: Record<string, CreatedSession> = {};

  it('is chosen at creation over HTTP and the socket, realistic by default, and refused when it is not a mode', async () => {
    await start();
    const byDefault = await post(base);
    expect(byDefault.status).toBe(201);
    created.default = (await byDefault.json()) as CreatedSession;
    const guided = await post({ ...base, mode: 'guided' });
    expect(guided.status).toBe(201);
    created.guided = (await guided.json()) as CreatedSession;
    created.socket = await ok<CreatedSession>(await open(), 'session:create', { ...base, mode: 'guided' });

    const bad = await post({ ...base, mode: 'easy' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/mode/);
    const badSocket = await call(await open(), 'session:create', { ...base, mode: 'easy' });
    expect(badSocket).toMatchObject({ ok: false, error: expect.stringMatching(/invalid session:create payload: mode/) });

    expect(await modesSeen(created.default)).toEqual({ host: 'realistic', team: 'realistic' });
    expect(await modesSeen(created.guided)).toEqual({ host: 'guided', team: 'guided' });
    expect(await modesSeen(created.socket)).toEqual({ host: 'guided', team: 'guided' });
  });

  it('is kept across a restart and carried by the debrief', async () => {
    await server!.close();
    for (const s of sockets.splice(0)) s.close();
    await start();
    expect(await modesSeen(created.default!)).toEqual({ host: 'realistic', team: 'realistic' });
    expect(await modesSeen(created.guided!)).toEqual({ host: 'guided', team: 'guided' });

    const host = await open();
    await ok(host, 'host:attach', { code: created.guided!.code, hostSecret: created.guided!.hostSecret });
    await ok(host, 'host:clock', { action: 'end' });
    const debrief = (await (await fetch(`${server!.url}/api/sessions/${created.guided!.sessionId}/debrief.json`)).json()) as Debrief;
    expect(debrief.mode).toBe('guided');
    const md = await (await fetch(`${server!.url}/api/sessions/${created.guided!.sessionId}/debrief.md`)).text();
    expect(md).toContain('Guided mode:');
  });
});
