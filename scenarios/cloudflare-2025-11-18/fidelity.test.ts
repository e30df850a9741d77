/**
 * Fidelity on every seed (issue 10): the published structure of the day holds on seeds 1–50, relief
 * comes only from what relieves, a relapse withdraws a recovery, and the clock covers the day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, findMarkers, planToCommands, scoreRun, type PlanStep, type Scenario, type World } from '../../server/engine/index.ts';
import { buildDebrief } from '../../server/debrief/build-debrief.ts';
import { SESSION } from '../../server/debrief/debrief-fixtures.ts';
import { renderDebriefMarkdown } from '../../server/debrief/render-markdown.ts';
import type { CfState } from './model-state.ts';
import { loadCloudflare, run } from './test-helpers.ts';

let cf: Scenario<CfState>;
beforeAll(async () => { cf = await loadCloudflare(); });

const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);
const act = (at: string, action: string, params: Record<string, string> = {}): PlanStep => ({ at, action, params });
const injectAt = (world: World<CfState>, id: string) => world.feed.find((f) => f.kind === 'inject' && f.inject === id)?.at ?? null;
const firstAlert = (world: World<CfState>, rule: string) => world.feed.find((f) => f.kind === 'alert' && f.rule === rule)?.at ?? null;
/** A plan shifted by some minutes (a team that does what the real responders did, later). */
const shifted = (plan: readonly PlanStep[], minutes: number): PlanStep[] =>
  plan.map((s) => ({ ...s, at: formatHm(clock(s.at) + minutes * 60) }));
const formatHm = (t: number) => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}`;

describe('relief only from what relieves (seeds 1–50, no action)', () => {
  it('records no KV, Access or dashboard-login recovery and earns 0 relief points on any seed', () => {
    for (const seed of SEEDS) {
      const { world, markers } = run(cf, [], seed);
      expect(markers.kv_recovered, `seed ${seed}`).toBeNull();
      expect(markers.access_recovered, `seed ${seed}`).toBeNull();
      expect(markers.dashboard_login_restored, `seed ${seed}`).toBeNull();
      const relief = scoreRun(cf, world, world).milestones.find((m) => m.id === 'kv_access_relief')!;
      expect(relief.points, `seed ${seed}`).toBe(0);
    }
  });
});

describe("the day's shape on every seed (reference replay, seeds 1–50)", () => {
  it('impact 11:20–11:30, first alert 11:28–11:36, a recovery inside 12:00–12:30, stable failure before 13:05', () => {
    for (const seed of SEEDS) {
      const { at } = run(cf, cf.data.referencePlan, seed);
      expect(at.impact_start!, `seed ${seed}`).toBeGreaterThanOrEqual(clock('11:20'));
      expect(at.impact_start!, `seed ${seed}`).toBeLessThanOrEqual(clock('11:30'));
      expect(at.alert_fired!, `seed ${seed}`).toBeGreaterThanOrEqual(clock('11:28'));
      expect(at.alert_fired!, `seed ${seed}`).toBeLessThanOrEqual(clock('11:36'));
      // noon_recovery: 3 minutes under 5 % starting at 12:00 or later; it must end by 12:30.
      expect(at.noon_recovery!, `seed ${seed}`).toBeGreaterThanOrEqual(clock('12:00'));
      expect(at.noon_recovery!, `seed ${seed}`).toBeLessThanOrEqual(clock('12:27'));
      expect(at.stabilized_failing!, `seed ${seed}`).toBeLessThan(clock('13:05'));
    }
  });

  it('delivers the incident call and the "under attack?" question only once their symptom exists', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const { world } = run(cf, cf.data.referencePlan, seed);
      const call = injectAt(world, 'incident_call')!;
      expect(call, `seed ${seed}`).toBeGreaterThanOrEqual(Math.max(clock('11:35'), firstAlert(world, 'edge_5xx')!));
      const exec = injectAt(world, 'exec_attack')!;
      expect(exec, `seed ${seed}`).toBeGreaterThanOrEqual(Math.max(clock('12:05'), firstAlert(world, 'status_page_probe')!));
      // The real responders' KV work at 11:32 starts after errors exist.
      expect(clock('11:32'), `seed ${seed}`).toBeGreaterThan(firstAlert(world, 'edge_5xx')!);
    }
    // Generation stopped before the first bad file: no incident, so no incident call and no escalations.
    const { world } = run(cf, [act('11:00', 'stop_feature_generation')], cf.data.defaultSeed, 'guided');
    expect(firstAlert(world, 'edge_5xx')).toBeNull();
    expect(injectAt(world, 'incident_call')).toBeNull();
    expect(injectAt(world, 'customer_escalations')).toBeNull();
  });
});

describe('a relapse keeps no credit', () => {
  it('resuming generation at 15:30 after the reference fix withdraws main_impact_resolved, and the debrief says so', () => {
    const plan = [...cf.data.referencePlan, act('15:30', 'resume_feature_generation')];
    const { world, markers } = run(cf, plan);
    expect(markers.main_impact_resolved).toBeNull();
    expect(markers.all_resolved).toBeNull();
    const milestone = scoreRun(cf, world, run(cf, cf.data.referencePlan).world).milestones.find((m) => m.id === 'main_impact_resolved')!;
    expect(milestone.points).toBe(0);
    expect(milestone.relapses?.[0]?.recoveredAt).toBe(clock('14:30'));
    expect(milestone.relapses![0]!.relapsedAt).toBeGreaterThan(clock('15:33'));
    expect(milestone.rule).toMatch(/recovered 14:30 but relapsed 15:3\d: credit withdrawn/);
    const debrief = buildDebrief({ scenario: cf, seed: cf.data.defaultSeed, session: SESSION, endAt: clock('19:28'), teams: [{ id: 'late', name: 'Relapse', players: [], commands: planToCommands(plan) }] });
    const shown = debrief.teams[0]!.milestones.find((m) => m.id === 'main_impact_resolved')!;
    expect(shown.teamClock).toBeNull();
    expect(shown.relapses).toEqual([expect.stringMatching(/^recovered 14:30, relapsed 15:3\d$/)]);
    expect(renderDebriefMarkdown(debrief)).toMatch(/Main impact resolved \(recovered 14:30, relapsed 15:3\d: relapsed, no credit\)/);
  });

  it('a second fix after the relapse is credited at the last recovery', () => {
    const plan = [
      ...cf.data.referencePlan, act('15:30', 'resume_feature_generation'),
      act('16:00', 'stop_feature_generation'), act('16:03', 'push_known_good_file'), act('16:07', 'restart_core_proxy'),
    ];
    const { at } = run(cf, plan);
    expect(Math.abs(at.main_impact_resolved! - clock('16:09')) / 60).toBeLessThanOrEqual(2);
  });
});

describe('the clock covers the day', () => {
  it('runs to 19:28, the end of the public incident, so a team 30 minutes late records all_resolved', () => {
    expect(cf.data.clock.end).toBe('19:28');
    const { at } = run(cf, shifted(cf.data.referencePlan, 30));
    expect(Math.abs(at.all_resolved! - clock('17:36')) / 60).toBeLessThanOrEqual(3);
  });

  it('decides a recovery still holding at the end by running the world on: a fix at 19:15 is credited', () => {
    const plan = [act('19:10', 'stop_feature_generation'), act('19:13', 'push_known_good_file'), act('19:17', 'restart_core_proxy')];
    const { world, at } = run(cf, plan, cf.data.defaultSeed, 'guided');
    // 60 minutes under 10 % cannot fit before 19:28: the samples alone leave it open…
    expect(findMarkers(cf.data, world.samples).markers.main_impact_resolved).toBeNull();
    expect(findMarkers(cf.data, world.samples).open).toContain('main_impact_resolved');
    // …and the world run on without new commands decides it.
    expect(Math.abs(at.main_impact_resolved! - clock('19:19')) / 60).toBeLessThanOrEqual(2);
  });
});
