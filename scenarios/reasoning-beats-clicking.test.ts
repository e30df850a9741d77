/**
 * Issue 18's "must show", in realistic mode with the default seed and three responders, on every
 * scenario: a team that clicks every generic investigation at the first alert and then submits the
 * first trigger and the first failure class offered, citing nothing, scores less than a team that
 * follows the evidence (the real responders' plan, whose diagnosis cites the findings behind it);
 * and the same right diagnosis without its findings earns no diagnosis credit. Relations only: the
 * scoring itself is free to change.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarios } from '../server/scenario-registry/load-scenarios.ts';
import {
  available, createWorld, formatClock, observe, planToCommands, runCommands, runPlan, scoreRun,
  type PlanStep, type Scenario, type World,
} from '../server/engine/index.ts';

const IDS = ['cloudflare-2025-11-18', 'cloudflare-2025-12-05'];

/** When the first alert fires if nobody does anything. */
function firstAlert(scenario: Scenario): number {
  const idle = runPlan(scenario, scenario.data.defaultSeed, []).world;
  const alert = idle.feed.find((f) => f.kind === 'alert');
  if (!alert) throw new Error(`${scenario.data.id}: no alert`);
  return Math.ceil(alert.at / 60) * 60;
}

/** Every generic investigation, every option, at the first alert; the first options offered once they are all back; the real fixes. */
function clickerPlan(scenario: Scenario): PlanStep[] {
  const at = formatClock(firstAlert(scenario));
  const clicks: PlanStep[] = available(scenario, createWorld(scenario, scenario.data.defaultSeed)).investigations.flatMap((inv) => {
    const choice = inv.params.find((p) => p.type === 'enum');
    const values = choice?.type === 'enum' ? choice.options.map((o) => ({ [choice.name]: o.value })) : [{}];
    return values.map((params): PlanStep => ({ at, investigate: inv.id, params }));
  });
  const fixes = scenario.data.referencePlan.filter((s) => 'action' in s);
  // When the last click is back, take what the runbook offers first, in its (alphabetical) order.
  const clicked = runCommands(scenario, scenario.data.defaultSeed, planToCommands(clicks), undefined, { responders: 3 }).world;
  const back = Math.max(...clicked.investigations.map((i) => i.completesAt));
  const seen = observe(scenario, runCommands(scenario, scenario.data.defaultSeed, planToCommands(clicks), back, { responders: 3 }).world, { role: 'team' }).runbook.diagnosis;
  const guess: PlanStep = {
    at: formatClock(Math.ceil(back / 60) * 60),
    diagnose: { trigger: seen.triggers[0]!.id, mechanism: seen.mechanisms[0]!.id, text: 'first options offered', ...(seen.components[0] ? { component: seen.components[0].id } : {}) },
  };
  return [...clicks, guess, ...fixes];
}

const total = (scenario: Scenario, world: World, reference: World) => scoreRun(scenario, world, reference).total;
const diagnosisCredit = (scenario: Scenario, world: World, reference: World) => {
  const id = scenario.data.milestones.find((m) => m.source.kind === 'first-correct-diagnosis')!.id;
  return scoreRun(scenario, world, reference).milestones.find((m) => m.id === id)!;
};

describe.each(IDS)('%s, realistic mode, default seed, three responders', (id) => {
  let scenario: Scenario;
  beforeAll(async () => {
    const catalog = await loadScenarios(path.resolve(import.meta.dirname));
    scenario = catalog.scenarios.get(id)!;
    expect(scenario, `${id} loads`).toBeDefined();
  });

  it('clicking every generic investigation and guessing the first options scores less than following the evidence', () => {
    const seed = scenario.data.defaultSeed;
    const careful = runPlan(scenario, seed, scenario.data.referencePlan);
    const clicker = runPlan(scenario, seed, clickerPlan(scenario));
    expect(careful.refused).toEqual([]);
    // The clicker's guess was taken (and recorded), with nothing cited.
    expect(clicker.world.diagnoses).toHaveLength(1);
    expect(clicker.world.diagnoses[0]!.evidence).toEqual([]);
    expect(clicker.world.diagnoses[0]!.supported).toBe(false);
    expect(diagnosisCredit(scenario, clicker.world, careful.world).team).toBeNull();
    expect(total(scenario, clicker.world, careful.world)).toBeLessThan(total(scenario, careful.world, careful.world));
  });

  it('the right diagnosis without its findings earns no diagnosis credit; with them it does', () => {
    const seed = scenario.data.defaultSeed;
    const bare = scenario.data.referencePlan.map((s) => ('diagnose' in s ? { ...s, diagnose: { ...s.diagnose, evidence: [] } } : s));
    const withFindings = runPlan(scenario, seed, scenario.data.referencePlan).world;
    const without = runPlan(scenario, seed, bare).world;
    expect(without.diagnoses[0]).toMatchObject({ correct: true, supported: false });
    expect(diagnosisCredit(scenario, without, withFindings).team).toBeNull();
    expect(diagnosisCredit(scenario, withFindings, withFindings).team).not.toBeNull();
    expect(total(scenario, without, withFindings)).toBeLessThan(total(scenario, withFindings, withFindings));
  });
});
