/**
 * Test support: a node process that owns one session (lease + fenced RedisStore), so a test can
 * pause it for real (SIGSTOP) and see what it does when it wakes. Env: REDIS_URL, SESSION_ID,
 * TTL_MS. Prints `ready <token>`, then `lost <sessionId>` when told so; each line `append <seq>`
 * on stdin appends an entry and prints `flushed <seq>` or `refused <seq> <reason>`.
 */
import { createInterface } from 'node:readline';
import { connectRedis } from '../../storage/redis-client.ts';
import { RedisStore } from '../../storage/redis-store.ts';
import { SessionLeases } from '../session-lease.ts';

const sessionId = process.env.SESSION_ID ?? 's1';
const redis = await connectRedis(process.env.REDIS_URL ?? '', { log: () => {} });
const leases = new SessionLeases(redis, `holder-${process.pid}`, { ttlMs: Number(process.env.TTL_MS ?? 1000) });
const store = await RedisStore.open(redis, { leases });
leases.onLost((id) => console.log(`lost ${id}`));

const grant = await leases.acquire(sessionId);
if (!grant) throw new Error(`session ${sessionId} is held by another node`);
store.create({ id: sessionId, code: 'HOLDER', scenarioId: 'toy-config-push', seed: 1, speed: 1, teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 0 });
await store.flush(sessionId);
console.log(`ready ${grant.token}`);

for await (const line of createInterface({ input: process.stdin })) {
  const seq = Number(/^append (\d+)$/.exec(line.trim())?.[1]);
  if (!seq) continue;
  store.append(sessionId, [{ seq, at: 36000, wall: Date.now(), type: 'command', payload: { teamId: 't1', playerId: 'p1', clientActionId: `c${seq}`, command: { type: 'act', action: 'restart_api', params: {} }, entry: seq } }]);
  await store.flush(sessionId).then(() => console.log(`flushed ${seq}`), (err: Error) => console.log(`refused ${seq} ${err.message}`));
}
