import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, type Scenario } from '../../server/engine/index.ts';
import type { CfState } from './model-state.ts';
import { loadCloudflare, run, series } from './test-helpers.ts';

let cf: Scenario<CfState>;
beforeAll(async () => { cf = await loadCloudflare(); });

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('reference replay (real responders, default seed)', () => {
  it('npm run simulate --replay reference --json puts every marker within ±2 minutes of its real time', async () => {
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['server/cli/simulate.ts', 'cloudflare-2025-11-18', '--replay', 'reference', '--json'],
      { cwd: ROOT },
    );
    const report = JSON.parse(stdout) as { scenario: string; seed: number; markers: Record<string, string | null>; realMarkers: Record<string, string>; refused: unknown[] };
    expect(report.scenario).toBe('cloudflare-2025-11-18');
    expect(report.seed).toBe(cf.data.defaultSeed);
    expect(report.refused).toEqual([]);
    const withReal = cf.data.markers.filter((m) => m.real);
    expect(withReal.length).toBe(10);
    for (const rule of withReal) {
      const sim = report.markers[rule.id];
      expect(sim, rule.id).not.toBeNull();
      expect(Math.abs(clock(sim!) - clock(rule.real!)) / 60, `${rule.id}: ${sim} vs ${rule.real}`).toBeLessThanOrEqual(2);
    }
    const m = report.markers;
    expect(clock(m.impact_start!)).toBeGreaterThanOrEqual(clock('11:20'));
    expect(clock(m.impact_start!)).toBeLessThanOrEqual(clock('11:28'));
    expect(clock(m.stabilized_failing!)).toBeLessThan(clock('13:05'));
  });

  it('oscillates: at least one recovery period between 12:00 and 12:30, then stays failing until the fix', () => {
    const { world, at } = run(cf, cf.data.referencePlan);
    const noon = series(world, 'http_5xx_global', '12:00', '12:30');
    // A good-file window: several consecutive minutes at baseline.
    let longest = 0;
    let current = 0;
    for (const v of noon) { current = v < 1 ? current + 1 : 0; longest = Math.max(longest, current); }
    expect(longest).toBeGreaterThanOrEqual(6); // 3 minutes of 30-second samples
    expect(Math.max(...noon)).toBeGreaterThan(40);
    const plateau = series(world, 'http_5xx_global', '13:05', '14:25');
    expect(Math.min(...plateau)).toBeGreaterThan(40);
    expect(at.stabilized_failing).toBeLessThan(clock('13:05'));
    // The status page outage is a coincidence: it comes and goes without touching the CDN curve.
    expect(Math.min(...series(world, 'status_page_up', '11:00', '14:00'))).toBe(0);
  });

  it('KV and Access recover at 13:05 while the core 5xx stays high', () => {
    const { world } = run(cf, cf.data.referencePlan);
    expect(Math.max(...series(world, 'kv_error_rate', '13:05', '14:25'))).toBeLessThan(1);
    expect(Math.max(...series(world, 'access_auth_failure_rate', '13:05', '14:25'))).toBeLessThan(2);
    expect(Math.min(...series(world, 'http_5xx_global', '13:05', '14:25'))).toBeGreaterThan(40);
    expect(Math.min(...series(world, 'bot_score_zero_share', '13:05', '14:25'))).toBeGreaterThan(20);
  });

  it('is robust across 20 other seeds: resolves at 14:30±2 and stabilises failing before 13:05', () => {
    for (let seed = 100; seed < 120; seed++) {
      const { at } = run(cf, cf.data.referencePlan, seed);
      expect(at.main_impact_resolved, `seed ${seed}`).not.toBeNull();
      expect(Math.abs(at.main_impact_resolved! - clock('14:30')) / 60, `seed ${seed}`).toBeLessThanOrEqual(2);
      expect(at.stabilized_failing, `seed ${seed}`).not.toBeNull();
      expect(at.stabilized_failing!, `seed ${seed}`).toBeLessThan(clock('13:05'));
      expect(at.impact_start!, `seed ${seed}`).toBeLessThan(clock('12:30'));
      expect(Math.abs(at.kv_recovered! - clock('13:05')) / 60, `seed ${seed}`).toBeLessThanOrEqual(2);
      expect(Math.abs(at.dashboard_backlog_end! - clock('15:30')) / 60, `seed ${seed}`).toBeLessThanOrEqual(3);
    }
  });

  it('the oscillation comes from the rollout: every file is bad once every node has the grant, and good before 11:05', () => {
    const { world } = run(cf, []);
    const m = world.model;
    const full = Math.max(...m.grantAt);
    expect(full).toBeGreaterThanOrEqual(clock('12:35'));
    expect(full).toBeLessThanOrEqual(clock('12:55'));
    for (const f of m.files) {
      if (f.at <= clock('11:05')) expect(f.features).toBe(60);
      if (f.at >= full) expect(f.features).toBeGreaterThan(200);
    }
    const bad = m.files.filter((f) => f.at > clock('11:05') && f.at < full);
    expect(new Set(bad.map((f) => f.features)).size).toBe(2); // some good, some bad
  });
});
