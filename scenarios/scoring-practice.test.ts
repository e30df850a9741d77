/**
 * Issue 19's "must show", in realistic mode with each scenario's default seed and three
 * responders: the score rewards incident practice. Relations, not exact totals, where the
 * scenarios' evidence may still move the numbers; the rules themselves are recomputed from each
 * breakdown (docs/scoring.md).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_DIR, loadScenario } from '../server/scenario-registry/load-scenarios.ts';
import { clock, DEFAULT_RESPONDERS, runPlan, scoreRun, type PlanStep, type Scenario, type ScoreBreakdown, type SessionMode } from '../server/engine/index.ts';
import { CAREFUL_05, CAREFUL_18, CAREFUL_AWS, clickerPlan, fixAt, RECKLESS_05, RECKLESS_18, RECKLESS_AWS } from './practice-plans.ts';
import { lessonStatus } from '../server/debrief/lesson-status.ts';

const scenarios = new Map<string, Scenario>();
beforeAll(async () => {
  for (const id of ['cloudflare-2025-11-18', 'cloudflare-2025-12-05', 'aws-us-east-1-2025-10-20']) {
    const loaded = await loadScenario(path.join(DEFAULT_SCENARIO_DIR, id));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    scenarios.set(id, loaded.scenario);
  }
});

/** The plan's score; the real responders' run it is compared with is always played in realistic mode. */
function scoreOf(id: string, plan: readonly PlanStep[], mode: SessionMode = 'realistic'): ScoreBreakdown {
  const scenario = scenarios.get(id)!;
  const seed = scenario.data.defaultSeed;
  const played = (p: readonly PlanStep[], m: SessionMode) => runPlan(scenario, seed, p, { mode: m, responders: DEFAULT_RESPONDERS });
  const team = played(plan, mode);
  // A plan the engine refused in part would not test what it says.
  expect(team.refused.map((r) => r.error), 'every step of the plan is accepted').toEqual([]);
  return scoreRun(scenario, team.world, played(scenario.data.referencePlan, 'realistic').world);
}

/**
 * `preventMode`: where the prevention can be played. On 20 October nothing before the race at 06:48
 * can reveal the lead that unlocks the freeze, so only guided mode can prevent it (the earliest
 * prevention the model allows); the cure and the late fix are played in realistic mode.
 */
const CASES: { id: string; careful: PlanStep[]; reckless: PlanStep[]; alert: string; prevent: string; late: string; preventMode: SessionMode }[] = [
  { id: 'cloudflare-2025-11-18', careful: CAREFUL_18, reckless: RECKLESS_18, alert: '11:31', prevent: '11:06', late: '12:31', preventMode: 'realistic' },
  { id: 'cloudflare-2025-12-05', careful: CAREFUL_05, reckless: RECKLESS_05, alert: '08:50', prevent: '08:47', late: '09:05', preventMode: 'realistic' },
  { id: 'aws-us-east-1-2025-10-20', careful: CAREFUL_AWS, reckless: RECKLESS_AWS, alert: '06:50', prevent: '06:31', late: '07:50', preventMode: 'guided' },
];

describe.each(CASES)('$id (realistic, default seed)', (c) => {
  it('the careful, evidence-following response outscores clicking every investigation at the first alert and guessing', () => {
    const scenario = scenarios.get(c.id)!;
    const careful = scoreOf(c.id, c.careful);
    const clicker = scoreOf(c.id, clickerPlan(scenario, scenario.data.defaultSeed, c.alert));
    expect(careful.total).toBeGreaterThan(clicker.total);
    // The guess is charged and earns no diagnosis credit; the careful diagnosis is credited, with what backed it.
    expect(clicker.diagnoses.every((d) => d.verdict !== 'right')).toBe(true);
    expect(clicker.penalties.some((p) => p.kind.endsWith('-diagnosis'))).toBe(true);
    expect(careful.diagnoses[0]).toMatchObject({ verdict: 'right', credited: true });
    expect(careful.diagnoses[0]!.parts.every((p) => p.supported && p.shownBy.length > 0)).toBe(true);
  });

  it('marks lessons acted on only for actions the evidence warranted: the clicking team acts on none', () => {
    const scenario = scenarios.get(c.id)!;
    const seed = scenario.data.defaultSeed;
    const lessons = (plan: readonly PlanStep[]) => lessonStatus(scenario, runPlan(scenario, seed, plan, { responders: DEFAULT_RESPONDERS }).world);
    expect(lessons(clickerPlan(scenario, seed, c.alert)).filter((l) => l.status === 'acted')).toEqual([]);
    const careful = lessons(c.careful).filter((l) => l.status === 'acted');
    expect(careful.length).toBeGreaterThanOrEqual(2);
    for (const l of careful) expect(l.related.some((r) => r.warranted === true)).toBe(true);
  });

  it('outscores posting before the incident, resolving early, restarting the fleet and rolling everything back', () => {
    const careful = scoreOf(c.id, c.careful);
    const reckless = scoreOf(c.id, c.reckless);
    expect(careful.total).toBeGreaterThan(reckless.total);
    expect(careful.penalties).toEqual([]);
    const posts = reckless.comms!.posts.map((p) => p.verdict);
    expect(posts).toContain('early');
    expect(posts).toContain('resolved-while-failing');
    expect(reckless.penalties.filter((p) => p.kind === 'rollback').length).toBeGreaterThanOrEqual(1);
    expect(reckless.penalties.filter((p) => p.kind === 'action').length).toBeGreaterThanOrEqual(2);
    // Each risk carries a one-line reason a trainer can read.
    for (const p of reckless.penalties) expect(p.reason).toMatch(/: .{20,}/);
  });

  it('prevention scores at least as much as the same fix after the first alert, which scores more than the same fix later', () => {
    const scenario = scenarios.get(c.id)!;
    const prevent = scoreOf(c.id, fixAt(scenario, c.prevent), c.preventMode);
    const cure = scoreOf(c.id, fixAt(scenario, c.alert));
    const late = scoreOf(c.id, fixAt(scenario, c.late));
    expect(prevent.total).toBeGreaterThanOrEqual(cure.total);
    expect(cure.total).toBeGreaterThan(late.total);
    // No milestone is lower because an alert never fired or a recovery was never needed.
    for (const m of prevent.milestones) {
      const other = cure.milestones.find((x) => x.id === m.id)!;
      expect(m.points, m.id).toBeGreaterThanOrEqual(other.points);
    }
    expect(prevent.milestones.find((m) => m.objective === 'detect')).toMatchObject({ credit: 'moot' });
  });
});

describe('cloudflare-2025-11-18: all customer impact, comms against the truth', () => {
  const ID = 'cloudflare-2025-11-18';
  const reference = () => scenarios.get(ID)!.data.referencePlan;

  it('scores the reference plan without the Access bypass lower than with it: Access failures are customer impact', () => {
    const withBypass = scoreOf(ID, reference());
    const without = scoreOf(ID, reference().filter((s) => !('action' in s && s.action === 'access_bypass')));
    expect(without.total).toBeLessThan(withBypass.total);
    const access = (s: ScoreBreakdown) => s.impact.signals.find((x) => x.signal === 'access_auth_failure_rate')!.team;
    expect(access(without)).toBeGreaterThan(access(withBypass));
  });

  it('charges a "Resolved" post while the 5xx share is above its threshold, and a status post before impact', () => {
    const base = scoreOf(ID, reference());
    const resolvedEarly = scoreOf(ID, [...reference(), { at: '12:40', action: 'post_status_update', params: { state: 'resolved', components: ['cdn'], message: 'This incident has been resolved.' } }]);
    const judged = resolvedEarly.comms!.posts.find((p) => p.requestedAt === clock('12:40'))!;
    expect(judged.verdict).toBe('resolved-while-failing');
    expect(judged.failing).toContain('cdn');
    expect(judged.lines[0]).toMatchObject({ points: -scenarios.get(ID)!.data.scoring.comms!.resolvedWhileFailing });
    expect(resolvedEarly.total).toBeLessThan(base.total);

    const early = scoreOf(ID, [{ at: '11:05', action: 'post_status_update', params: { state: 'investigating', components: ['cdn'], message: 'We are investigating errors across our network.' } }, ...reference()]);
    expect(early.comms!.posts[0]).toMatchObject({ verdict: 'early', points: -scenarios.get(ID)!.data.scoring.comms!.earlyPost });
    expect(early.total).toBeLessThan(base.total);
  });

  it('credits a recovery reached in a natural good window only from when the team\'s fix took effect', () => {
    // The real responders' morning, then generation stopped at 12:07 inside the good-file window
    // that starts at 12:05 (guided: the point here is the credit, not how the team found the job).
    const scenario = scenarios.get(ID)!;
    const plan: PlanStep[] = [...reference().filter((s) => s.at < '12:00'), { at: '12:07', action: 'stop_feature_generation', params: {} }];
    const played = runPlan(scenario, 7, plan, { mode: 'guided', responders: DEFAULT_RESPONDERS }).world;
    const s = scoreRun(scenario, played, runPlan(scenario, 7, reference(), { responders: DEFAULT_RESPONDERS }).world);
    const resolved = s.milestones.find((m) => m.id === 'main_impact_resolved')!;
    const stop = played.actions.find((a) => a.action === 'stop_feature_generation')!;
    expect(resolved).toMatchObject({ credit: 'after-fix', team: stop.effectiveAt });
    expect(resolved.rule).toContain('inside a natural good window');
  });

  it('lets a fleet restart after the known-good file go uncharged, and charges one before it', () => {
    const careful = scoreOf(ID, CAREFUL_18);
    expect(careful.penalties.find((p) => p.reason.startsWith('Force a restart'))).toBeUndefined();
    const reckless = scoreOf(ID, RECKLESS_18);
    expect(reckless.penalties.find((p) => p.reason.startsWith('Force a restart of the core proxy'))).toMatchObject({ points: 30 });
  });
});

describe('aws-us-east-1-2025-10-20: every service customers felt; risks priced on evidence', () => {
  const ID = 'aws-us-east-1-2025-10-20';
  const reference = () => scenarios.get(ID)!.data.referencePlan;
  const without = (ids: string[], key: 'action' | 'investigate') => reference().filter((s) => !(key in s && ids.includes((s as Record<string, unknown>)[key] as string)));

  it('scores the reference plan with automatic NLB failover left on lower: NLB connection errors are customer impact', () => {
    const base = scoreOf(ID, reference());
    const leftOn = scoreOf(ID, without(['disable_nlb_auto_failover', 'enable_nlb_auto_failover'], 'action'));
    const nlb = (s: ScoreBreakdown) => s.impact.signals.find((x) => x.signal === 'nlb_error_pct')!.team;
    expect(nlb(leftOn)).toBeGreaterThan(nlb(base));
    expect(leftOn.total).toBeLessThan(base.total);
  });

  it('charges turning NLB failover off without the health-check history that shows healthy nodes failing, and not with it', () => {
    expect(scoreOf(ID, reference()).penalties).toEqual([]);
    const blind = scoreOf(ID, without(['nlb_health_history'], 'investigate'));
    expect(blind.penalties).toEqual([expect.objectContaining({ kind: 'action', points: 10, at: clock('16:33') })]);
    expect(blind.penalties[0]!.reason).toMatch(/^Disable automatic NLB health-check failover: .*without evidence/);
  });

  it('charges "Resolved" once DynamoDB is back while EC2 launches and containers still fail', () => {
    const resolved = scoreOf(ID, [...reference(), { at: '09:50', action: 'post_health_dashboard', params: { state: 'resolved', components: [], message: 'DynamoDB has recovered and the issue is resolved.' } }]);
    const judged = resolved.comms!.posts.find((p) => p.requestedAt === clock('09:50'))!;
    expect(judged.verdict).toBe('resolved-while-failing');
    expect(judged.failing).toEqual(expect.arrayContaining(['ec2', 'containers']));
    expect(judged.failing).not.toContain('dynamodb');
    expect(resolved.total).toBeLessThan(scoreOf(ID, reference()).total);
  });

  it('prices every rollback as one without evidence (the trigger was not a change) and every DWFM restart at once, not a selective one', () => {
    const reckless = scoreOf(ID, RECKLESS_AWS);
    const rollbacks = reckless.penalties.filter((p) => p.kind === 'rollback');
    expect(rollbacks.length).toBe(RECKLESS_AWS.filter((s) => 'action' in s && s.action === 'rollback_change').length);
    expect(rollbacks.every((p) => p.points === scenarios.get(ID)!.data.scoring.unwarrantedRollback!.points)).toBe(true);
    expect(reckless.penalties.find((p) => p.reason.startsWith('Restart DWFM hosts'))).toMatchObject({ points: 40 });
    expect(scoreOf(ID, CAREFUL_AWS).penalties).toEqual([]);
  });
});
