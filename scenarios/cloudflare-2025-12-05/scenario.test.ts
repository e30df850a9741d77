import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../server/scenario-registry/load-scenarios.ts';
import {
  advance, apply, clock, computeMarkers, computeMetrics, createWorld, errorMinutes, runPlan, scoreRun,
  type PlanStep, type Scenario, type World,
} from '../../server/engine/index.ts';
import { LUA_ERROR } from './evidence.ts';

let scenario: Scenario;
beforeAll(async () => {
  const result = await loadScenario(import.meta.dirname);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  scenario = result.scenario;
});

const seed = () => scenario.data.defaultSeed;
const run = (plan: PlanStep[], s = seed()) => runPlan(scenario, s, plan).world;
/** The model's answer whatever the team has found: these tests check the model, not discovery. */
const runGuided = (plan: PlanStep[], s = seed()) => runPlan(scenario, s, plan, { mode: 'guided' }).world;
const markersOf = (world: World) => computeMarkers(scenario.data, world.samples);
const valueAt = (world: World, signal: string, at: string) => world.samples.find((x) => x.t === clock(at))!.values[signal]!;
const revertAt = (at: string): PlanStep[] => [{ at, action: 'revert_change', params: { change: 'change_waf_killswitch' } }];

describe('cloudflare-2025-12-05 reference replay', () => {
  const real = { impact_start: '08:47', full_impact: '08:48', alert_fired: '08:50', impact_end: '09:12' };

  it.each([1205, 1, 2, 3, 42, 99])('reproduces the real markers within ±1 minute (seed %i)', (s) => {
    const world = run(scenario.data.referencePlan, s);
    const markers = markersOf(world);
    for (const [id, at] of Object.entries(real)) {
      const t = markers[id];
      expect(t, id).not.toBeNull();
      expect(Math.abs(t! - clock(at)), `${id} at ${t} vs ${at}`).toBeLessThanOrEqual(60);
    }
  });

  it('has about 28% of HTTP traffic failing at the plateau', () => {
    const world = run(scenario.data.referencePlan);
    const peak = computeMetrics(scenario.data, world.samples).peak_failing_share!;
    expect(peak).toBeGreaterThanOrEqual(0.25);
    expect(peak).toBeLessThanOrEqual(0.31);
    // A plateau, not a spike: every sample between full impact and the revert is near the peak.
    const plateau = world.samples.filter((x) => x.t >= clock('08:49') && x.t <= clock('09:10')).map((x) => x.values.http_5xx_pct!);
    expect(Math.min(...plateau)).toBeGreaterThan(27);
  });

  it('hits FL1 only: FL2 and the China network stay at baseline, /cdn-cgi/trace probes stay green', () => {
    const world = run(scenario.data.referencePlan);
    expect(valueAt(world, 'fl1_5xx_pct', '09:00')).toBeGreaterThan(50);
    expect(valueAt(world, 'fl2_5xx_pct', '09:00')).toBeLessThan(0.5);
    expect(valueAt(world, 'region_cn_5xx_pct', '09:00')).toBeLessThan(0.5);
    expect(valueAt(world, 'region_eu_5xx_pct', '09:00')).toBeGreaterThan(25);
    expect(valueAt(world, 'probe_trace_success_pct', '09:00')).toBeGreaterThan(99.9);
    expect(valueAt(world, 'dashboard_api_error_pct', '09:00')).toBeGreaterThan(30);
    expect(valueAt(world, 'dashboard_api_error_pct', '09:20')).toBeLessThan(2);
  });
});

describe('cloudflare-2025-12-05 causal model', () => {
  it('never resolves without action', () => {
    const world = run([]);
    expect(markersOf(world).impact_end).toBeNull();
    expect(world.samples.at(-1)!.values.http_5xx_pct).toBeGreaterThan(27);
  });

  it('recovers sooner, with less impact, when the killswitch is reverted earlier', () => {
    const reference = run(scenario.data.referencePlan);
    const early = runGuided(revertAt('08:55'));
    expect(markersOf(early).impact_end!).toBeLessThan(markersOf(reference).impact_end!);
    expect(Math.abs(markersOf(early).impact_end! - clock('08:56'))).toBeLessThanOrEqual(60);
    expect(errorMinutes(scenario, early)).toBeLessThan(errorMinutes(scenario, reference) / 2);
  });

  it('stays broken when only the body-buffer rollout is rolled back (the red herring)', () => {
    const world = runGuided([{ at: '08:52', action: 'rollback_deployment', params: { change: 'change_body_buffer' } }]);
    expect(markersOf(world).impact_end).toBeNull();
    expect(world.samples.at(-1)!.values.http_5xx_pct).toBeGreaterThan(27);
    expect(world.actions[0]!.outcome).toMatch(/^Rollback of DEP-20961 \(WAF body buffer 128 KB → 1 MB\) started in the gradual deployment system/);
  });

  it('resolves after moving affected customers to FL2, not before the move is prepared', () => {
    const world = runGuided([{ at: '08:55', action: 'move_to_fl2', params: {} }]);
    const end = markersOf(world).impact_end!;
    expect(end).not.toBeNull();
    // 10 minutes of preparation, then batches over 4 minutes.
    expect(valueAt(world, 'http_5xx_pct', '09:04')).toBeGreaterThan(27);
    expect(end).toBeGreaterThanOrEqual(clock('09:05'));
    expect(end).toBeLessThanOrEqual(clock('09:10'));
  });

  it('stops the errors by disabling the Managed Ruleset, at a penalty, and leaves the WAF idle on FL1', () => {
    const plan: PlanStep[] = [{ at: '08:52', action: 'disable_managed_rules', params: {} }];
    const world = runGuided(plan);
    expect(markersOf(world).impact_end).not.toBeNull();
    const reference = run(scenario.data.referencePlan);
    const score = scoreRun(scenario, world, reference);
    expect(score.penalties.map((p) => p.kind)).toEqual(['action']);
    expect(valueAt(world, 'waf_managed_executions_rps', '09:20')).toBeLessThan(valueAt(reference, 'waf_managed_executions_rps', '09:20') * 0.8);
  });

  it('is not helped by DDoS mode or an FL1 restart', () => {
    const world = run([{ at: '08:51', action: 'enable_ddos_mode', params: {} }, { at: '08:51', action: 'restart_fl1', params: {} }]);
    expect(markersOf(world).impact_end).toBeNull();
    expect(valueAt(world, 'http_5xx_pct', '09:00')).toBeGreaterThan(27);
  });

  it('is deterministic: same seed and plan give byte-identical worlds, another seed only other noise', () => {
    const a = JSON.stringify(run(scenario.data.referencePlan, 7));
    const b = JSON.stringify(run(scenario.data.referencePlan, 7));
    expect(a).toBe(b);
    expect(JSON.stringify(run(scenario.data.referencePlan, 8))).not.toBe(a);
  });
});

describe('cloudflare-2025-12-05 evidence', () => {
  function investigate(at: string, investigation: string, params: Record<string, string> = {}, actions: PlanStep[] = []) {
    const world = runGuided([...actions, { at, investigate: investigation, params }]);
    const spec = scenario.data.investigations.find((i) => i.id === investigation)!;
    const done = world.investigations.find((i) => i.investigation === investigation)!;
    expect(done.completesAt).toBe(clock(at) + spec.durationMinutes * 60);
    return done.evidence!;
  }

  it('shows the FL1 Lua error when the last 15 minutes searched hold it, with its first and last time', () => {
    const live = investigate('08:52', 'proxy_logs', { proxy: 'fl1' });
    expect(live.summary).toBe('FL1 error log, 08:40–08:55, grouped by message: 2 groups');
    expect(live.table!.rows[0]![1]).toBe(LUA_ERROR);
    expect(String(live.table!.rows[0]![3])).toMatch(/^08:47:\d\d$/);
    const quiet = investigate('08:41', 'proxy_logs', { proxy: 'fl1' });
    expect(quiet.summary).toBe('FL1 error log, 08:29–08:44, grouped by message: 1 group');
    expect(JSON.stringify(quiet)).not.toContain('execute');
    expect(JSON.stringify(investigate('08:52', 'proxy_logs', { proxy: 'fl2' }))).not.toContain('execute');
    // After the revert the search still covers the errors, with when they stopped…
    const after = investigate('09:00', 'proxy_logs', { proxy: 'fl1' }, revertAt('08:52'));
    expect(String(after.table!.rows[0]![4])).toMatch(/^08:5[23]:\d\d$/);
    // …and once they are older than its window, it shows none.
    expect(JSON.stringify(investigate('09:20', 'proxy_logs', { proxy: 'fl1' }, revertAt('08:52')))).not.toContain(LUA_ERROR);
    expect(investigate('08:58', 'waf_ruleset_stats', {}, revertAt('08:52')).detail).toMatch(/on since 08:47:00, off since 08:52:0\d/);
  });

  it('lists the killswitch change in the global configuration log once it was sent, among the others', () => {
    const before = investigate('08:42', 'recent_changes', { system: 'global_config' });
    expect(JSON.stringify(before)).not.toMatch(/killswitch/i);
    const global = investigate('08:52', 'recent_changes', { system: 'global_config' });
    expect(global.table!.rows.find((r) => r[1] === '08:47:00')![3]).toMatch(/killswitch/);
    expect(global.table!.rows.length).toBeGreaterThanOrEqual(10);
    const gradual = investigate('08:52', 'recent_changes', { system: 'gradual_deployment' });
    expect(gradual.table!.rows.find((r) => String(r[3]).includes('128 KB → 1 MB'))![4]).toMatch(/^stage \d+\/10 · 3\d% of the fleet/);
  });

  it('breaks errors down by segment, shows the backends, the probes, the traffic and the rule overrides as data', () => {
    const segments = investigate('08:52', 'affected_customers');
    const fl1 = segments.table!.rows.find((r) => String(r[0]).startsWith('FL1 + Managed Ruleset'))!;
    expect(parseFloat(String(fl1[3]))).toBeGreaterThan(90);
    expect(segments.table!.rows.filter((r) => r !== fl1).every((r) => r[3] === '0.1%')).toBe(true);
    const dashboard = investigate('08:52', 'dashboard_api_check');
    expect(dashboard.table!.rows.find((r) => String(r[0]).startsWith('dashboard/API requests'))![3]).toBe('edge, before the backend');
    const probes = investigate('08:52', 'trace_endpoint_check').table!.rows;
    expect(probes[0]!.slice(2)).toEqual(['200 (fl=…, h=shop.example)', '500 Internal Server Error']);
    expect(investigate('08:52', 'traffic_analysis').table!.rows.find((r) => r[0] === 'open attack alerts')).toEqual(['open attack alerts', 0, 0]);
    expect(investigate('08:52', 'waf_ruleset_stats').detail).toMatch(/rule action: execute\), CFG-771452, on since 08:47:00/);
    expect(investigate('08:42', 'waf_ruleset_stats').detail).toBe('Overrides in force: none.');
  });

  it('puts customer reports on the feed from the state, dashboard complaints first', () => {
    const world = run([]);
    const reports = world.feed.filter((f) => f.kind === 'customer-report' || f.kind === 'notice');
    expect(reports[0]!.title).toMatch(/Dashboard/);
    expect(reports.every((r) => r.at > clock('08:47'))).toBe(true);
    const fixed = runGuided(revertAt('08:52'));
    expect(fixed.feed.some((f) => f.title === 'Sites are back' && f.at < clock('08:54'))).toBe(true);
  });

  it('has nothing to revert before 08:47, and an early revert does not prevent the change', () => {
    let world = advance(scenario, createWorld(scenario, seed(), { mode: 'guided' }), clock('08:45'));
    const r = apply(scenario, world, { type: 'act', action: 'revert_change', params: { change: 'change_waf_killswitch' } });
    expect(r.ok).toBe(true);
    world = advance(scenario, (r as { world: World }).world, clock('08:46'));
    expect(world.actions[0]!.outcome).toMatch(/Nothing to revert/);
    world = advance(scenario, world, clock('09:00'));
    expect(world.samples.at(-1)!.values.http_5xx_pct).toBeGreaterThan(27);
  });
});
