/**
 * Session ownership in a cluster: a lease per session in Redis.
 *   lease:{id}        = "<nodeId>:<token>", set with SET NX PX (only when nobody holds it), renewed
 *   lease-token:{id}  = the fencing token, INCR on every acquisition, so it only ever grows
 * The owner renews every `renewMs` (a Lua script renews only if the value is still its own).
 * When a renewal finds someone else's value, or Redis has not confirmed the lease for so long
 * that it may have expired before the next renewal, the lease counts as lost and onLost
 * listeners are told at once: stop serving that session. Writes of a session carry the token
 * and Redis refuses them once the token has moved on (see RedisStore), so even an owner that
 * was paused and has not noticed yet cannot write over its successor.
 */
import { RedisScript, withTimeout, REDIS_CALL_TIMEOUT_MS, type Redis } from '../storage/redis-client.ts';
import { redisKeys } from '../storage/redis-keys.ts';

export interface LeaseGrant {
  sessionId: string;
  nodeId: string;
  /** Fencing token, strictly increasing per session. */
  token: number;
}

export interface SessionLeaseOptions {
  /** How long a lease lives without renewal (default 5000 ms): the failover bound. */
  ttlMs?: number;
  /** How often the owner renews (default ttl / 3). */
  renewMs?: number;
}

// SET NX PX with the next token; INCR only when the SET won, so tokens are dense and only grow.
const ACQUIRE = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if current then return 'held:' .. current end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'NX', 'PX', ARGV[2])
return 'ok:' .. token
`);

const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`);

const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`);

interface Held extends LeaseGrant {
  /** Until when Redis has confirmed it (the time the confirming call was sent + ttl). */
  validUntil: number;
}

const valueOf = (grant: LeaseGrant): string => `${grant.nodeId}:${grant.token}`;

function parseValue(value: string): { nodeId: string; token: number } | null {
  const colon = value.lastIndexOf(':');
  const token = Number(value.slice(colon + 1));
  return colon > 0 && Number.isSafeInteger(token) ? { nodeId: value.slice(0, colon), token } : null;
}

export class SessionLeases {
  readonly ttlMs: number;
  readonly renewMs: number;
  private readonly held = new Map<string, Held>();
  private readonly lostListeners: ((sessionId: string) => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> | null = null;
  private closed = false;
  private renewed = 0;

  constructor(private readonly redis: Redis, readonly nodeId: string, options: SessionLeaseOptions = {}) {
    if (nodeId.length === 0) throw new Error('a node id must not be empty');
    this.ttlMs = options.ttlMs ?? 5_000;
    this.renewMs = options.renewMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    this.timer = setInterval(() => { void this.renew(); }, this.renewMs);
    this.timer.unref();
  }

  /** Successful lease renewals since start (for /healthz). */
  get renewals(): number {
    return this.renewed;
  }

  /** Take the session's lease; null when another node holds it. Rejects (StorageUnavailableError) when Redis is unreachable. */
  async acquire(sessionId: string): Promise<LeaseGrant | null> {
    if (this.closed) throw new Error('the session leases are closed');
    const mine = this.held.get(sessionId);
    if (mine) return this.grantOf(mine);
    const sentAt = Date.now();
    const reply = String(await ACQUIRE.run(this.redis, [redisKeys.lease(sessionId), redisKeys.leaseToken(sessionId)], [this.nodeId, String(this.ttlMs)]));
    if (!reply.startsWith('ok:')) return null;
    const held: Held = { sessionId, nodeId: this.nodeId, token: Number(reply.slice(3)), validUntil: sentAt + this.ttlMs };
    this.held.set(sessionId, held);
    return this.grantOf(held);
  }

  /** Who holds the session's lease now (null: nobody; it may be taken). */
  async owner(sessionId: string): Promise<{ nodeId: string; token: number } | null> {
    const value = await withTimeout(REDIS_CALL_TIMEOUT_MS, this.redis.get(redisKeys.lease(sessionId)));
    return value === null ? null : parseValue(String(value));
  }

  /** This node's grant for the session, if it holds one (the token its writes carry). */
  grant(sessionId: string): LeaseGrant | undefined {
    const held = this.held.get(sessionId);
    return held ? this.grantOf(held) : undefined;
  }

  /** Give the session up now (e.g. it ended, or this node shuts down), so another node need not wait for expiry. */
  async release(sessionId: string): Promise<void> {
    const held = this.held.get(sessionId);
    if (!held) return;
    this.held.delete(sessionId);
    await RELEASE.run(this.redis, [redisKeys.lease(sessionId)], [valueOf(held)]);
  }

  owned(): LeaseGrant[] {
    return [...this.held.values()].map((h) => this.grantOf(h));
  }

  /** Told when a lease is lost (not when released): stop serving that session at once. */
  onLost(listener: (sessionId: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** One renewal pass over every held lease (the timer runs it every renewMs; callable for a prompt check). */
  renew(): Promise<void> {
    this.renewing ??= this.renewAll().finally(() => { this.renewing = null; });
    return this.renewing;
  }

  /** Stop renewing and release every lease this node holds (best effort: unreleased ones expire). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.renewing;
    await Promise.all([...this.held.keys()].map((id) => this.release(id).catch(() => {})));
  }

  private async renewAll(): Promise<void> {
    await Promise.all([...this.held.values()].map((held) => this.renewOne(held)));
  }

  private async renewOne(held: Held): Promise<void> {
    const sentAt = Date.now();
    let stillOurs: boolean;
    try {
      stillOurs = Number(await RENEW.run(this.redis, [redisKeys.lease(held.sessionId)], [valueOf(held), String(this.ttlMs)])) === 1;
    } catch {
      // Unconfirmed (Redis unreachable): keep it only while it cannot expire before the next renewal.
      if (Date.now() + this.renewMs < held.validUntil) return;
      stillOurs = false;
    }
    if (this.held.get(held.sessionId) !== held) return; // released (or re-acquired) meanwhile
    if (stillOurs) {
      held.validUntil = sentAt + this.ttlMs;
      this.renewed++;
      return;
    }
    this.held.delete(held.sessionId);
    for (const listener of this.lostListeners) listener(held.sessionId);
  }

  private grantOf(held: Held): LeaseGrant {
    return { sessionId: held.sessionId, nodeId: held.nodeId, token: held.token };
  }
}
