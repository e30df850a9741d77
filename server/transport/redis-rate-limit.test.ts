/** Two limiters (two nodes) on one real redis-server share the per-address limits. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.ts';
import { RedisRateLimiter } from './redis-rate-limit.ts';

// Tight, and refilling too slowly to matter during a test.
const slow = { capacity: 3, perSecond: 0.001 };
const limits: RateLimits = {
  perAddress: { ...DEFAULT_RATE_LIMITS.perAddress, command: slow, create: slow, joinFailure: { capacity: 2, perSecond: 0.001 } },
  perSeat: { ...DEFAULT_RATE_LIMITS.perSeat, command: { capacity: 1, perSecond: 0.001 } },
};

let server: RedisTestServer;
let redisA: Redis;
let redisB: Redis;
let nodeA: RedisRateLimiter;
let nodeB: RedisRateLimiter;

beforeAll(async () => {
  server = await RedisTestServer.start();
  redisA = await connectRedis(server.url, { log: () => {} });
  redisB = await connectRedis(server.url, { log: () => {} });
});
beforeEach(async () => {
  await redisA.flushDb();
  nodeA = new RedisRateLimiter(redisA, limits);
  nodeB = new RedisRateLimiter(redisB, limits);
});
afterAll(async () => {
  await redisA.close();
  await redisB.close();
  await server.remove();
});

describe('RedisRateLimiter', () => {
  it('one address spreading requests over two nodes gets the capacity once, not per node', async () => {
    expect(await nodeA.take('create', '203.0.113.9')).toBeNull();
    expect(await nodeB.take('create', '203.0.113.9')).toBeNull();
    expect(await nodeA.take('create', '203.0.113.9')).toBeNull();
    expect(await nodeB.take('create', '203.0.113.9')).toMatch(/^too many sessions created from your network address; try again in \d+ s$/);
    expect(await nodeA.take('create', '203.0.113.9')).toMatch(/^too many sessions created/);
    expect(await nodeB.take('create', '198.51.100.1')).toBeNull(); // another address has its own bucket
    expect(await nodeA.take('command', '203.0.113.9')).toBeNull(); // and another kind too
  });

  it('wrong join-code guesses count across nodes; a right code is refunded everywhere', async () => {
    expect(await nodeA.codeGuess('203.0.113.9')).toBeNull();
    await nodeA.rightCode('203.0.113.9');
    expect(await nodeB.codeGuess('203.0.113.9')).toBeNull();
    expect(await nodeA.codeGuess('203.0.113.9')).toBeNull();
    expect(await nodeB.codeGuess('203.0.113.9')).toMatch(/^too many wrong join codes from your network address; try again in \d+ s$/);
    expect(await nodeA.codeGuess('203.0.113.9')).toMatch(/^too many wrong join codes/);
  });

  it('a request refused for its seat takes nothing from the shared address bucket', async () => {
    expect(await nodeA.take('command', '203.0.113.9', 's1/p1')).toBeNull();
    for (let i = 0; i < 5; i++) expect(await nodeA.take('command', '203.0.113.9', 's1/p1')).toMatch(/^too many requests from your seat/);
    expect(await nodeB.take('command', '203.0.113.9', 's1/p2')).toBeNull();
    expect(await nodeB.take('command', '203.0.113.9', 's1/p3')).toBeNull();
    expect(await nodeB.take('command', '203.0.113.9', 's1/p4')).toMatch(/^too many requests from your network address/);
  });

  it('without Redis, each node limits on its own instead of refusing everything', async () => {
    const offline = new RedisRateLimiter(redisA, limits, { timeoutMs: 100 });
    await server.stop();
    try {
      for (let i = 0; i < 3; i++) expect(await offline.take('create', '203.0.113.9')).toBeNull();
      expect(await offline.take('create', '203.0.113.9')).toMatch(/^too many sessions created/);
    } finally {
      await server.restart();
    }
    // Back: the shared buckets answer again (the clients reconnect on their own).
    for (let i = 0; ; i++) {
      if ((await redisA.ping().catch(() => null)) === 'PONG' && (await redisB.ping().catch(() => null)) === 'PONG') break;
      if (i > 80) throw new Error('redis clients did not reconnect');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await nodeA.take('create', '192.0.2.7')).toBeNull();
    expect(await redisA.exists('rate:create:192.0.2.7')).toBe(1);
  });
});
