/**
 * Cluster mode end to end: a real redis-server and three real node processes (server/main.ts with
 * REDIS_URL). A host on node A, responders on nodes B and C in one session; commands and chat flow
 * both ways; the owner is SIGKILLed mid-session and another node takes over; every acknowledged
 * command is in the log once; the debrief equals a single-node replay of that log. Then Redis is
 * stopped for a while: commands are refused with "try again", never falsely acknowledged, and
 * everything resumes once Redis is back.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, CreatedSession } from '../protocol/events.ts';
import type { ChatMessage, HostSnapshot, TeamDelta, TeamSnapshot } from '../protocol/views.ts';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { RedisStore } from '../storage/redis-store.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import type { LogEntry } from '../storage/session-record.ts';
import { freePort, startChildServer, stopChild } from '../transport/child-server.ts';
import { call, ok, sleep, startToyServer, until, type ClientSocket } from '../transport/test-support.ts';

/** Short leases keep the test short; the documented default is 5 s (docs/scaling.md). */
const LEASE_TTL_MS = 3000;
/** The documented failover bound for that lease: ttl + one watcher round (1 s) + rebuild and slack (2 s). */
const FAILOVER_BOUND_MS = LEASE_TTL_MS + 1000 + 2000;
/** Sim seconds per second: the toy samples every 30 sim s, so deltas arrive every tick. */
const SPEED = 30;

interface Node { id: string; port: number; child: ChildProcess; url: string }

let redis: RedisTestServer;
let dataDir: string;
const nodes: Node[] = [];
const sockets: ClientSocket[] = [];

async function startNode(id: string): Promise<Node> {
  const port = await freePort();
  const server = await startChildServer(path.join(dataDir, `${id}.json`), port, { REDIS_URL: redis.url, NODE_ID: id, LEASE_TTL_MS: String(LEASE_TTL_MS) }, 50_000);
  const node = { id, port, child: server.child, url: `http://127.0.0.1:${port}` };
  nodes.push(node);
  return node;
}

function open(node: Node): Promise<ClientSocket> {
  const socket: ClientSocket = connect(node.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => { socket.once('connect', () => resolve(socket)); socket.once('connect_error', reject); });
}

interface ClusterHealth { nodeId: string; ownedSessions: string[]; leaseRenewals: number; redisLatencyMs: number | null }
async function health(node: Node): Promise<ClusterHealth> {
  const body = await (await fetch(`${node.url}/healthz`)).json() as { cluster: ClusterHealth };
  return body.cluster;
}

async function ownerOf(sessionId: string, among: Node[]): Promise<Node | undefined> {
  for (const node of among) if ((await health(node)).ownedSessions.includes(sessionId)) return node;
  return undefined;
}

/** Retry a command with the same clientActionId until it is acknowledged (what the client does). */
async function untilAcked(socket: ClientSocket, event: string, payload: object, refusals: string[], deadlineMs = 15_000): Promise<CommandAck> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const ack = await call<{ entry: number; seq: number; duplicate: boolean }>(socket, event, payload, 8000).catch((err: Error) => ({ ok: false as const, error: err.message }));
    if (ack.ok || Date.now() > until) return ack;
    refusals.push(ack.error);
    await sleep(300);
  }
}

async function readLog(sessionId: string): Promise<{ log: readonly LogEntry[]; store: RedisStore; client: Redis }> {
  const client = await connectRedis(redis.url, { log: () => {} });
  const store = await RedisStore.open(client, { preload: false });
  const stored = await store.load(sessionId);
  return { log: stored?.log ?? [], store, client };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cluster-'));
  redis = await RedisTestServer.start();
  await Promise.all(['node-a', 'node-b', 'node-c'].map((id) => startNode(id)));
}, 60_000);

afterAll(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(nodes.map((n) => stopChild(n.child, 'SIGKILL')));
  await redis?.remove();
});

describe('cluster mode', () => {
  let sessionId = '';
  let code = '';
  let hostSecret = '';

  it('serves one session from three nodes, survives SIGKILL of its owner, and its debrief equals a single-node replay', async () => {
    const [a, b, c] = nodes as [Node, Node, Node];
    const host = await open(a);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: SPEED, seed: 5 });
    ({ sessionId, code, hostSecret } = created);
    await ok(host, 'host:attach', { code, hostSecret });
    const onB = await open(b);
    const onC = await open(c);
    await ok<{ snapshot: TeamSnapshot }>(onB, 'player:join', { code, name: 'Ada', teamId: 't1' });
    const bob = await ok<{ snapshot: TeamSnapshot }>(onC, 'player:join', { code, name: 'Bob', teamId: 't2' });
    expect((await health(a)).ownedSessions).toEqual([sessionId]);
    // The host (node A) moves Bob, whose socket is on node C, into Ada's team: C's socket changes rooms.
    const teamsSeenOnC = new Set<string>();
    onC.on('team:delta', (d: TeamDelta) => teamsSeenOnC.add(d.teamId));
    await ok(host, 'host:move-player', { playerId: bob.snapshot.you.id, teamId: 't1' });

    // Both ways: what B does reaches C (on another node) and the host on A, and back.
    const chatOnC = new Promise<ChatMessage>((resolve) => onC.once('team:chat', resolve));
    const chatOnB = new Promise<ChatMessage>((resolve) => onB.once('team:chat', resolve));
    const hostChats: string[] = [];
    host.on('host:chat', (m) => hostChats.push(m.text));
    await ok(host, 'host:clock', { action: 'start' });
    const acked = new Map<string, number>();
    const refusals: string[] = [];
    const ackFrom = async (socket: ClientSocket, event: string, payload: { clientActionId: string } & Record<string, unknown>) => {
      const ack = await untilAcked(socket, event, payload, refusals);
      if (!ack.ok) throw new Error(`${event} ${payload.clientActionId} never acknowledged: ${ack.error}`);
      acked.set(payload.clientActionId, ack.seq);
    };
    await ackFrom(onB, 'team:chat', { clientActionId: 'b-chat-1', text: 'checking the config push' });
    await ackFrom(onC, 'team:chat', { clientActionId: 'c-chat-1', text: 'I see errors climbing' });
    expect((await chatOnC).text).toBe('checking the config push');
    expect((await chatOnB).text).toBe('checking the config push');
    await ackFrom(onB, 'team:investigate', { clientActionId: 'b-inv-1', investigation: 'recent_changes' });
    await ackFrom(onC, 'team:act', { clientActionId: 'c-act-1', action: 'post_status', params: { message: 'investigating' } });
    // Chat reaches the host at once; C's team sees the act in the next tick's delta.
    await until(() => hostChats.length >= 2 && teamsSeenOnC.size > 0, 'both chats at the host and a delta on C');
    expect(hostChats).toEqual(['checking the config push', 'I see errors climbing']);
    expect([...teamsSeenOnC]).toEqual(['t1']);

    // The sim time the clock had reached, as responders on B see it through the adapter.
    let lastT = 0;
    let lastDeltaWall = 0;
    let killedAt = Infinity;
    let firstAfterKill: { wall: number; t: number } | null = null;
    onB.on('team:delta', (d: TeamDelta) => {
      lastT = Math.max(lastT, d.t);
      lastDeltaWall = Date.now();
      if (lastDeltaWall > killedAt && !firstAfterKill) firstAfterKill = { wall: lastDeltaWall, t: d.t };
    });
    await until(() => lastT > 0, 'a delta on B');

    // Kill the owner right after an acknowledgement, with more commands in flight.
    const inFlight = [
      ackFrom(onB, 'team:chat', { clientActionId: 'b-chat-2', text: 'during failover' }),
      ackFrom(onC, 'team:act', { clientActionId: 'c-act-2', action: 'restart_api' }),
    ];
    await stopChild(a.child, 'SIGKILL');
    killedAt = Date.now();
    const tAtKill = lastT;
    nodes.splice(nodes.indexOf(a), 1);

    // Within 10 s another node owns the session (its responders' sockets are there: the watcher takes it).
    let newOwner: Node | undefined;
    while (!newOwner && Date.now() - killedAt < 10_000) {
      newOwner = await ownerOf(sessionId, [b, c]);
      if (!newOwner) await sleep(200);
    }
    expect(newOwner).toBeDefined();
    await Promise.all(inFlight);

    // The clock resumes within the bound, from the sim time it had (downtime does not count).
    const resumedBy = killedAt + FAILOVER_BOUND_MS;
    while (!firstAfterKill && Date.now() < resumedBy + 1000) await sleep(100);
    const resumed = firstAfterKill as { wall: number; t: number } | null;
    expect(resumed).not.toBeNull();
    expect(resumed!.wall).toBeLessThanOrEqual(resumedBy);
    const resync = await ok<{ snapshot: TeamSnapshot }>(onB, 'session:resync', {});
    expect(resync.snapshot.clock.status).toBe('running');
    expect(resync.snapshot.clock.simTime).toBeGreaterThanOrEqual(tAtKill);
    // It went on from where it was: the sim advanced only since the clock resumed (plus a tick or
    // two of checkpoint lag), not through the seconds nobody owned it.
    expect(resync.snapshot.clock.simTime - tAtKill).toBeLessThanOrEqual(SPEED * ((Date.now() - resumed!.wall) / 1000 + 2));

    // The host reconnects to another node and resyncs through the application, as after a restart.
    const host2 = await open(c);
    const attached = await ok<{ snapshot: HostSnapshot }>(host2, 'host:attach', { code, hostSecret });
    expect(attached.snapshot.clock.status).toBe('running');
    await ackFrom(onB, 'team:chat', { clientActionId: 'b-chat-3', text: 'after failover' });
    expect([...teamsSeenOnC]).toEqual(['t1']); // also from the new owner, after the failover
    const ended = new Promise((resolve) => onC.once('session:ended', resolve));
    await ok(host2, 'host:clock', { action: 'end' });
    await ended;

    // Every acknowledged command is in the log exactly once, at the seq its acknowledgement gave.
    const { log, store, client } = await readLog(sessionId);
    for (const [clientActionId, seq] of acked) {
      const matching = log.filter((e) => (e.type === 'command' || e.type === 'chat') && e.payload.clientActionId === clientActionId);
      expect(matching.map((e) => e.seq), clientActionId).toEqual([seq]);
    }
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));

    // The debrief any node serves equals a single-node replay of the same log.
    const stored = store.get(sessionId)!;
    await store.close();
    await client.quit();
    const single = new MemoryStore();
    single.create(stored.settings);
    single.append(sessionId, stored.log);
    const replay = await startToyServer({ store: single });
    try {
      const expected = await (await fetch(`${replay.url}/api/sessions/${sessionId}/debrief.json`)).json() as object;
      for (const node of [b, c]) {
        const res = await fetch(`${node.url}/api/sessions/${sessionId}/debrief.json`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(expected);
      }
    } finally {
      await replay.close();
    }
  }, 60_000);

  it('refuses with "try again" while Redis is down, and resumes once it is back', async () => {
    const [b, c] = nodes as [Node, Node];
    const host = await open(b);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 4, seed: 9 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const player = await open(c);
    await ok(player, 'player:join', { code: created.code, name: 'Cy', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(player, 'team:chat', { clientActionId: 'before', text: 'before the outage' });

    await redis.stop('SIGKILL');
    const stoppedAt = Date.now();
    const refusals: string[] = [];
    const falseAcks: string[] = [];
    let n = 0;
    // Until two refusals show the node noticed (at most 10 s): waiting for that, not a fixed time.
    while (Date.now() - stoppedAt < 10_000 && refusals.length < 2) {
      const id = `during-${n++}`;
      const ack = await call(player, 'team:chat', { clientActionId: id, text: 'while Redis is down' }, 8000);
      if (ack.ok) falseAcks.push(id);
      else refusals.push(ack.error);
      await sleep(1100); // under the seat's chat limit (1/s), so every refusal is Redis's
    }
    const health = await (await fetch(`${b.url}/healthz`)).json() as { cluster: ClusterHealth };
    expect(health.cluster.redisLatencyMs).toBeNull();
    await redis.restart();

    // Every refusal says to try again; whatever was acknowledged (only before Redis noticed it was gone) is in the log.
    expect(refusals.length).toBeGreaterThan(0);
    for (const r of refusals) expect(r).toMatch(/cannot reach its storage.*try again|could not save this; please try again/);
    const after = await untilAcked(player, 'team:chat', { clientActionId: 'after', text: 'Redis is back' }, [], 15_000);
    expect(after.ok).toBe(true);
    const { log, store, client } = await readLog(created.sessionId);
    await store.close();
    await client.quit();
    const inLog = new Set(log.flatMap((e) => (e.type === 'chat' ? [e.payload.clientActionId] : [])));
    for (const id of ['before', 'after', ...falseAcks]) expect(inLog.has(id), id).toBe(true);
    const resync = await ok<{ snapshot: TeamSnapshot }>(player, 'session:resync', {});
    expect(resync.snapshot.clock.status).toBe('running');
  }, 60_000);
});
