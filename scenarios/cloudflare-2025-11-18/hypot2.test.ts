import { describe, expect, it } from 'vitest';
import { Rng } from '../../server/engine/index.ts';
import { hypot2 } from './hypot2.ts';

describe('hypot2', () => {
  it('gives exactly what Math.hypot gives for two values, edge cases included', () => {
    const edges = [0, -0, 5e-324, 1e-310, 1e-160, 0.02, 0.05, 0.06, 0.08, 0.1, 1, 3, 1e154, 1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN, -2.5];
    for (const a of edges) for (const b of edges) expect(Object.is(hypot2(a, b), Math.hypot(a, b)), `${a}, ${b}`).toBe(true);
    // The noise spreads signals.ts asks for (a scaled failure share against a floor), and arbitrary pairs.
    const rng = new Rng(7);
    let differing = 0;
    for (let i = 0; i < 200_000; i++) {
      const share = rng.next() * 3;
      const floor = [0.02, 0.05, 0.06, 0.08, 0.1][i % 5]!;
      const a = rng.range(-1e6, 1e6) * rng.next() ** 8;
      const b = rng.next() * 10 ** rng.int(12);
      if (!Object.is(hypot2(share, floor), Math.hypot(share, floor)) || !Object.is(hypot2(a, b), Math.hypot(a, b))) differing++;
    }
    expect(differing).toBe(0);
  });
});
