import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compactOldSpaceWhenFragmented, fragmented } from './old-space-compaction.ts';

describe('old-space compaction', () => {
  it('calls an old space fragmented only past the ratio', () => {
    expect(fragmented({ size: 114, used: 100 }, 1.15)).toBe(false);
    expect(fragmented({ size: 116, used: 100 }, 1.15)).toBe(true);
    expect(fragmented({ size: 0, used: 0 }, 1.15)).toBe(false);
  });

  it('asks for a compacting GC after a full GC that left the old space fragmented', async () => {
    // Fragment the old space: many objects promoted, then every other one dropped.
    const kept: { n: number; pad: string }[][] = [];
    for (let i = 0; i < 200; i++) kept.push(Array.from({ length: 1000 }, (_, n) => ({ n, pad: `x${n}` })));
    v8.setFlagsFromString('--expose-gc');
    const gc = (await import('node:vm')).runInNewContext('gc') as () => void;
    gc();
    for (let i = 0; i < kept.length; i += 2) kept[i] = [];
    // Any ratio above 1 is met right after a full GC that freed half the objects in place.
    const policy = compactOldSpaceWhenFragmented(1.01);
    try {
      gc();
      await new Promise((r) => setTimeout(r, 50));
      expect(policy.requested).toBeGreaterThan(0);
    } finally {
      policy.stop();
    }
    expect(kept.length).toBe(200);
  });
});
