import { beforeAll, describe, expect, it } from 'vitest';
import { clock, planToCommands, runCommands, runPlan, scoreRun, type PlanStep, type Scenario, type ScoreBreakdown } from './index.ts';
import { MILESTONE_SPAN_MINUTES } from './scoring.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

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
    expect(m.points).toBeCloseTo(expected, 1);
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

  it('charges every wrong diagnosis and a useless detour, and scores them lower', () => {
    const base = score(toy.data.referencePlan);
    const detour = score([
      { at: '10:10', action: 'restart_api', params: {} },
      { at: '10:12', diagnose: { trigger: 'ddos', mechanism: 'overload', text: 'looks like an attack' } },
      { at: '10:13', diagnose: { trigger: 'config_push', mechanism: 'overload', text: '' } },
      ...toy.data.referencePlan,
    ]);
    expect(detour.penalties.map((p) => [p.kind, p.points])).toEqual([['wrong-diagnosis', 40], ['wrong-diagnosis', 40], ['action', 10]]);
    expect(detour.penalties[0]!.reason).toContain('An attack');
    expect(detour.subtotals.penalties).toBe(90);
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
