import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario-registry/load-scenarios.ts';
import { formatSeedSpread, parseSeedRange, seedSpread } from './seed-spread.ts';
import { describeRun } from './run-report.ts';

describe('simulate --seeds', () => {
  it('parses a range and refuses anything else', () => {
    expect(parseSeedRange('1-50')).toEqual([1, 50]);
    expect(parseSeedRange('7-7')).toEqual([7, 7]);
    expect(parseSeedRange('50-1')).toBeNull();
    expect(parseSeedRange('1..50')).toBeNull();
    expect(parseSeedRange('1-')).toBeNull();
  });

  it('gives each marker its reach and spread, and each milestone its points, over the seeds', async () => {
    const loaded = await loadScenario(path.join(import.meta.dirname, '../../scenarios/cloudflare-2025-12-05'));
    if (!loaded.ok) throw new Error('scenario invalid');
    const { data } = loaded.scenario;
    const spread = seedSpread(loaded.scenario, [1, 3], (seed) => describeRun(loaded.scenario, seed, data.referencePlan, 'reference'));
    expect(spread.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(spread.markers.impact_start).toEqual({ reached: 3, min: '08:47', max: '08:47' });
    expect(spread.milestones.remediation).toEqual({ min: 100, max: 100 });
    const idle = seedSpread(loaded.scenario, [1, 3], (seed) => describeRun(loaded.scenario, seed, [], 'no action'));
    expect(idle.markers.impact_end).toEqual({ reached: 0, min: null, max: null });
    expect(formatSeedSpread(idle)).toMatch(/impact_end\s+0\/3\s+–\s+–/);
  });
});
