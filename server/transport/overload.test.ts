/**
 * Overload over the wire, with the lag injected through the server's load probe (the seam): new
 * sessions (HTTP and socket) and joins get the busy answer, the running session goes on over the
 * same sockets, and /healthz answers with the event-loop lag, the journal's fsync figures and the refusals.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import { SERVER_BUSY } from '../sessions/load-shedding.ts';
import { JournalStore } from '../storage/journal-store.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, ok, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = undefined;
});

describe('an overloaded server', () => {
  it('refuses new sessions and joins as busy while running sessions carry on; /healthz says why', async () => {
    const lag = { loop: 0, disk: 0 };
    const store = await JournalStore.open(path.join(await mkdtemp(path.join(tmpdir(), 'overload-')), 'db.json'), { compaction: 'inline' });
    server = await startToyServer({ store, loadProbe: { eventLoopLagMs: () => lag.loop, storageLagMs: () => lag.disk } });
    const open = async () => { const s = await client(server!.url); sockets.push(s); return s; };
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const ada = await open();
    await ok(ada, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });

    lag.disk = 4000; // the journal's writes take seconds
    const refused = await fetch(`${server.url}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 10 }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toEqual({ error: SERVER_BUSY });
    expect(await call(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 10 })).toEqual({ ok: false, error: SERVER_BUSY });
    const bob = await open();
    expect(await call(bob, 'player:join', { code: created.code, name: 'Bob', teamId: 't2' })).toEqual({ ok: false, error: SERVER_BUSY });

    // What runs goes on, over the sockets it already has.
    expect(await call(ada, 'team:act', { clientActionId: 'a1', action: 'rollback_config' })).toMatchObject({ ok: true });
    expect(await call(ada, 'team:chat', { clientActionId: 'c1', text: 'on it' })).toMatchObject({ ok: true });
    expect(await call(host, 'host:clock', { action: 'pause' })).toMatchObject({ ok: true });
    expect([host.connected, ada.connected, bob.connected]).toEqual([true, true, true]);

    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown> & { overload: Record<string, unknown>; storage: { writeMs: { count: number } | null; journal: Record<string, unknown> } };
    expect(health.overload).toMatchObject({ busy: true, reason: 'disk writes taking 4000 ms', storageLagMs: 4000, refused: 3 });
    expect(health.storage.writeMs?.count).toBeGreaterThan(0);
    // Joined, started, acted, chatted, paused: five log entries.
    expect(health.storage.journal).toMatchObject({ segment: 1, entriesAppended: 5, pendingBytes: 0 });
    expect(health.storage.journal.fsyncs).toBeGreaterThan(0);
    expect(health.eventLoopDelayMs).toBeDefined();

    lag.disk = 0;
    expect(await call(bob, 'player:join', { code: created.code, name: 'Bob', teamId: 't2' })).toMatchObject({ ok: true });
  });
});
