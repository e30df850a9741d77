/**
 * Fidelity (issue 10): credit only for a fix that changed the world, a window long enough for a late
 * fix, open recoveries decided at the end, and a plateau with the noise of a real dashboard.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../server/scenario-registry/load-scenarios.ts';
import { Rng, clock, computeMetrics, decideMarkers, findMarkers, formatClock, runPlan, scoreRun, type PlanStep, type Scenario, type World } from '../../server/engine/index.ts';
import type { Dec05State } from './state.ts';

let scenario: Scenario<Dec05State>;
beforeAll(async () => {
  const result = await loadScenario(import.meta.dirname);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  scenario = result.scenario as Scenario<Dec05State>;
});

const KILLSWITCH_SENT = clock('08:47');
// Model fidelity, not discovery: guided mode, so a plan may use any tool at any time.
const run = (plan: PlanStep[], seed = scenario.data.defaultSeed) => runPlan(scenario, seed, plan, { mode: 'guided' }).world;
const REVERT_KILLSWITCH = { action: 'revert_change', params: { change: 'change_waf_killswitch' } };
const remediation = (world: World<Dec05State>) => scoreRun(scenario, world, world).milestones.find((m) => m.id === 'remediation')!;

/** A random plan of actions (any of the scenario's) at random minutes of the window. */
function randomPlan(rng: Rng): PlanStep[] {
  const start = clock(scenario.data.clock.start);
  const minutes = (clock(scenario.data.clock.end) - start) / 60;
  return Array.from({ length: 1 + rng.int(5) }, () => {
    const spec = rng.pick(scenario.data.actions);
    const params: Record<string, string> = {};
    for (const p of spec.params) if (p.type === 'enum') params[p.name] = rng.pick(p.options).value;
    return { at: formatClock(start + rng.int(minutes) * 60), action: spec.id, params };
  });
}

describe('credit only for a fix that changed the world', () => {
  it.each(['08:30', '08:45', '08:46'])('a revert at %s, before the killswitch change existed, scores no "Fix sent"', (at) => {
    const world = run([{ at, ...REVERT_KILLSWITCH }]);
    expect(world.actions[0]!.changed).toBe(false);
    expect(remediation(world).team).toBeNull();
    expect(remediation(world).points).toBe(0);
  });

  it('over seeds 1–50 and random plans, "Fix sent" is credited exactly when a revert took the live change back', () => {
    const rng = new Rng(20251205);
    for (let seed = 1; seed <= 50; seed++) {
      const plan = randomPlan(rng);
      if (seed % 2 === 0) plan.push({ at: formatClock(KILLSWITCH_SENT - 60 * (1 + rng.int(7))), ...REVERT_KILLSWITCH });
      const world = run(plan, seed);
      const credited = remediation(world).team;
      // The one revert that changed the world is the one that set killswitchRevertedAt (which the
      // engine applies at the first step at or after the action's time).
      const reverted = world.model.killswitchRevertedAt;
      expect(credited === null, `seed ${seed} ${JSON.stringify(plan)}`).toBe(reverted === null);
      if (credited !== null) {
        expect(reverted! - credited).toBeGreaterThanOrEqual(0);
        expect(reverted! - credited).toBeLessThanOrEqual(scenario.data.clock.stepSeconds);
        expect(credited).toBeGreaterThanOrEqual(KILLSWITCH_SENT);
      }
    }
  });
});

describe('a late fix is recorded', () => {
  it('runs to 10:00, so a revert at 09:25 records impact_end at about 09:26', () => {
    expect(scenario.data.clock.end).toBe('10:00');
    const markers = decideMarkers(scenario, run([{ at: '09:25', ...REVERT_KILLSWITCH }])).markers;
    expect(Math.abs(markers.impact_end! - clock('09:26'))).toBeLessThanOrEqual(60);
  });

  it('decides a recovery still holding at the end: a revert at 09:57 is credited at about 09:58', () => {
    const world = run([{ at: '09:57', ...REVERT_KILLSWITCH }]);
    expect(findMarkers(scenario.data, world.samples).markers.impact_end).toBeNull();
    const recovery = scoreRun(scenario, world, world).milestones.find((m) => m.id === 'recovery')!;
    expect(Math.abs(recovery.team! - clock('09:58'))).toBeLessThanOrEqual(60);
  });
});

describe('a plateau with noise', () => {
  const spread = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) };
  };

  it('moves from sample to sample, globally and per region, around about 28 %', () => {
    const world = run(scenario.data.referencePlan);
    const plateau = world.samples.filter((s) => s.t >= clock('08:50') && s.t <= clock('09:10'));
    const global = spread(plateau.map((s) => s.values.http_5xx_pct!));
    expect(global.mean).toBeGreaterThan(27);
    expect(global.mean).toBeLessThan(29.5);
    expect(global.sd).toBeGreaterThan(0.15);
    // No value held for ten minutes: almost every sample differs from the one before.
    const same = plateau.filter((s, i) => i > 0 && s.values.http_5xx_pct === plateau[i - 1]!.values.http_5xx_pct).length;
    expect(same).toBeLessThan(plateau.length / 10);
    for (const region of ['region_na_5xx_pct', 'region_eu_5xx_pct', 'region_apac_5xx_pct', 'region_sa_5xx_pct', 'region_afme_5xx_pct']) {
      expect(spread(plateau.map((s) => s.values[region]!)).sd, region).toBeGreaterThan(0.3);
    }
    const peak = computeMetrics(scenario.data, world.samples).peak_failing_share!;
    expect(peak).toBeGreaterThanOrEqual(0.25);
    expect(peak).toBeLessThanOrEqual(0.31);
  });
});
