import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_DIR, loadScenario } from '../scenario-registry/load-scenarios.ts';
import { clock, planToCommands, runCommands, runPlan, scoreRun, type PlanStep, type Scenario, type ScoreBreakdown } from './index.ts';
import { MILESTONE_SPAN_MINUTES } from './scoring.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
let nov18: Scenario;
beforeAll(async () => {
  toy = await loadToyScenario();
  nov18 = await loadReal('cloudflare-2025-11-18');
});

async function loadReal(id: string): Promise<Scenario> {
  const result = await loadScenario(path.join(DEFAULT_SCENARIO_DIR, id));
  if (!result.ok) throw new Error(`${id}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

const SEED = 7;
const run = (plan: readonly PlanStep[]) => runPlan(toy, SEED, plan).world;
const score = (plan: readonly PlanStep[]) => scoreRun(toy, run(plan), run(toy.data.referencePlan));

/** The breakdown must add up the way docs/scoring.md says, line by line. */
function expectAddsUp(s: ScoreBreakdown): void {
  const milestones = s.milestones.reduce((a, m) => a + m.points, 0);
  const penalties = s.penalties.reduce((a, p) => a + p.points, 0);
  expect(s.subtotals.milestones).toBeCloseTo(milestones, 6);
  expect(s.subtotals.penalties).toBeCloseTo(penalties, 6);
  expect(s.total).toBeCloseTo(milestones + s.impact.points - penalties, 6);
  for (const m of s.milestones) {
    const expected = m.minutesAhead === null ? 0 : (m.max / 2) * Math.min(2, Math.max(0, 1 + m.minutesAhead / MILESTONE_SPAN_MINUTES));
    expect(m.points).toBe(Math.round(expected * 10) / 10);
  }
}

const fasterPlan: PlanStep[] = [
  { at: '10:08', action: 'post_status', params: { message: 'Investigating errors' } },
  { at: '10:08', investigate: 'recent_changes', params: {} },
  { at: '10:11', diagnose: { trigger: 'config_push', mechanism: 'bad_value', text: '' } },
  { at: '10:11', action: 'rollback_config', params: {} },
];

describe('scoring', () => {
  it('gives the reference plan the documented baseline of 500.4 (docs/scoring.md)', () => {
    const s = score(toy.data.referencePlan);
    // The toy's alert fires at 10:07 in simulation, one minute before the real 10:08: 50 × (1 + 1/120) = 50.4.
    expect(s.milestones.map((m) => [m.id, m.minutesAhead, m.points])).toEqual([
      ['detection', 1, 50.4], ['first_update', 0, 50], ['diagnosis', 0, 100], ['resolved', 0, 100],
    ]);
    expect(s.impact).toMatchObject({ points: 200, max: 400, signal: 'error_rate', baseline: 0.5 });
    expect(s.impact.errorMinutes).toBe(s.impact.referenceErrorMinutes);
    expect(s.penalties).toEqual([]);
    expect(s.total).toBe(500.4);
    expect(s.formula).toBe('milestones 300.4 + impact 200 − penalties 0 = 500.4');
    expectAddsUp(s);
  });

  it('scores a faster correct plan higher, milestone by milestone and on impact', () => {
    const base = score(toy.data.referencePlan);
    const fast = score(fasterPlan);
    expect(fast.total).toBeGreaterThan(base.total);
    const ahead = Object.fromEntries(fast.milestones.map((m) => [m.id, m.minutesAhead]));
    expect(ahead).toMatchObject({ first_update: 7, diagnosis: 14, resolved: 14 });
    expect(fast.impact.errorMinutes).toBeLessThan(base.impact.errorMinutes);
    expect(fast.impact.points).toBeGreaterThan(200);
    expect(fast.impact.points).toBeLessThanOrEqual(400);
    expectAddsUp(fast);
  });

  it('charges every wrong diagnosis (half for a partly right one) and a useless detour, and scores them lower', () => {
    const base = score(toy.data.referencePlan);
    const detour = score([
      { at: '10:10', action: 'restart_api', params: {} },
      { at: '10:12', diagnose: { trigger: 'ddos', mechanism: 'overload', text: 'looks like an attack' } },
      { at: '10:13', diagnose: { trigger: 'config_push', mechanism: 'overload', text: '' } },
      ...toy.data.referencePlan,
    ]);
    expect(detour.penalties.map((p) => [p.kind, p.points])).toEqual([['wrong-diagnosis', 40], ['partial-diagnosis', 20], ['action', 10]]);
    expect(detour.penalties[0]!.reason).toContain('An attack');
    expect(detour.penalties[1]!.reason).toContain('right trigger, wrong mechanism');
    expect(detour.subtotals.penalties).toBe(70);
    expect(detour.total).toBeLessThan(base.total);
    expectAddsUp(detour);
  });

  it('charges a hint the host gave, but not a scripted one the real responders also got', () => {
    const ref = run(toy.data.referencePlan);
    const withHint = runCommands(toy, SEED, [
      { at: clock('10:09'), command: { type: 'inject', title: 'Hint', text: 'Look at what changed at 10:05.', hint: true } },
      ...planToCommands(toy.data.referencePlan),
    ]).world;
    const s = scoreRun(toy, withHint, ref);
    expect(s.penalties).toEqual([{ kind: 'hint', reason: 'hint: Hint', at: clock('10:09'), points: 20 }]);
    // The same hint in the reference run is part of the scenario: no charge.
    expect(scoreRun(toy, withHint, withHint).penalties).toEqual([]);
  });

  it('gives no milestone points for what never happened and caps doing nothing at zero per milestone', () => {
    const idle = score([]);
    const byId = Object.fromEntries(idle.milestones.map((m) => [m.id, m]));
    expect(byId.diagnosis).toMatchObject({ team: null, minutesAhead: null, points: 0 });
    expect(byId.resolved).toMatchObject({ team: null, points: 0 });
    expect(byId.detection!.points).toBe(50.4);
    expect(idle.impact.points).toBeLessThan(200);
    expect(idle.total).toBeLessThan(score(toy.data.referencePlan).total);
    expectAddsUp(idle);
  });

  it('compares a session ended early with the reference ended at the same time', () => {
    const until = clock('10:20');
    const ref = runCommands(toy, SEED, planToCommands(toy.data.referencePlan), until).world;
    const s = scoreRun(toy, ref, ref);
    expect(s.impact.points).toBe(200);
    expect(s.milestones.find((m) => m.id === 'resolved')).toMatchObject({ team: null, points: 0 });
    expect(s.milestones.find((m) => m.id === 'resolved')!.rule).toContain('not reached by 10:20');
  });

  it('is deterministic: the same plan and seed give the same breakdown', () => {
    expect(score(fasterPlan)).toEqual(score(fasterPlan));
  });
});

describe('scoring the 18 November 2025 scenario', () => {
  const SEED18 = 7;
  const reference = () => runPlan(nov18, SEED18, nov18.data.referencePlan).world;
  // Guided: these check scoring, not how a team comes to each tool (the spy and solver tests do that).
  const score18 = (plan: readonly PlanStep[]) => scoreRun(nov18, runPlan(nov18, SEED18, plan, { mode: 'guided' }).world, reference());

  it('charges the real responders for their own detours, and matches every real milestone within 2 minutes', () => {
    const s = score18(nov18.data.referencePlan);
    expect(s.penalties.map((p) => [p.kind, p.points])).toEqual([['action', 10], ['action', 15]]);
    for (const m of s.milestones) expect(Math.abs(m.minutesAhead!), m.id).toBeLessThanOrEqual(2);
    expect(s.impact.points).toBe(nov18.data.scoring.impactWeight);
    expectAddsUp(s);
  });

  it('scores a faster correct response (feature file found within half an hour) far higher', () => {
    const fast: PlanStep[] = [
      { at: '11:33', action: 'post_status_update', params: { message: 'We are investigating widespread errors.' } },
      { at: '11:35', investigate: 'proxy_logs', params: { proxy: 'fl2' } },
      { at: '11:35', investigate: 'change_log', params: {} },
      { at: '11:40', investigate: 'feature_file_history', params: {} },
      { at: '11:40', action: 'kv_bypass', params: {} },
      { at: '11:40', action: 'access_bypass', params: {} },
      { at: '11:50', diagnose: { trigger: 'change_clickhouse_grants', component: 'artefact_feature_file', mechanism: 'generated_file_over_limit', evidence: ['proxy_logs', 'feature_file_history', 'change_log'], text: '' } },
      { at: '11:50', action: 'stop_feature_generation', params: {} },
      { at: '11:54', action: 'push_known_good_file', params: {} },
      { at: '11:59', action: 'restart_core_proxy', params: {} },
      { at: '12:05', action: 'scale_login_capacity', params: {} },
      ...['workers_runtime', 'zero_trust', 'load_balancing', 'images_stream', 'email_security'].map((group, i) => (
        { at: `12:0${5 + i}`, action: 'restart_downstream', params: { group } } as PlanStep)),
    ];
    const base = score18(nov18.data.referencePlan);
    const s = score18(fast);
    expect(s.total).toBeGreaterThan(base.total + 500);
    expect(s.penalties).toEqual([]);
    const ahead = Object.fromEntries(s.milestones.map((m) => [m.id, m.minutesAhead!]));
    expect(ahead.diagnosis).toBeGreaterThan(100);
    expect(ahead.main_impact_resolved).toBeGreaterThan(120);
    expect(s.impact.errorMinutes).toBeLessThan(base.impact.errorMinutes / 2);
    expectAddsUp(s);
  });

  it('scores a DDoS detour and a wrong diagnosis lower, by exactly their penalties', () => {
    const base = score18(nov18.data.referencePlan);
    const s = score18([
      ...nov18.data.referencePlan,
      { at: '11:40', action: 'ddos_mitigation_mode', params: {} },
      { at: '11:45', diagnose: { trigger: 'external_attack', component: 'component_core_proxy', mechanism: 'traffic_overload', text: 'it looks like an attack' } },
    ]);
    const added = s.penalties.filter((p) => !base.penalties.some((b) => b.reason === p.reason && b.at === p.at));
    expect(added.map((p) => [p.kind, p.points])).toEqual([['wrong-diagnosis', 50], ['action', 40]]);
    // DDoS mode changes nothing about the errors: the whole difference is the penalties.
    expect(s.total).toBeCloseTo(base.total - 90, 6);
  });
});

describe('the documented baselines (docs/scoring.md)', () => {
  it('equal the reference plan score of every scenario with its default seed', async () => {
    const doc = await readFile(path.resolve(import.meta.dirname, '../../docs/scoring.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)`[^|]*\| (\d+) \| \*\*([\d.]+)\*\* \|/gm)].map((m) => ({ id: m[1]!, seed: Number(m[2]), total: Number(m[3]) }));
    expect(rows.map((r) => r.id).sort()).toEqual(['cloudflare-2025-11-18', 'cloudflare-2025-12-05', 'toy-config-push']);
    for (const row of rows) {
      const scenario = row.id === toy.data.id ? toy : await loadReal(row.id);
      expect(row.seed, row.id).toBe(scenario.data.defaultSeed);
      const ref = runPlan(scenario, row.seed, scenario.data.referencePlan).world;
      expect(scoreRun(scenario, ref, ref).total, row.id).toBe(row.total);
    }
  });
});
