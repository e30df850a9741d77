/**
 * The permalink across a real process restart: a session played on `tsx server/main.ts`, ended,
 * its debrief fetched; the process killed with SIGKILL and started again on the same data file;
 * the same URL serves byte-identical JSON and Markdown (recomputed from the stored log).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import { client, ok, type ClientSocket } from '../transport/test-support.ts';
import { freePort, startChildServer, stopChild } from '../transport/child-server.ts';

const children: ChildProcess[] = [];
const sockets: ClientSocket[] = [];
let dir = '';
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const c of children) await stopChild(c, 'SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('debrief permalink across a process restart', () => {
  it('serves the same debrief after SIGKILL and restart', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'debrief-restart-'));
    const dataFile = path.join(dir, 'db.json');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    children.push((await startChildServer(dataFile, port)).child);

    const host = await client(url);
    const player = await client(url);
    sockets.push(host, player);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 30, seed: 5 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 9 });
    await ok(player, 'team:act', { clientActionId: 'a', action: 'restart_api' });
    await ok(player, 'team:diagnose', { clientActionId: 'b', trigger: 'config_push', mechanism: 'bad_value' });
    // The restart takes its maker two minutes (responders' attention) before the next change.
    await ok(host, 'host:clock', { action: 'skip', minutes: 2 });
    await ok(player, 'team:act', { clientActionId: 'c', action: 'rollback_config' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });
    await ok(host, 'host:clock', { action: 'end' });

    const base = `${url}/api/sessions/${created.sessionId}`;
    const json = await (await fetch(`${base}/debrief.json`)).text();
    const md = await (await fetch(`${base}/debrief.md`)).text();
    expect(JSON.parse(json).teams[0].timeline.some((e: { ref: string }) => e.ref === 'rollback_config')).toBe(true);

    await stopChild(children.pop()!, 'SIGKILL');
    children.push((await startChildServer(dataFile, port)).child);
    const again = await fetch(`${base}/debrief.json`);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(json);
    expect(await (await fetch(`${base}/debrief.md`)).text()).toBe(md);
  });
});
