import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { randomPlan } from '../bench/output-pins.ts';
import { runPlan, type PlanStep, type Sample, type Scenario } from './index.ts';
import { MarkerScan, scanMarkers } from './marker-scan.ts';

let scenarios: Scenario[];
beforeAll(async () => { scenarios = [...(await loadScenarios()).scenarios.values()]; });

/** A fix undone after the reference plan (18 Nov: feature-file generation resumed at 15:30). */
const relapsing = (scenario: Scenario): PlanStep[] => (scenario.data.id === 'cloudflare-2025-11-18'
  ? [...scenario.data.referencePlan, { at: '15:30', action: 'resume_feature_generation', params: {} }]
  : scenario.data.referencePlan);

/** Every run's samples: the reference plan, nobody acting, a random plan, and (18 Nov) a relapse. */
function runsOf(scenario: Scenario): Sample[][] {
  const { data } = scenario;
  return [data.defaultSeed].flatMap((seed) => [
    runPlan(scenario, seed, data.referencePlan).world.samples,
    runPlan(scenario, seed, []).world.samples,
    runPlan(scenario, seed, randomPlan(scenario, seed), { mode: 'guided' }).world.samples,
    runPlan(scenario, seed, relapsing(scenario), { mode: 'guided' }).world.samples,
  ]);
}

describe('incremental marker scan', () => {
  it('gives, after every few new samples, what one scan of all the samples so far gives (markers, relapses, open rules)', () => {
    for (const scenario of scenarios) {
      for (const samples of runsOf(scenario)) {
        const live = new MarkerScan(scenario.data);
        let decided = 0;
        for (let n = 1, k = 0; n <= samples.length; n += 1 + (k++ % 17)) {
          const prefix = samples.slice(0, n);
          const found = live.update(prefix);
          expect(found, `${scenario.data.id} after ${n} samples`).toEqual(scanMarkers(scenario.data, prefix));
          decided = Object.values(found.markers).filter((m) => m !== null).length;
        }
        expect(live.update(samples)).toEqual(scanMarkers(scenario.data, samples));
        expect(decided).toBeGreaterThan(0);
      }
    }
  });

  it('starts over when handed samples that do not extend the last ones (a rewound or another world)', () => {
    for (const scenario of scenarios) {
      const [reference, idle] = runsOf(scenario) as [Sample[], Sample[]];
      const live = new MarkerScan(scenario.data);
      live.update(reference);
      const shorter = reference.slice(0, Math.floor(reference.length / 3));
      expect(live.update(shorter)).toEqual(scanMarkers(scenario.data, shorter));
      expect(live.update(idle)).toEqual(scanMarkers(scenario.data, idle));
      expect(live.update(reference)).toEqual(scanMarkers(scenario.data, reference));
    }
  });

  it('reports a recovery that relapsed, as the rules ask, on a run where one does', () => {
    const cf = scenarios.find((s) => s.data.id === 'cloudflare-2025-11-18')!;
    const withRelapse = runsOf(cf).map((samples) => scanMarkers(cf.data, samples)).find((f) => f.relapses.length > 0);
    expect(withRelapse?.relapses[0]).toMatchObject({ marker: expect.any(String), recoveredAt: expect.any(Number), relapsedAt: expect.any(Number) });
  });
});
