/** Leases against a real redis-server on a free port. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import { SessionLeases } from './session-lease.ts';

let server: RedisTestServer;
let redis: Redis;
const open: SessionLeases[] = [];
const leases = (nodeId: string, ttlMs = 300, renewMs?: number) => {
  const l = new SessionLeases(redis, nodeId, { ttlMs, renewMs });
  open.push(l);
  return l;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await RedisTestServer.start();
  redis = await connectRedis(server.url, { log: () => {} });
});
afterAll(async () => {
  for (const l of open) await l.close().catch(() => {});
  await redis.close();
  await server.remove();
});

describe('SessionLeases', () => {
  it('one node at a time: the second is refused and told who holds it', async () => {
    const a = leases('node-a');
    const b = leases('node-b');
    const grant = await a.acquire('s-excl');
    expect(grant).toEqual({ sessionId: 's-excl', nodeId: 'node-a', token: 1 });
    expect(await b.acquire('s-excl')).toBeNull();
    expect(await b.owner('s-excl')).toEqual({ nodeId: 'node-a', token: 1 });
    expect(await a.acquire('s-excl')).toEqual(grant); // already ours: the same grant
    expect(a.owned()).toEqual([grant]);
    expect(b.owned()).toEqual([]);
  });

  it('renewal keeps it well past its ttl, and counts', async () => {
    const a = leases('node-a', 200);
    const b = leases('node-b', 200);
    const lost: string[] = [];
    a.onLost((id) => lost.push(id));
    await a.acquire('s-renew');
    await sleep(700);
    expect(await b.acquire('s-renew')).toBeNull();
    expect(lost).toEqual([]);
    expect(a.renewals).toBeGreaterThanOrEqual(3);
  });

  it('when the owner stops renewing, the lease expires and another node takes it with a higher token; the stale owner is told it lost it', async () => {
    // renewMs far beyond the ttl: a paused process, as far as Redis can tell.
    const stale = leases('node-a', 200, 60_000);
    const b = leases('node-b', 200);
    const lost: string[] = [];
    stale.onLost((id) => lost.push(id));
    const first = await stale.acquire('s-fail');
    expect(await b.acquire('s-fail')).toBeNull();
    await sleep(300);
    const second = await b.acquire('s-fail');
    expect(second?.token).toBeGreaterThan(first!.token);
    expect(lost).toEqual([]);
    await stale.renew(); // the paused owner wakes up
    expect(lost).toEqual(['s-fail']);
    expect(stale.owned()).toEqual([]);
    expect(stale.grant('s-fail')).toBeUndefined();
    expect(await stale.owner('s-fail')).toEqual({ nodeId: 'node-b', token: second!.token });
  });

  it('release hands it over at once (without onLost), and only the holder can release', async () => {
    const a = leases('node-a', 10_000);
    const b = leases('node-b', 10_000);
    const lost: string[] = [];
    a.onLost((id) => lost.push(id));
    const first = await a.acquire('s-release');
    await b.release('s-release'); // not b's: nothing happens
    expect(await b.acquire('s-release')).toBeNull();
    await a.release('s-release');
    expect(await a.owner('s-release')).toBeNull();
    expect((await b.acquire('s-release'))?.token).toBe(first!.token + 1);
    expect(lost).toEqual([]);
  });

  it('close releases every lease it holds', async () => {
    const a = new SessionLeases(redis, 'node-a', { ttlMs: 10_000 });
    await a.acquire('s-close-1');
    await a.acquire('s-close-2');
    await a.close();
    expect(await leases('node-b').owner('s-close-1')).toBeNull();
    expect(await leases('node-b').owner('s-close-2')).toBeNull();
    await expect(a.acquire('s-close-3')).rejects.toThrow(/closed/);
  });
});
