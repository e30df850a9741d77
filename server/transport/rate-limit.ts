/**
 * Rate limits, keyed on the client address (every kind) and on the seat (a player, or a session's
 * host) across all its sockets: opening more sockets buys nothing. Token buckets: `capacity`
 * requests at once, refilled at `perSecond`.
 */
export interface RateLimit {
  capacity: number;
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly limit: RateLimit, private readonly now: () => number = Date.now) {
    this.tokens = limit.capacity;
    this.last = now();
  }

  /** Milliseconds until a request would be allowed (0: now). */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
  }

  take(): boolean {
    if (this.wait() > 0) return false;
    this.tokens -= 1;
    return true;
  }

  /** Give back a token taken for a request that turned out not to count. */
  refund(): void {
    this.tokens = Math.min(this.limit.capacity, this.tokens + 1);
  }

  /** Full again: forgetting this bucket changes nothing. */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.limit.capacity;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((t - this.last) / 1000) * this.limit.perSecond);
    this.last = t;
  }
}

const SWEEP_MIN_TAKES = 1024;

/**
 * One bucket per key, bounded: beyond `maxKeys`, full buckets go first, then the least recently used.
 * Full buckets are also swept as it goes, once per as many takes as the last sweep kept buckets
 * (at least 1,024), so amortised O(1): a full bucket is the same as none, and without the sweep
 * the map would grow with every address and seat the server has ever seen, that is with its
 * uptime, up to `maxKeys`.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private takesSinceSweep = 0;
  private keptBySweep = 0;

  constructor(private readonly limit: RateLimit, private readonly now: () => number = Date.now, private readonly maxKeys = 50_000) {}

  /** How many keys have a bucket (those that are not full, and some full ones not yet swept). */
  get size(): number {
    return this.buckets.size;
  }

  wait(key: string): number {
    return this.buckets.get(key)?.wait() ?? 0;
  }

  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new TokenBucket(this.limit, this.now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.evict();
    else if (++this.takesSinceSweep >= Math.max(SWEEP_MIN_TAKES, this.keptBySweep)) this.sweep();
    return bucket.take();
  }

  refund(key: string): void {
    this.buckets.get(key)?.refund();
  }

  private sweep(): void {
    this.takesSinceSweep = 0;
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
    this.keptBySweep = this.buckets.size;
  }

  private evict(): void {
    this.sweep();
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

export type AddressKind = 'command' | 'chat' | 'create' | 'other' | 'joinFailure' | 'replay';
export type SeatKind = 'command' | 'chat' | 'other';
export type LimitKind = Exclude<AddressKind, 'joinFailure' | 'replay'>;

export interface RateLimits {
  /** Per client address: generous, since a training room often shares one address (NAT). */
  perAddress: Record<AddressKind, RateLimit>;
  /** Per seat (a player, or a session's host), across all its sockets: what one person does. */
  perSeat: Record<SeatKind, RateLimit>;
}

/** Generous for people, tight for scripts: a team clicks a few times a second at most. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perAddress: {
    command: { capacity: 200, perSecond: 50 },
    chat: { capacity: 100, perSecond: 20 },
    create: { capacity: 3, perSecond: 0.1 },
    other: { capacity: 300, perSecond: 60 },
    // Wrong join codes: 10 a minute. At that pace the ~10⁹ codes take millennia to walk.
    joinFailure: { capacity: 10, perSecond: 10 / 60 },
    // A replay costs ~30 ms of CPU; the debrief scrubber asks at most ~8 a second while it moves.
    replay: { capacity: 60, perSecond: 10 },
  },
  perSeat: {
    command: { capacity: 10, perSecond: 2 },
    chat: { capacity: 8, perSecond: 1 },
    other: { capacity: 30, perSecond: 5 },
  },
};

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export const tooManyFromSeat = (ms: number): string => `too many requests from your seat; slow down and try again in ${seconds(ms)} s`;
export const tooManyFromAddress = (ms: number): string => `too many requests from your network address; try again in ${seconds(ms)} s`;
export const tooManyCreated = (ms: number): string => `too many sessions created from your network address; try again in ${seconds(ms)} s`;
export const tooManyWrongCodes = (ms: number): string => `too many wrong join codes from your network address; try again in ${seconds(ms)} s`;

/** One set of keyed buckets per kind. */
export const keyedBuckets = <K extends string>(set: Record<K, RateLimit>, now: () => number): Record<K, KeyedBuckets> =>
  Object.fromEntries(Object.entries<RateLimit>(set).map(([k, l]) => [k, new KeyedBuckets(l, now)])) as Record<K, KeyedBuckets>;

/** The seat bucket a request counts against too (creating sessions and replays count per address only). */
export const seatKindOf = (kind: LimitKind | 'replay', seat: string | null): SeatKind | null =>
  seat !== null && kind !== 'create' && kind !== 'replay' ? kind : null;

/**
 * What the socket handlers and HTTP routes ask before doing work. RateLimiter answers from this
 * process's memory; RedisRateLimiter (redis-rate-limit.ts) from buckets shared by a cluster's nodes.
 * The answer is the refusal (with the wait) when over a limit, null when allowed.
 */
export interface RequestLimiter {
  readonly limits: RateLimits;
  take(kind: LimitKind | 'replay', address: string, seat?: string | null): string | null | Promise<string | null>;
  /** Count a join-code (or seat token, or host secret) lookup as a guess, before making it. */
  codeGuess(address: string): string | null | Promise<string | null>;
  /** The lookup matched: it was no wrong guess. */
  rightCode(address: string): void;
}

/** All the buckets of one server; the socket handlers and the HTTP routes share it. */
export class RateLimiter implements RequestLimiter {
  private readonly byAddress: Record<AddressKind, KeyedBuckets>;
  private readonly bySeat: Record<SeatKind, KeyedBuckets>;

  constructor(readonly limits: RateLimits = DEFAULT_RATE_LIMITS, now: () => number = Date.now) {
    this.byAddress = keyedBuckets(limits.perAddress, now);
    this.bySeat = keyedBuckets(limits.perSeat, now);
  }

  /** Count one request; the refusal (with the wait) when over a limit, null when allowed. */
  take(kind: LimitKind | 'replay', address: string, seat: string | null = null): string | null {
    const seatKind = seatKindOf(kind, seat);
    // Check both before taking from either, so a refused request costs nothing.
    const seatWait = seatKind ? this.bySeat[seatKind].wait(seat!) : 0;
    if (seatWait > 0) return tooManyFromSeat(seatWait);
    const addressWait = this.byAddress[kind].wait(address);
    if (addressWait > 0) return kind === 'create' ? tooManyCreated(addressWait) : tooManyFromAddress(addressWait);
    this.byAddress[kind].take(address);
    if (seatKind) this.bySeat[seatKind].take(seat!);
    return null;
  }

  /**
   * Before looking a join code up, every lookup counts as a guess (so concurrent guesses cannot all
   * slip through before the first answer); the refusal while this address has guessed wrong too often.
   */
  codeGuess(address: string): string | null {
    const wait = this.byAddress.joinFailure.wait(address);
    if (wait > 0) return tooManyWrongCodes(wait);
    this.byAddress.joinFailure.take(address);
    return null;
  }

  /** The code (or seat token, or host secret) matched: that lookup was no wrong guess. */
  rightCode(address: string): void {
    this.byAddress.joinFailure.refund(address);
  }
}
