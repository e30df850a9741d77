import { beforeAll, describe, expect, it } from 'vitest';
import { clock, scoreRun, type PlanStep, type Scenario } from '../../server/engine/index.ts';
import type { CfState } from './model-state.ts';
import { loadCloudflare, minutes, runGuided, series, valueAt } from './test-helpers.ts';

let cf: Scenario<CfState>;
beforeAll(async () => { cf = await loadCloudflare(); });

const act = (at: string, action: string, params: Record<string, string> = {}): PlanStep => ({ at, action, params });

describe('counterfactuals: other actions, other plausible outcomes', () => {
  it('doing nothing never resolves, whatever the seed', () => {
    for (const seed of [cf.data.defaultSeed, 1, 2, 3, 4]) {
      const { markers, world } = runGuided(cf, [], seed);
      expect(markers.main_impact_resolved, `seed ${seed}`).toBeNull();
      expect(markers.all_resolved, `seed ${seed}`).toBeNull();
      expect(markers.kv_recovered, `seed ${seed}`).toBeNull();
      expect(Math.min(...series(world, 'http_5xx_global', '13:05', '17:30'))).toBeGreaterThan(40);
    }
  });

  it('stopping generation and pushing the good file at 12:00 resolves the main impact within 15 minutes', () => {
    const { at, markers, world } = runGuided(cf, [act('12:00', 'stop_feature_generation'), act('12:00', 'push_known_good_file')]);
    expect(at.main_impact_resolved).not.toBeNull();
    expect(minutes(at.main_impact_resolved, '12:00')!).toBeLessThanOrEqual(15);
    // Fixed this early, no downstream service had been exposed long enough to wedge: no tail.
    expect(world.model.stuck.some(Boolean)).toBe(false);
    expect(minutes(at.all_resolved, '12:00')!).toBeLessThanOrEqual(20);
    expect(markers.stabilized_failing).toBeNull();
    // Half an hour of impact leaves too little pent-up demand to swamp dashboard logins.
    expect(markers.dashboard_backlog_start).toBeNull();
  });

  it('a good file pushed at 13:30 without stopping generation is replaced by a bad one within 5 minutes', () => {
    const { world, markers } = runGuided(cf, [act('13:30', 'push_known_good_file'), act('13:32', 'restart_core_proxy')]);
    // The forced restart loads the good file: the network recovers…
    expect(valueAt(world, 'http_5xx_global', '13:35')).toBeLessThan(10);
    // …until the next generated file (every node has the grant by now) arrives.
    expect(valueAt(world, 'http_5xx_global', '13:41')).toBeGreaterThan(40);
    expect(markers.main_impact_resolved).toBeNull();
    const pushed = world.model.files.findIndex((f) => f.node < 0);
    expect(world.model.files[pushed]!.features).toBe(60);
    expect(world.model.files[pushed + 1]!.features).toBeGreaterThan(200);
    expect(world.model.files[pushed + 1]!.at - world.model.files[pushed]!.at).toBeLessThanOrEqual(300);
  });

  it('a KV bypass alone relieves KV (and dashboard logins five minutes later) but not the CDN 5xx', () => {
    const { world, at, markers } = runGuided(cf, [act('12:40', 'kv_bypass')]);
    expect(minutes(at.kv_recovered, '12:55')).toBe(0);
    expect(minutes(at.dashboard_login_restored, '13:00')!).toBeGreaterThanOrEqual(0);
    expect(minutes(at.dashboard_login_restored, '13:00')!).toBeLessThanOrEqual(1);
    expect(markers.access_recovered).toBeNull();
    expect(markers.main_impact_resolved).toBeNull();
    expect(Math.min(...series(world, 'http_5xx_global', '13:00', '17:30'))).toBeGreaterThan(40);
    expect(Math.min(...series(world, 'turnstile_failure_rate', '13:00', '17:30'))).toBeLessThan(10);
  });

  it('restarting the core proxy alone does nothing lasting while the file is bad', () => {
    const { world, markers } = runGuided(cf, [act('13:00', 'restart_core_proxy')]);
    const idle = runGuided(cf, []).world;
    expect(markers.main_impact_resolved).toBeNull();
    expect(valueAt(world, 'http_5xx_global', '13:15')).toBeGreaterThan(40);
    // A brief extra blip of resets, CPU and latency while processes come back.
    expect(valueAt(world, 'cpu_utilization', '13:03')).toBeGreaterThan(valueAt(idle, 'cpu_utilization', '13:03'));
    const outcome = world.actions[0]!.outcome!;
    expect(outcome).toMatch(/did not improve/);
  });

  it('DDoS mitigation mode does not touch the errors; it adds challenges, CPU and a penalty', () => {
    const ddos = runGuided(cf, [act('11:50', 'ddos_mitigation_mode')]).world;
    const idle = runGuided(cf, []).world;
    expect(series(ddos, 'http_5xx_global', '11:00', '17:30')).toEqual(series(idle, 'http_5xx_global', '11:00', '17:30'));
    expect(valueAt(ddos, 'challenge_rate', '12:30')).toBeGreaterThan(valueAt(idle, 'challenge_rate', '12:30') + 8);
    expect(valueAt(ddos, 'cpu_utilization', '13:30')).toBeGreaterThan(valueAt(idle, 'cpu_utilization', '13:30') + 3);
    expect(ddos.feed.some((f) => f.title === 'Visitors stuck on challenge pages')).toBe(true);
    const reference = runGuided(cf, cf.data.referencePlan).world;
    const penalty = cf.data.scoring.actionPenalties.find((p) => p.action === 'ddos_mitigation_mode')!.points;
    expect(scoreRun(cf, ddos, reference).total).toBeCloseTo(scoreRun(cf, idle, reference).total - penalty, 5);
  });

  it('KV account limiting trims KV traffic but changes no error rate (as on the day)', () => {
    const limited = runGuided(cf, [act('11:32', 'kv_account_limiting')]).world;
    const idle = runGuided(cf, []).world;
    expect(series(limited, 'kv_error_rate', '11:00', '17:30')).toEqual(series(idle, 'kv_error_rate', '11:00', '17:30'));
    expect(valueAt(limited, 'kv_request_rate', '12:40')).toBeLessThan(valueAt(idle, 'kv_request_rate', '12:40') * 0.93);
  });

  it('rolling back the grant alone eventually stops bad files, once the revert has crossed the cluster', () => {
    const { world, at } = runGuided(cf, [act('13:40', 'rollback_change', { change: 'change_clickhouse_grants' })]);
    const revertDone = clock('13:50') + 40 * 60;
    expect(world.model.files.filter((f) => f.at >= revertDone).every((f) => f.features === 60)).toBe(true);
    expect(world.model.files.some((f) => f.at > clock('13:50') && f.at < revertDone - 20 * 60 && f.features > 200)).toBe(true);
    expect(at.main_impact_resolved).not.toBeNull();
    expect(at.main_impact_resolved!).toBeGreaterThan(clock('13:50'));
    expect(at.main_impact_resolved!).toBeLessThanOrEqual(revertDone + 5 * 60);
  });

  it('stopping generation during a recovery period pins the good file; stopping it while failing pins the bad one', () => {
    // Default seed: a good file is live from about 12:03 to 12:23.
    const pinnedGood = runGuided(cf, [act('12:05', 'stop_feature_generation')]);
    expect(pinnedGood.at.main_impact_resolved).not.toBeNull();
    expect(pinnedGood.at.main_impact_resolved!).toBeLessThan(clock('12:10'));
    const pinnedBad = runGuided(cf, [act('13:00', 'stop_feature_generation')]);
    expect(pinnedBad.markers.main_impact_resolved).toBeNull();
  });

  it('without scaling login capacity the dashboard backlog drains much later', () => {
    const noScale = cf.data.referencePlan.filter((s) => !('action' in s) || s.action !== 'scale_login_capacity');
    const { at } = runGuided(cf, noScale);
    expect(minutes(at.dashboard_backlog_start, '14:40')!).toBeLessThanOrEqual(2);
    expect(at.dashboard_backlog_end === null || at.dashboard_backlog_end! >= clock('16:15')).toBe(true);
  });

  it('restarting downstream services before the fix is wasted: they wedge again', () => {
    const early = cf.data.referencePlan.map((s) => ('action' in s && s.action === 'restart_downstream' ? { ...s, at: '13:00' } : s));
    const { at, world } = runGuided(cf, early);
    expect(at.main_impact_resolved).not.toBeNull();
    expect(at.all_resolved).toBeNull();
    expect(world.model.stuck.every(Boolean)).toBe(true);
  });

  it('WARP disabled in London cuts London WARP users off until re-enabled, and nothing else', () => {
    const { world } = runGuided(cf, [act('13:03', 'disable_warp', { region: 'london' }), act('13:12', 'enable_warp', { region: 'london' })]);
    expect(valueAt(world, 'warp_connect_success', '13:08')).toBeLessThan(94);
    expect(valueAt(world, 'warp_connect_success', '13:20')).toBeGreaterThan(98);
    expect(series(world, 'http_5xx_global', '11:00', '17:30')).toEqual(series(runGuided(cf, []).world, 'http_5xx_global', '11:00', '17:30'));
  });

  it('a team that acts on the right diagnosis early does far better than the real timeline', () => {
    const fast: PlanStep[] = [
      act('11:45', 'post_status_update', { message: 'Investigating errors across our network.' }),
      { at: '12:10', diagnose: { trigger: 'change_clickhouse_grants', component: 'artefact_feature_file', mechanism: 'generated_file_over_limit', text: '' } },
      act('12:10', 'stop_feature_generation'), act('12:12', 'push_known_good_file'), act('12:16', 'restart_core_proxy'),
      act('12:20', 'restart_downstream', { group: 'workers_runtime' }), act('12:20', 'restart_downstream', { group: 'zero_trust' }),
      act('12:20', 'restart_downstream', { group: 'load_balancing' }), act('12:20', 'restart_downstream', { group: 'images_stream' }),
      act('12:20', 'restart_downstream', { group: 'email_security' }), act('12:20', 'scale_login_capacity'),
    ];
    const team = runGuided(cf, fast);
    const reference = runGuided(cf, cf.data.referencePlan);
    expect(team.at.main_impact_resolved!).toBeLessThanOrEqual(clock('12:20'));
    expect(team.at.all_resolved!).toBeLessThan(clock('13:10'));
    const score = scoreRun(cf, team.world, reference.world);
    expect(score.total).toBeGreaterThan(scoreRun(cf, reference.world, reference.world).total);
    expect(score.impact.errorMinutes).toBeLessThan(score.impact.referenceErrorMinutes / 3);
  });
});
