/**
 * Cluster mode for one node (REDIS_URL set): the Redis connections, the session store in Redis,
 * the session leases, the socket.io Redis streams adapter (a delta for a room reaches its sockets
 * on every node), forwarding between nodes, and the watcher that takes over sessions whose owner
 * died. See docs/scaling.md.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { connectRedis, REDIS_CALL_TIMEOUT_MS, withTimeout, type Redis } from '../storage/redis-client.ts';
import { RedisStore } from '../storage/redis-store.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { hasEnded } from '../sessions/session-registry.ts';
import type { ClusterMode, ClusterPlugin } from '../transport/create-server.ts';
import { rooms, type AppServer } from '../transport/socket-outbox.ts';
import { ClusterGateway } from './cluster-gateway.ts';
import { NodeRpc, type NodeAnswer, type NodeRequest } from './node-rpc.ts';
import { SessionLeases } from './session-lease.ts';
import { SessionOwnership } from './session-ownership.ts';

export interface ClusterOptions {
  redisUrl: string;
  /** Unique per process (NODE_ID); default host name, pid and a random suffix. */
  nodeId?: string;
  /** Lease time to live (LEASE_TTL_MS, default 5000): how long a dead owner keeps its sessions. */
  leaseTtlMs?: number;
  log?: (message: string) => void;
}

export interface ClusterNode {
  nodeId: string;
  store: RedisStore;
  plugin: ClusterPlugin;
  /** After the server closed (its store flushed): the Redis connections. */
  close(): Promise<void>;
}

/** How often a node looks for sessions its sockets watch that nobody owns, and gives back ended ones. */
export const WATCH_EVERY_MS = 1_000;

const sessionOfRoom = /^s:([A-Za-z0-9_-]+)$/;

export async function startClusterNode(options: ClusterOptions): Promise<ClusterNode> {
  const log = options.log ?? ((m: string) => console.error(m));
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redis = await connectRedis(options.redisUrl, { log });
  // The adapter gets its own connection WITH an offline queue: its stream reader retries at once on
  // an error, and its XADDs wait out a Redis blip instead of being dropped (the stream keeps them).
  const adapterRedis: Redis = createClient({ url: options.redisUrl, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) } });
  adapterRedis.on('error', () => { /* reported once by the main connection */ });
  await adapterRedis.connect();
  const leases = new SessionLeases(redis, nodeId, { ttlMs: options.leaseTtlMs });
  const store = await RedisStore.open(redis, { leases });

  let gateway: ClusterGateway | null = null;
  let ownership: SessionOwnership | null = null;
  const serve = (request: NodeRequest): Promise<NodeAnswer> => gateway ? gateway.serve(request) : Promise.resolve({ kind: 'not-owner' });
  const rpc = await NodeRpc.start(redis, nodeId, serve, log);
  let watcher: NodeJS.Timeout | null = null;

  const plugin: ClusterPlugin = {
    reserve: (sessionId, code) => {
      if (!ownership) throw new Error('cluster mode is not attached yet');
      return ownership.reserve(sessionId, code);
    },
    attach({ io, service }): ClusterMode {
      io.adapter(createAdapter(adapterRedis));
      const owns = new SessionOwnership({ leases, store, service, log, adopted: (id) => recountPresence(io, service, id) });
      ownership = owns;
      gateway = new ClusterGateway({ service, store, ownership: owns, rpc: () => rpc, log });
      let watching = false;
      watcher = setInterval(() => {
        if (watching) return;
        watching = true;
        void watch(io, owns).finally(() => { watching = false; });
      }, WATCH_EVERY_MS);
      watcher.unref();
      return {
        gateway,
        health: () => health(owns),
        prepareSession: (sessionId) => prepareForDebrief(owns, store, service, sessionId),
        async close() {
          if (watcher) clearInterval(watcher);
          owns.clear();
          await rpc.close();
          await leases.close();
        },
      };
    },
  };

  async function health(owns: SessionOwnership): Promise<object> {
    const started = performance.now();
    let redisLatencyMs: number | null = null;
    let redisError: string | null = null;
    try {
      await withTimeout(REDIS_CALL_TIMEOUT_MS, redis.ping());
      redisLatencyMs = Math.round((performance.now() - started) * 100) / 100;
    } catch (err) {
      redisError = err instanceof Error ? err.message : String(err);
    }
    return {
      nodeId, ownedSessions: owns.owned(), leaseRenewals: leases.renewals, leaseTtlMs: leases.ttlMs,
      takeovers: owns.takeovers, redisLatencyMs, ...(redisError ? { redisError } : {}),
    };
  }

  return {
    nodeId, store, plugin,
    async close() {
      if (watcher) clearInterval(watcher);
      await Promise.all([redis.quit().catch(() => {}), adapterRedis.quit().catch(() => {})]);
    },
  };
}

/**
 * Sessions with sockets on this node but no owner (the owner died, or Redis was down) are taken
 * over here, so their clock resumes without waiting for someone to act; ended ones are given back.
 */
async function watch(io: AppServer, ownership: SessionOwnership): Promise<void> {
  for (const room of io.of('/').adapter.rooms.keys()) {
    const sessionId = sessionOfRoom.exec(room)?.[1];
    if (sessionId === undefined || ownership.servesHere(sessionId)) continue;
    await ownership.place(sessionId).catch(() => { /* Redis down: next round */ });
  }
  await ownership.sweep();
}

/** After a takeover, count who is connected to the session on every node (presence lives with the owner). */
function recountPresence(io: AppServer, service: SessionService, sessionId: string): void {
  io.in(rooms.session(sessionId)).fetchSockets().then((sockets) => {
    for (const socket of sockets) {
      if (socket.data.sessionId === sessionId && socket.data.playerId) service.connected(sessionId, socket.data.playerId, 1);
    }
  }, () => { /* a node is gone mid-failover: presence fills in as people reconnect */ });
}

/** The debrief routes read locally: a session nobody serves here is loaded from Redis if it has ended. */
async function prepareForDebrief(ownership: SessionOwnership, store: RedisStore, service: SessionService, sessionId: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId) || ownership.servesHere(sessionId)) return;
  // The host's preview of a running session is served by its owner: take it over if nobody has it.
  const placement = await ownership.place(sessionId);
  if (placement.at !== 'node') return;
  // Its owner has not given it back yet: an ended session is read-only, so a copy here is safe;
  // a running one is not (only its owner serves the host's preview).
  const stored = await store.load(sessionId);
  if (!stored) return;
  if (!hasEnded(stored) || !service.adopt(sessionId)) store.unload(sessionId);
}
