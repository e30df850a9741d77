/**
 * The solver must play blind: no hidden state, no truth(), no answer key, no support declaration
 * (which findings back which part), no observations, no reference plan.
 * Three independent checks, each of which a cheating solver would fail:
 * - the hidden state is guarded so that any read outside the model throws, and truth() throws;
 * - changing the answer key (diagnosis.correct), the support declaration or the reference plan
 *   changes nothing it does;
 * - its modules only reach the engine through the team simulator.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario-registry/load-scenarios.ts';
import { createWorld, observe, type Scenario } from '../engine/index.ts';
import { loadReasoningToy } from './test-fixtures/reasoning-toy.ts';
import { publicView } from './public-scenario.ts';
import { solve, type SolverResult } from './solve.ts';
import { TeamSimulator } from './team-simulator.ts';
import { guardScenario, HiddenStateRead } from './test-fixtures/guarded-model.ts';

const solveBlind = (scenario: Scenario): SolverResult => solve(publicView(scenario.data), new TeamSimulator(scenario, scenario.data.defaultSeed));
const stripCost = (r: SolverResult) => ({ plan: r.plan, impact: r.impact, diagnosis: r.diagnosis });

/** Same scenario, another answer key: the first trigger/mechanism pair that is not the correct one. */
function withWrongAnswer(scenario: Scenario): Scenario {
  const { diagnosis } = scenario.data;
  const trigger = diagnosis.triggers.find((o) => o.id !== diagnosis.correct.trigger)!.id;
  const mechanism = diagnosis.mechanisms.find((o) => o.id !== diagnosis.correct.mechanism)!.id;
  return { model: scenario.model, data: { ...scenario.data, diagnosis: { ...diagnosis, correct: { trigger, mechanism } } } };
}

/** Same scenario, support declared the other way round (each part backed by what backed another). */
function withOtherSupport(scenario: Scenario): Scenario {
  const { diagnosis } = scenario.data;
  const { trigger, component, mechanism } = diagnosis.support;
  const support = { ...(mechanism ? { trigger: mechanism } : {}), ...(trigger ? { mechanism: trigger } : {}), ...(component ? { component: trigger ?? component } : {}) };
  return { model: scenario.model, data: { ...scenario.data, diagnosis: { ...diagnosis, support } } };
}

/** Same scenario, a different reference plan (one investigation at the start). */
function withOtherReference(scenario: Scenario): Scenario {
  const inv = scenario.data.investigations.find((i) => i.params.length === 0)!;
  return { model: scenario.model, data: { ...scenario.data, referencePlan: [{ at: scenario.data.clock.start, investigate: inv.id, params: {} }] } };
}

describe.each([
  ['the reasoning toy', () => loadReasoningToy()],
  ['cloudflare-2025-12-05', async () => {
    const r = await loadScenario(path.resolve(import.meta.dirname, '../../scenarios/cloudflare-2025-12-05'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.scenario;
  }],
])('solver plays %s blind', (_id, load) => {
  let scenario: Scenario;
  let baseline: SolverResult;
  beforeAll(async () => { scenario = await load(); baseline = solveBlind(scenario); }, 120_000);

  it('never reads the hidden state nor calls truth()', () => {
    const guarded = guardScenario(scenario);
    const result = solveBlind(guarded.scenario);
    expect(guarded.reads()).toBe(0);
    expect(stripCost(result)).toEqual(stripCost(baseline));
  }, 120_000);

  it('the guard does trip on a peek at the hidden state (so the check above can fail)', () => {
    const guarded = guardScenario(scenario);
    const world = createWorld(guarded.scenario, 1);
    expect(() => Object.keys(world.model as object)).toThrow(HiddenStateRead);
    expect(() => JSON.stringify(world)).toThrow(HiddenStateRead);
    expect(() => observe(guarded.scenario, world, { role: 'facilitator' })).toThrow(HiddenStateRead);
    expect(guarded.reads()).toBe(2);
    // The team's view of the same world is fine: it never touches the state.
    expect(observe(guarded.scenario, world, { role: 'team' }).samples).toHaveLength(1);
  });

  it('does exactly the same with another answer key, another support declaration or another reference plan', () => {
    expect(baseline.diagnosis).not.toBeNull();
    expect(stripCost(solveBlind(withWrongAnswer(scenario)))).toEqual(stripCost(baseline));
    expect(stripCost(solveBlind(withOtherSupport(scenario)))).toEqual(stripCost(baseline));
    expect(stripCost(solveBlind(withOtherReference(scenario)))).toEqual(stripCost(baseline));
  }, 120_000);
});

describe('solver inputs', () => {
  it('the public view carries no answer key, support, observations, reference plan, real timeline, penalties or debrief text', async () => {
    const toy = await loadReasoningToy();
    const json = JSON.stringify(publicView(toy.data));
    for (const secret of ['correct', 'support', 'observations', 'referencePlan', 'realTimeline', 'whatHappened', 'lessons', 'actionPenalties', 'milestones', 'markers']) {
      expect(json).not.toContain(`"${secret}"`);
    }
  });

  it('solver modules reach the engine only through the team simulator and never name hidden fields', async () => {
    const dir = import.meta.dirname;
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    // par.ts scores and judges the finished plan (after solving); team-simulator.ts is the door; public-scenario.ts builds the view.
    const trusted = new Set(['par.ts', 'team-simulator.ts', 'public-scenario.ts']);
    for (const file of files.filter((f) => !trusted.has(f))) {
      const source = await readFile(path.join(dir, file), 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\.model\b|truth\(|\.correct\b|\.support\b|supportOf|resolveFindings|\.observations\b|\.shows\b|referencePlan|scoreRun|role: *'(facilitator|debrief)'/);
      const engineImports = [...code.matchAll(/import\s+(?!type)[^;]*from '\.\.\/engine\/index\.ts'/g)].map((m) => m[0]);
      for (const imp of engineImports) expect(imp, file).not.toMatch(/\b(advance|apply|createWorld|observe|runPlan|runCommands)\b/);
    }
  });
});
