/**
 * A real owner process frozen (SIGSTOP) past its lease: another node takes the session over;
 * when the frozen one wakes, it is told it lost the lease and its write is refused, not applied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { redisKeys } from '../storage/redis-keys.ts';
import { RedisStore } from '../storage/redis-store.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import { SessionLeases } from './session-lease.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: RedisTestServer;
let redis: Redis;
let holder: ChildProcess | null = null;
let leases: SessionLeases | null = null;

beforeAll(async () => {
  server = await RedisTestServer.start();
  redis = await connectRedis(server.url, { log: () => {} });
});
afterAll(async () => {
  holder?.kill('SIGKILL');
  await leases?.close();
  await redis.close();
  await server.remove();
});

/** The holder's stdout, line by line, and a way to wait for a line. */
function lines(child: ChildProcess): (pattern: RegExp) => Promise<string> {
  let out = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line !== undefined) { waiting.splice(waiting.indexOf(w), 1); w.resolve(line); }
    }
  };
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); check(); });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return (pattern) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in:\n${out}\nstderr:\n${err}`)), 15_000);
    waiting.push({ pattern, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    check();
  });
}

it('a frozen owner wakes to find its lease lost and its write refused; the new owner\'s log is untouched', async () => {
  holder = spawn(process.execPath, ['--import', 'tsx', 'server/cluster/test-fixtures/lease-holder.ts'], {
    cwd: ROOT, env: { ...process.env, REDIS_URL: server.url, SESSION_ID: 's1', TTL_MS: '600' }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  const line = lines(holder);
  const firstToken = Number((await line(/^ready \d+/)).split(' ')[1]);
  holder.stdin!.write('append 1\n');
  await line(/^flushed 1$/);

  holder.kill('SIGSTOP');
  holder.stdin!.write('append 2\n'); // waits in the pipe until it wakes
  await new Promise((r) => setTimeout(r, 1_000)); // past the 600 ms ttl
  leases = new SessionLeases(redis, 'node-b', { ttlMs: 5_000 });
  const taken = await leases.acquire('s1');
  expect(taken?.token).toBeGreaterThan(firstToken);
  const store = await RedisStore.open(redis, { leases });
  expect((await store.load('s1'))?.log.map((e) => e.seq)).toEqual([1]);

  holder.kill('SIGCONT');
  expect(await line(/^lost /)).toBe('lost s1');
  expect(await line(/^refused 2 /)).toMatch(/no longer owns session s1/);
  expect(await redis.lLen(redisKeys.log('s1'))).toBe(1);
  expect(await leases.owner('s1')).toEqual({ nodeId: 'node-b', token: taken!.token });
});
