/**
 * `tsx server/bench/redis-store-bench.ts`: what an acknowledgement costs on the Redis store.
 * A fresh redis-server (AOF; appendfsync always, then everysec), `SESSIONS` sessions each
 * appending one command entry and flushing it, `ROUNDS` times, all sessions at once (fenced, as in
 * a cluster). Prints flush latency p50/p99 and the Redis commands per acknowledged append
 * (from INFO commandstats deltas).
 */
import { performance } from 'node:perf_hooks';
import { SessionLeases } from '../cluster/session-lease.ts';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { RedisStore } from '../storage/redis-store.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import type { LogEntry } from '../storage/session-record.ts';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** Commands Redis ran (those inside scripts included) and script calls (round trips), INFO excluded. */
async function commandCalls(redis: Redis): Promise<{ commands: number; scripts: number }> {
  const info = String(await redis.info('commandstats'));
  const counts = { commands: 0, scripts: 0 };
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) {
    if (m[1] === 'info') continue;
    counts.commands += Number(m[2]);
    if (m[1] === 'evalsha' || m[1] === 'eval') counts.scripts += Number(m[2]);
  }
  return counts;
}

async function run(appendfsync: 'always' | 'everysec'): Promise<void> {
  const server = await RedisTestServer.start({ appendfsync });
  const redis = await connectRedis(server.url);
  const leases = new SessionLeases(redis, 'bench', { ttlMs: 60_000 });
  const store = await RedisStore.open(redis, { leases });
  const ids = Array.from({ length: SESSIONS }, (_, i) => `bench-${i}`);
  for (const id of ids) {
    await leases.acquire(id);
    store.create({ id, code: `C${String(id.length * 1000 + ids.indexOf(id)).padStart(5, '0')}`, scenarioId: 'toy-config-push', seed: 1, speed: 1, teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 0 });
  }
  await store.flush();
  const before = await commandCalls(redis);
  const latencies: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await Promise.all(ids.map(async (id) => {
      const entry: LogEntry = { seq: round, at: 36000 + round, wall: Date.now(), type: 'command', payload: { teamId: 't1', playerId: 'p1', clientActionId: `c${round}`, command: { type: 'act', action: 'restart_api', params: {} }, entry: round } };
      const t0 = performance.now();
      store.append(id, [entry]);
      await store.flush(id);
      latencies.push(performance.now() - t0);
    }));
  }
  const after = await commandCalls(redis);
  latencies.sort((a, b) => a - b);
  console.log(`appendfsync ${appendfsync}: ${SESSIONS} sessions × ${ROUNDS} rounds, flush after one append: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms; per acknowledged append ${((after.scripts - before.scripts) / latencies.length).toFixed(2)} script calls, ${((after.commands - before.commands) / latencies.length).toFixed(2)} Redis commands (inside scripts included)`);
  await store.close();
  await leases.close();
  await redis.close();
  await server.remove();
}

await run('always');
await run('everysec');
