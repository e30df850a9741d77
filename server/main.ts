/**
 * The server process: scenarios, the data file, HTTP + socket.io on one port.
 * Env: PORT (3000), HOST (0.0.0.0), DATA_FILE (./data/db.json), SCENARIO_DIR (./scenarios),
 * PUBLIC_URL (optional base for join links, e.g. https://tabletop.example.org; otherwise a host
 * on localhost gets links on this machine's first network address),
 * TRUST_PROXY (proxy hops in front whose X-Forwarded-For is believed; unset: none),
 * RETAIN_DAYS (30: ended sessions' files are deleted that long after the end),
 * MAX_OPEN_SESSIONS (500) and MAX_OPEN_SESSIONS_PER_ADDRESS (10),
 * CREATE_BURST (3) and CREATE_PER_MINUTE (6): sessions and branches one address may create at once,
 * then per minute (raised only where many clients share one address on purpose, e.g. the e2e servers),
 * DATA_FSYNC (on; "off" skips fsync: for benchmarks and tmpfs only, acknowledgements then survive a
 * process crash but not a power loss), OVERLOAD_LOOP_MS (200) and OVERLOAD_DISK_MS (1000): how far
 * behind the event loop and the journal's writes may run before new sessions and joins are refused.
 * GC_COMPACT (on; "off" keeps V8's own rules): compact the old generation when it is fragmented.
 * Storage: DATA_FILE is the index of ended sessions; the journal and the ended sessions' files sit
 * beside it (server/storage/journal-store.ts).
 * Cluster mode (docs/scaling.md): REDIS_URL (e.g. redis://10.0.0.5:6379) makes this process one of N
 * identical nodes sharing sessions through Redis instead of DATA_FILE; NODE_ID (default: host, pid
 * and a random suffix) and LEASE_TTL_MS (5000: how long a dead node keeps its sessions).
 */
import path from 'node:path';
import { compactOldSpaceWhenFragmented } from './runtime/old-space-compaction.ts';
import { DEFAULT_SCENARIO_DIR, loadScenarios } from './scenario-registry/load-scenarios.ts';
import { JournalStore } from './storage/journal-store.ts';
import { MemoryStore } from './storage/memory-store.ts';
import { parseTrustProxy } from './transport/client-address.ts';
import { DEFAULT_RETAIN_DAYS, startServer } from './transport/create-server.ts';
import { DEFAULT_SESSION_CAPS } from './sessions/session-lobby.ts';
import { DEFAULT_LOAD_LIMITS } from './sessions/load-shedding.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './transport/rate-limit.ts';
import { networkBaseUrls } from './transport/public-urls.ts';
import type { ClusterNode } from './cluster/cluster-node.ts';
import type { SessionStore } from './storage/session-store.ts';

// Memory that follows the sessions held, not the hours run (server/runtime/old-space-compaction.ts).
if (process.env.GC_COMPACT !== 'off') compactOldSpaceWhenFragmented();

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const dataFile = path.resolve(process.env.DATA_FILE ?? './data/db.json');
const scenarioDir = path.resolve(process.env.SCENARIO_DIR ?? DEFAULT_SCENARIO_DIR);
const publicUrl = process.env.PUBLIC_URL?.replace(/\/+$/, '') || undefined;
const trustProxyHops = parseTrustProxy(process.env.TRUST_PROXY);
const retainDays = positiveNumber('RETAIN_DAYS', DEFAULT_RETAIN_DAYS);
const loadLimits = {
  eventLoopLagMs: positiveNumber('OVERLOAD_LOOP_MS', DEFAULT_LOAD_LIMITS.eventLoopLagMs),
  storageLagMs: positiveNumber('OVERLOAD_DISK_MS', DEFAULT_LOAD_LIMITS.storageLagMs),
};
const caps = {
  maxOpenSessions: positiveNumber('MAX_OPEN_SESSIONS', DEFAULT_SESSION_CAPS.maxOpenSessions),
  maxOpenSessionsPerAddress: positiveNumber('MAX_OPEN_SESSIONS_PER_ADDRESS', DEFAULT_SESSION_CAPS.maxOpenSessionsPerAddress),
};
const defaultCreate = DEFAULT_RATE_LIMITS.perAddress.create;
const rateLimits: RateLimits = {
  ...DEFAULT_RATE_LIMITS,
  perAddress: {
    ...DEFAULT_RATE_LIMITS.perAddress,
    create: {
      capacity: positiveNumber('CREATE_BURST', defaultCreate.capacity),
      perSecond: positiveNumber('CREATE_PER_MINUTE', defaultCreate.perSecond * 60) / 60,
    },
  },
};

const catalog = await loadScenarios(scenarioDir);
for (const r of catalog.refused) {
  for (const p of r.problems) console.error(`scenario refused: ${p.file}${p.field ? ` (${p.field})` : ''}: ${p.message}`);
}
const redisUrl = process.env.REDIS_URL || undefined;
// Loaded only in cluster mode: one process never loads the Redis client or the adapter.
const cluster: ClusterNode | undefined = redisUrl
  ? await (await import('./cluster/cluster-node.ts')).startClusterNode({ redisUrl, nodeId: process.env.NODE_ID || undefined, leaseTtlMs: process.env.LEASE_TTL_MS ? positiveNumber('LEASE_TTL_MS', 5000) : undefined })
  : undefined;
// DATA_FILE=:memory: runs without persistence (demos, benchmarks isolating storage).
const store: SessionStore = cluster ? cluster.store
  : process.env.DATA_FILE === ':memory:' ? new MemoryStore() : await JournalStore.open(dataFile, { fsync: process.env.DATA_FSYNC !== 'off', log: (m) => console.error(m) });
if (store instanceof MemoryStore) console.error('storage: DATA_FILE=:memory: nothing will survive a restart');
for (const p of store.problems) console.error(`storage: ${p.message}`);

const server = await startServer({ catalog, store, port, host, publicUrl, trustProxyHops, retainDays, caps, loadLimits, rateLimits, cluster: cluster?.plugin });
for (const p of server.service.restoreProblems) console.error(`restore: ${p}`);

const stats = server.service.stats();
const where = cluster && redisUrl ? `cluster node ${cluster.nodeId}, sessions in Redis at ${new URL(redisUrl).host}` : `${stats.sessions} session(s) restored (${stats.running} running), data in ${store instanceof MemoryStore ? 'memory' : dataFile}`;
console.log(`Incident Tabletop: ${catalog.scenarios.size} scenario(s) [${[...catalog.scenarios.keys()].join(', ')}], ${where}`);
console.log('Open one of:');
for (const url of urls(host, server.port)) console.log(`  ${url}`);
if (!publicUrl && networkBaseUrls(host, server.port).length === 0) console.log(`Only this machine can open it (HOST=${host}); use HOST=0.0.0.0 or PUBLIC_URL so phones can join.`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: saving and stopping`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await server.close();
  await cluster?.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

// The same network addresses join links use when the host opened localhost (public-urls.ts).
function urls(bindHost: string, listenPort: number): string[] {
  if (bindHost !== '0.0.0.0' && bindHost !== '::') return [`http://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${listenPort}`];
  return [`http://localhost:${listenPort}`, ...networkBaseUrls(bindHost, listenPort)];
}

function positiveNumber(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return n;
}
