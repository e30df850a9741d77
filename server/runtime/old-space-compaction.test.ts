import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compactOldSpaceWhenFragmented, fragmented, oldSpaceCompactionStats } from './old-space-compaction.ts';

/** A full GC, through V8's extension (exposed at run time: vitest starts workers without it). */
async function fullGc(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  ((await import('node:vm')).runInNewContext('gc') as () => void)();
}

/** Promotes many objects to the old space, then drops every other batch: holes on every page. */
async function fragmentOldSpace(): Promise<unknown[]> {
  const kept: { n: number; pad: string }[][] = [];
  for (let i = 0; i < 200; i++) kept.push(Array.from({ length: 1000 }, (_, n) => ({ n, pad: `x${i}.${n}` })));
  await fullGc();
  for (let i = 0; i < kept.length; i += 2) kept[i] = [];
  return kept;
}

/** Runs a full GC under the policy and gives what the policy did after it. */
async function afterFullGc(ratio: number, maxPauseMs?: number) {
  const kept = await fragmentOldSpace();
  const policy = compactOldSpaceWhenFragmented(ratio, maxPauseMs);
  try {
    await fullGc();
    await new Promise((r) => setTimeout(r, 50)); // GC entries reach observers asynchronously
    return { stats: policy.stats(), reported: oldSpaceCompactionStats(), kept: kept.length };
  } finally {
    policy.stop();
  }
}

describe('old-space compaction', () => {
  it('calls an old space fragmented only past the ratio', () => {
    expect(fragmented({ size: 114, used: 100 }, 1.15)).toBe(false);
    expect(fragmented({ size: 116, used: 100 }, 1.15)).toBe(true);
    expect(fragmented({ size: 0, used: 0 }, 1.15)).toBe(false);
  });

  it('asks for a compacting GC after a full GC that left the old space fragmented, and reports it', async () => {
    // Any ratio above 1 is met right after a full GC that freed half the objects in place.
    const { stats, reported, kept } = await afterFullGc(1.01);
    expect(stats.requested).toBeGreaterThan(0);
    expect(reported).toEqual(stats);
    expect(oldSpaceCompactionStats()).toBeNull(); // stopped
    expect(kept).toBe(200);
  });

  it('does not ask for a compaction whose pause would be too long', async () => {
    // A pause budget under what any live heap costs at the first estimate (1.5 ms per MB).
    const { stats } = await afterFullGc(1.01, 0.001);
    expect(stats.requested).toBe(0);
    expect(stats.skippedForPause).toBeGreaterThan(0);
  });
});
