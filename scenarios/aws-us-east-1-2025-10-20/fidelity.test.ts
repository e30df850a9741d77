/**
 * Fidelity: the real responders' plan (fact sheet §1, §4), replayed in realistic mode by three
 * responders, reproduces every published time of the contract within ±5 sim minutes on seeds 1–50,
 * and the diagnosis step at 07:38 is correct and supported by the findings it cites.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, formatClock, runPlan, type Scenario } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import { loadAws, run } from './test-helpers.ts';

let aws: Scenario<AwsState>;
beforeAll(async () => { aws = await loadAws(); });

/** The contract (PRODUCT.md, third round): marker id → real time, UTC on 20 October 2025. */
const CONTRACT: Record<string, string> = {
  impact_start: '06:48', dns_restored: '09:25', dynamodb_recovered: '09:40', leases_restored: '12:28', nlb_errors_start: '12:30',
  nlb_recovered: '16:36', propagation_normal: '17:36', ec2_normal: '20:50', all_resolved: '21:20',
};
const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);

describe('reference replay, seeds 1–50', () => {
  it('declares the contract markers with their published times', () => {
    for (const [id, real] of Object.entries(CONTRACT)) expect(aws.data.markers.find((m) => m.id === id)?.real, id).toBe(real);
  });

  it('hits every contract marker within ±5 minutes, and the supported, correct diagnosis at 07:38 ±5', () => {
    for (const seed of SEEDS) {
      const { at, world } = run(aws, aws.data.referencePlan, seed);
      for (const [id, real] of Object.entries(CONTRACT)) {
        expect(at[id], `seed ${seed} ${id} never`).not.toBeNull();
        expect(Math.abs(at[id]! - clock(real)) / 60, `seed ${seed} ${id} at ${formatClock(at[id]!)}, real ${real}`).toBeLessThanOrEqual(5);
      }
      const diagnosis = world.diagnoses.find((d) => d.correct && d.supported);
      expect(diagnosis, `seed ${seed}: no correct supported diagnosis`).toBeDefined();
      expect(Math.abs(diagnosis!.at - clock('07:38')) / 60).toBeLessThanOrEqual(5);
    }
  });

  it('fits three responders as on the day: nothing refused, nothing waits for a free responder', () => {
    const result = runPlan(aws, aws.data.defaultSeed, aws.data.referencePlan);
    expect(result.refused).toEqual([]);
    expect(result.waited).toEqual([]);
    expect(new Set(result.world.investigations.map((i) => i.by))).toEqual(new Set(['r1', 'r2', 'r3']));
  });

  it('`npm run simulate -- aws-us-east-1-2025-10-20 --replay reference --json` prints the same markers', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['server/cli/simulate.ts', 'aws-us-east-1-2025-10-20', '--replay', 'reference', '--json', '--seed', '7'], { cwd: root, encoding: 'utf8' });
    const printed = JSON.parse(out) as { scenario: string; seed: number; markers: Record<string, string | null> };
    const { at } = run(aws, aws.data.referencePlan, 7);
    expect(printed.scenario).toBe('aws-us-east-1-2025-10-20');
    expect(printed.seed).toBe(7);
    for (const id of Object.keys(CONTRACT)) expect(printed.markers[id], id).toBe(formatClock(at[id]!));
  }, 60_000);
});
