/**
 * Seeded pseudo-random generator (mulberry32). Its whole state is one uint32 that lives
 * in the world, so every draw is replayable: same seed + same commands = same world.
 */
export type RngState = number;

export function seedRng(seed: number): RngState {
  // Mix the seed so that nearby seeds (1, 2, 3…) give unrelated streams.
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return h;
}

/** A generator over a private copy of the state; `state` is read back into the world afterwards. */
export class Rng {
  constructor(public state: RngState) {}

  /** Uniform in [0, 1). */
  next(): number {
    let a = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    a = Math.imul(a ^ (a >>> 15), a | 1);
    a ^= a + Math.imul(a ^ (a >>> 7), a | 61);
    return ((a ^ (a >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Approximately normal (Irwin–Hall, 4 draws): cheap and bounded, good enough for telemetry noise. */
  normal(mean = 0, sd = 1): number {
    const s = this.next() + this.next() + this.next() + this.next();
    return mean + sd * (s - 2) * Math.sqrt(3);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
}
