/**
 * What only the Redis store has: another node reads what one node wrote, fencing of a deposed
 * owner, exactly-once appends on retry, and Redis outages (down, hung) against a real redis-server.
 * The common behaviour is in session-store.contract.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionLeases } from '../cluster/session-lease.ts';
import { connectRedis, type Redis } from './redis-client.ts';
import { redisKeys } from './redis-keys.ts';
import { FencedWriteError, RedisStore, StorageConflictError, StorageUnavailableError } from './redis-store.ts';
import { RedisTestServer } from './redis-test-server.ts';
import type { LogEntry, SessionSettings } from './session-record.ts';

const settings = (id: string, code = 'K7QX2M'): SessionSettings => ({
  id, code, scenarioId: 'toy-config-push', seed: 7, speed: 10,
  teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 1,
});
const act = (seq: number, action = 'restart_api'): LogEntry => ({
  seq, at: 36010, wall: seq, type: 'command',
  payload: { teamId: 't1', playerId: 'p1', clientActionId: `c${seq}`, command: { type: 'act', action, params: {} }, entry: seq },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry until it resolves (or give up after `ms`). */
async function eventually<T>(fn: () => Promise<T>, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(100);
    }
  }
}

let server: RedisTestServer;
let redis: Redis;
const clients: Redis[] = [];
const stores: RedisStore[] = [];
const leaseSets: SessionLeases[] = [];

/** A second connection: another node. */
async function node(): Promise<Redis> {
  const client = await connectRedis(server.url, { log: () => {} });
  clients.push(client);
  return client;
}
async function openStore(client: Redis, options: Parameters<typeof RedisStore.open>[1] = {}): Promise<RedisStore> {
  const store = await RedisStore.open(client, { retryMs: 100, timeoutMs: 500, ...options });
  stores.push(store);
  return store;
}
function leases(client: Redis, nodeId: string, ttlMs: number, renewMs?: number): SessionLeases {
  const l = new SessionLeases(client, nodeId, { ttlMs, renewMs });
  leaseSets.push(l);
  return l;
}

beforeAll(async () => {
  server = await RedisTestServer.start();
  redis = await connectRedis(server.url, { log: () => {} });
});
beforeEach(async () => {
  await redis.flushDb();
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => {});
  for (const l of leaseSets.splice(0)) await l.close().catch(() => {});
});
afterAll(async () => {
  for (const c of [redis, ...clients]) await c.close().catch(() => {});
  await server.remove();
});

describe('RedisStore', () => {
  it('what one node flushed, another reads: load, the join-code index, preload at open; remove deletes it all', async () => {
    const a = await openStore(redis);
    a.create(settings('s1', 'AAAAAA'));
    a.append('s1', [act(1), act(2)]);
    a.setCheckpoint('s1', { simTime: 36100, wall: 5 });
    await a.flush('s1');

    const b = await openStore(await node(), { leases: leases(redis, 'node-b', 5_000) });
    expect(b.list()).toEqual([]); // a cluster node loads only what it takes
    expect(await b.findByCode('AAAAAA')).toBe('s1');
    expect(await b.findByCode('ZZZZZZ')).toBeUndefined();
    expect(await b.sessionIds()).toEqual(['s1']);
    expect(await b.load('s1')).toEqual(a.get('s1'));
    expect(b.get('s1')).toEqual(a.get('s1'));
    expect(await b.load('ghost')).toBeUndefined();
    b.unload('s1');
    expect(b.get('s1')).toBeUndefined();

    const reopened = await openStore(redis); // without leases: everything, as a restart
    expect(reopened.list()).toEqual(a.list());

    await a.remove('s1');
    expect(a.get('s1')).toBeUndefined();
    expect(await a.findByCode('AAAAAA')).toBeUndefined();
    expect(await redis.keys('session*')).toEqual([]);
  });

  it('diskBytes is the size of Redis\'s append-only file; a Redis without one is reported as a storage problem', async () => {
    const store = await openStore(redis);
    expect(store.problems).toEqual([]);
    store.create(settings('s1'));
    store.append('s1', [act(1)]);
    await store.flush();
    expect(await store.diskBytes()).toBeGreaterThan(100);
    await redis.configSet('appendonly', 'no');
    try {
      const unsafe = await openStore(redis);
      expect(unsafe.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Redis runs without its append-only file \(AOF\): acknowledged writes are lost/)]);
      expect(await unsafe.diskBytes()).toBeNull();
    } finally {
      await redis.configSet('appendonly', 'yes');
    }
  });

  it('a deposed owner\'s writes are refused, never applied; the new owner writes on', async () => {
    const clientB = await node();
    const leasesA = leases(redis, 'node-a', 200, 60_000); // renews too late: a paused process
    const leasesB = leases(clientB, 'node-b', 5_000);
    const a = await openStore(redis, { leases: leasesA });
    const b = await openStore(clientB, { leases: leasesB });

    await leasesA.acquire('s1');
    a.create(settings('s1'));
    a.append('s1', [act(1)]);
    await a.flush('s1');

    await sleep(300); // A's lease expires; B takes the session over and rebuilds it from Redis
    expect(await leasesB.acquire('s1')).not.toBeNull();
    expect((await b.load('s1'))?.log).toHaveLength(1);

    a.append('s1', [act(2, 'stale')]); // A has not noticed yet
    const refused = a.flush('s1');
    await expect(refused).rejects.toBeInstanceOf(FencedWriteError);
    await expect(refused).rejects.toThrow(/no longer owns session s1/);
    await expect(a.flush('s1')).rejects.toThrow(/no longer owns/); // and it stays refused

    b.append('s1', [act(2, 'fresh')]);
    await b.flush('s1');
    const stored = await redis.lRange(redisKeys.log('s1'), 0, -1);
    expect(stored.map((e) => (JSON.parse(String(e)) as LogEntry).payload)).toMatchObject([{ command: { action: 'restart_api' } }, { command: { action: 'fresh' } }]);
  });

  it('a deposed owner cannot remove the session; changes made while not owning it are never written, even after taking it again', async () => {
    const clientB = await node();
    const leasesA = leases(redis, 'node-a', 200, 60_000);
    const leasesB = leases(clientB, 'node-b', 200, 60_000);
    const a = await openStore(redis, { leases: leasesA });
    const b = await openStore(clientB, { leases: leasesB });
    await leasesA.acquire('s1');
    a.create(settings('s1'));
    await a.flush('s1');
    await sleep(300);
    await leasesB.acquire('s1');
    await expect(a.remove('s1')).rejects.toThrow(/no longer owns session s1/);
    expect(await b.load('s1')).toBeDefined();

    b.append('s1', [act(1)]);
    await b.flush('s1');
    await sleep(300); // B's lease lapses unrenewed (nobody else takes it)
    await leasesB.renew();
    b.append('s1', [act(2, 'while not owning it')]);
    expect(await leasesB.acquire('s1')).not.toBeNull(); // B takes it again, with a new token
    await expect(b.flush('s1')).rejects.toThrow(/no longer owns session s1/);
    expect((await b.load('s1'))?.log).toHaveLength(1);
    b.append('s1', [act(2)]);
    await b.flush('s1');
    expect(await redis.lLen(redisKeys.log('s1'))).toBe(2);
  });

  it('an ended session nobody holds may be removed by any node serving it; not while a node holds its lease, nor when Redis has more of its log', async () => {
    const leasesA = leases(redis, 'node-a', 5_000);
    const a = await openStore(redis, { leases: leasesA });
    await leasesA.acquire('s1');
    a.create(settings('s1', 'AAAAAA'));
    a.append('s1', [act(1)]);
    await a.flush('s1');

    const clientB = await node();
    const b = await openStore(clientB, { leases: leases(clientB, 'node-b', 5_000) });
    await b.load('s1');
    await expect(b.remove('s1')).rejects.toThrow(/no longer owns session s1 \(node node-a holds its lease\)/);
    expect(await redis.exists(redisKeys.settings('s1'))).toBe(1);

    await b.load('s1');
    a.append('s1', [act(2)]);
    await a.flush('s1');
    await leasesA.release('s1'); // ended: the owner gives the lease back
    await expect(b.remove('s1')).rejects.toBeInstanceOf(StorageConflictError); // b's copy has 1 entry, Redis 2

    await b.load('s1');
    await b.remove('s1');
    expect(await redis.keys('session*')).toEqual([]);
    expect(await b.findByCode('AAAAAA')).toBeUndefined();
    expect(await b.sessionIds()).toEqual([]);
    await a.remove('s1'); // already gone: nothing to do
  });

  it('with leases, a session this node holds no lease for is not written', async () => {
    const store = await openStore(redis, { leases: leases(redis, 'node-a', 5_000) });
    store.create(settings('s1'));
    await expect(store.flush('s1')).rejects.toThrow(/no longer owns session s1 \(it holds no lease for it\)/);
    expect(await redis.exists(redisKeys.settings('s1'))).toBe(0);
  });

  it('a batch sent again appends nothing twice; a different entry at a stored seq is a conflict', async () => {
    const a = await openStore(redis);
    a.create(settings('s1'));
    a.append('s1', [act(1), act(2), act(3)]);
    await a.flush('s1');
    // A second writer with the same history (a retry after a lost answer looks exactly like this).
    const again = await openStore(await node(), { preload: false });
    again.create(settings('s1'));
    again.append('s1', [act(1), act(2), act(3), act(4), act(5)]);
    await again.flush('s1');
    expect((await redis.lRange(redisKeys.log('s1'), 0, -1)).map((e) => (JSON.parse(String(e)) as LogEntry).seq)).toEqual([1, 2, 3, 4, 5]);

    const other = await openStore(await node(), { preload: false });
    other.create(settings('s1'));
    other.append('s1', [act(1, 'different')]);
    await expect(other.flush('s1')).rejects.toBeInstanceOf(StorageConflictError);
  });

  it('a join code or a session id another session holds is refused at flush', async () => {
    const store = await openStore(redis);
    store.create(settings('s1', 'SAMEEE'));
    await store.flush();
    const other = await openStore(await node(), { preload: false });
    other.create(settings('s2', 'SAMEEE'));
    await expect(other.flush('s2')).rejects.toThrow(/join code SAMEEE is already used by another session/);
    expect(await store.findByCode('SAMEEE')).toBe('s1');
    const sameId = await openStore(await node(), { preload: false });
    sameId.create({ ...settings('s1', 'SAMEEE'), seed: 8 });
    await expect(sameId.flush('s1')).rejects.toThrow(/another session with id s1 is already stored/);
  });
});

describe('RedisStore when Redis goes away', () => {
  it('Redis down: flush fails at once with "storage unavailable, try again"; every write lands once it is back, and what was acknowledged survived a crash', async () => {
    const store = await openStore(redis);
    store.create(settings('s1'));
    store.append('s1', [act(1)]);
    await store.flush('s1'); // acknowledged: on disk (appendfsync always)

    await server.stop('SIGKILL'); // a crash, not a clean shutdown
    store.append('s1', [act(2)]);
    const started = Date.now();
    const refused = store.flush('s1');
    await expect(refused).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(refused).rejects.toThrow(/storage unavailable .*try again/);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.get('s1')?.log).toHaveLength(2); // the in-memory copy goes on
    store.append('s1', [act(3)]);
    await expect(store.flush()).rejects.toThrow(/storage unavailable/);

    await server.restart();
    await eventually(() => store.flush('s1')); // the pending writes are retried, in order
    const reader = await openStore(await node());
    expect(reader.get('s1')?.log.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('Redis hung: flush fails after the call timeout; when it answers again, the retried batch lands exactly once', async () => {
    const store = await openStore(redis, { timeoutMs: 300 });
    store.create(settings('s1'));
    await store.flush();
    server.pause();
    try {
      store.append('s1', [act(1), act(2)]);
      await expect(store.flush('s1')).rejects.toThrow(/storage unavailable \(Redis: no answer within 300 ms\)/);
      await sleep(400); // the retry is sent too; Redis will see the same batch twice
    } finally {
      server.resume();
    }
    await eventually(() => store.flush('s1'));
    store.append('s1', [act(3)]);
    await store.flush('s1');
    expect((await redis.lRange(redisKeys.log('s1'), 0, -1)).map((e) => (JSON.parse(String(e)) as LogEntry).seq)).toEqual([1, 2, 3]);
  });
});
