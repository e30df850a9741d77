/**
 * Rate limits shared by a cluster's nodes: the per-address buckets (and so the join-code guess
 * throttle) live in Redis, so a script spreading its requests over every node behind the load
 * balancer gets no more than it would from one. Same token buckets as RateLimiter (capacity,
 * refill per second), run in one Lua script per request on Redis's own clock (nodes' clocks
 * may differ); a bucket's key expires once it would be full again, so idle addresses cost nothing.
 *
 * Per-seat buckets stay in this node's memory: a seat's sockets are normally on one node, and a
 * seat is already limited by its address. When Redis cannot be reached in time, the address
 * buckets fall back to this node's memory: limits still hold per node, requests are not refused
 * for want of Redis.
 */
import { RedisScript, type Redis } from '../storage/redis-client.ts';
import { redisKeys } from '../storage/redis-keys.ts';
import {
  DEFAULT_RATE_LIMITS, keyedBuckets, seatKindOf, tooManyCreated, tooManyFromAddress, tooManyFromSeat, tooManyWrongCodes,
  type AddressKind, type KeyedBuckets, type LimitKind, type RateLimits, type RequestLimiter, type SeatKind,
} from './rate-limit.ts';

// KEYS: the bucket. ARGV: capacity, per second, 'take' | 'refund'. Returns the wait in ms (0: taken / refunded).
const BUCKET = new RedisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(stored[1]) or capacity
local last = tonumber(stored[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - last) / 1000 * rate)
if ARGV[3] == 'refund' then
  tokens = math.min(capacity, tokens + 1)
elseif tokens < 1 then
  return math.ceil((1 - tokens) / rate * 1000)
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return 0
`);

export interface RedisRateLimiterOptions {
  /** How long to wait for Redis before deciding on this node's own buckets (default 250 ms). */
  timeoutMs?: number;
  now?: () => number;
}

export class RedisRateLimiter implements RequestLimiter {
  private readonly bySeat: Record<SeatKind, KeyedBuckets>;
  /** Used only while Redis cannot be reached. */
  private readonly localByAddress: Record<AddressKind, KeyedBuckets>;
  private readonly timeoutMs: number;

  constructor(private readonly redis: Redis, readonly limits: RateLimits = DEFAULT_RATE_LIMITS, options: RedisRateLimiterOptions = {}) {
    const now = options.now ?? Date.now;
    this.bySeat = keyedBuckets(limits.perSeat, now);
    this.localByAddress = keyedBuckets(limits.perAddress, now);
    this.timeoutMs = options.timeoutMs ?? 250;
  }

  async take(kind: LimitKind | 'replay', address: string, seat: string | null = null): Promise<string | null> {
    const seatKind = seatKindOf(kind, seat);
    // The seat first, so a refused request takes nothing from the shared address bucket.
    const seatWait = seatKind ? this.bySeat[seatKind].wait(seat!) : 0;
    if (seatWait > 0) return tooManyFromSeat(seatWait);
    const addressWait = await this.takeShared(kind, address);
    if (addressWait > 0) return kind === 'create' ? tooManyCreated(addressWait) : tooManyFromAddress(addressWait);
    if (seatKind) this.bySeat[seatKind].take(seat!);
    return null;
  }

  async codeGuess(address: string): Promise<string | null> {
    const wait = await this.takeShared('joinFailure', address);
    return wait > 0 ? tooManyWrongCodes(wait) : null;
  }

  /** Callers need not wait for it (the interface returns nothing); tests do. */
  async rightCode(address: string): Promise<void> {
    const limit = this.limits.perAddress.joinFailure;
    await BUCKET.run(this.redis, [redisKeys.rateBucket('joinFailure', address)], [String(limit.capacity), String(limit.perSecond), 'refund'], this.timeoutMs)
      .catch(() => this.localByAddress.joinFailure.refund(address));
  }

  /** Take one token from the address's shared bucket; the wait in ms when there is none (0: taken). */
  private async takeShared(kind: AddressKind, address: string): Promise<number> {
    const limit = this.limits.perAddress[kind];
    try {
      return Number(await BUCKET.run(this.redis, [redisKeys.rateBucket(kind, address)], [String(limit.capacity), String(limit.perSecond), 'take'], this.timeoutMs));
    } catch {
      const local = this.localByAddress[kind];
      const wait = local.wait(address);
      if (wait === 0) local.take(address);
      return wait;
    }
  }
}
