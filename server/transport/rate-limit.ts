/** A token bucket: `capacity` requests at once, refilled at `perSecond`. One per socket and kind. */
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

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((t - this.last) / 1000) * this.limit.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type LimitKind = 'command' | 'chat' | 'create' | 'other';
export type RateLimits = Record<LimitKind, RateLimit>;

/** Generous for people, tight for scripts: a team clicks a few times a second at most. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  command: { capacity: 10, perSecond: 2 },
  chat: { capacity: 8, perSecond: 1 },
  create: { capacity: 3, perSecond: 0.1 },
  other: { capacity: 30, perSecond: 5 },
};
