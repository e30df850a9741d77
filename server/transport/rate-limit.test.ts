import { describe, expect, it } from 'vitest';
import { KeyedBuckets } from './rate-limit.ts';

describe('keyed rate-limit buckets', () => {
  it('forget the keys whose buckets are full again, so they do not grow with every client ever seen', () => {
    let now = 0;
    const buckets = new KeyedBuckets({ capacity: 3, perSecond: 1 }, () => now);
    // A day's worth of clients, each seen once: 10,000 keys, a minute apart in tokens refilled.
    for (let i = 0; i < 10_000; i++) {
      expect(buckets.take(`client-${i}`)).toBe(true);
      now += 60;
    }
    // Only the clients of the last few seconds can still be short of tokens.
    expect(buckets.size).toBeLessThanOrEqual(2048);
  });

  it('keep the bucket of a client that is still short of tokens', () => {
    let now = 0;
    const buckets = new KeyedBuckets({ capacity: 2, perSecond: 0.001 }, () => now);
    expect(buckets.take('busy')).toBe(true);
    expect(buckets.take('busy')).toBe(true);
    for (let i = 0; i < 5_000; i++) { buckets.take(`other-${i}`); now += 1; }
    // Swept several times meanwhile, its bucket is still empty: refused.
    expect(buckets.take('busy')).toBe(false);
    expect(buckets.wait('busy')).toBeGreaterThan(0);
  });
});
