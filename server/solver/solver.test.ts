import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario-registry/load-scenarios.ts';
import { clock, computeMarkers, runPlan, type Scenario, type World } from '../engine/index.ts';
import { computePar, type ParReport } from './par.ts';
import { loadReasoningToy } from './test-fixtures/reasoning-toy.ts';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');

async function load(id: string): Promise<Scenario> {
  const result = await loadScenario(path.join(SCENARIOS, id));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}

/** The most tasks any one responder had in hand at once (1 when the limit held). */
function mostAtOnce(world: World): number {
  const spans = [
    ...world.investigations.map((i) => ({ by: i.by, from: i.requestedAt, to: i.completesAt })),
    ...world.actions.flatMap((a) => (a.workUntil === undefined ? [] : [{ by: a.by, from: a.requestedAt, to: a.workUntil }])),
  ];
  let most = 0;
  for (const s of spans) most = Math.max(most, spans.filter((o) => o.by === s.by && o.from <= s.from && o.to > s.from).length);
  return most;
}

function expectWin(scenario: Scenario, report: ParReport): void {
  expect(report.solver.resolved).toBe(true);
  expect(report.beatsReference).toBe(true);
  expect(report.par.score.total).toBeGreaterThan(report.reference.score.total);
  // The plan replays through the engine, with the same responders, exactly as the report says:
  // nothing refused, nobody waits, and no responder ever holds two tasks.
  const replayed = runPlan(scenario, report.seed, report.solver.plan, { mode: report.mode, responders: report.responders });
  expect(replayed.refused).toEqual([]);
  expect(replayed.waited).toEqual([]);
  expect(mostAtOnce(replayed.world)).toBe(1);
  expect(new Set(report.solver.plan.map((s) => s.by))).toEqual(new Set(Array.from({ length: report.responders }, (_, i) => `r${i + 1}`)));
  // It declared a right diagnosis, supported by the findings it cited, and earned its credit.
  expect(report.declared, 'the solver declared a diagnosis').not.toBeNull();
  expect(report.declared).toMatchObject({ correct: true, supported: true });
  const diagnosisMilestone = scenario.data.milestones.find((m) => m.source.kind === 'first-correct-diagnosis')!;
  expect(report.par.score.milestones.find((m) => m.id === diagnosisMilestone.id)!.team).toBe(report.solver.diagnosedAt);
  // No risk taken: in either mode it undoes a change only once its own evidence points at it
  // (undo-warrant.ts), which the scoring, from the scenario's support declaration, agrees with.
  expect(report.par.score.penalties).toEqual([]);
}

describe('solver', () => {
  it('wins the toy scenario with three responders, and diagnoses it from the data', async () => {
    const toy = await loadReasoningToy();
    const report = computePar(toy);
    expectWin(toy, report);
    expect(report.solver.plan.some((s) => 'action' in s && s.action === 'rollback_config')).toBe(true);
    expect(report.solver.diagnosis).toMatchObject({ trigger: { id: 'change_config_v42' }, mechanism: { id: 'generated_file_over_limit' } });
  });

  it('plays the toy with one responder: one task at a time, still solved, later', async () => {
    const toy = await loadReasoningToy();
    const one = computePar(toy, undefined, { responders: 1 });
    const three = computePar(toy);
    expectWin(toy, one);
    expect(one.solver.diagnosedAt!).toBeGreaterThan(three.solver.diagnosedAt!);
  });

  describe('cloudflare-2025-12-05', () => {
    let scenario: Scenario;
    let report: ParReport;
    beforeAll(async () => { scenario = await load('cloudflare-2025-12-05'); report = computePar(scenario); }, 120_000);

    it('beats the reference with the killswitch revert, not the red herrings', () => {
      expectWin(scenario, report);
      const actions = report.solver.plan.flatMap((s) => ('action' in s ? [`${s.action}${'change' in s.params ? `:${s.params.change}` : ''}`] : []));
      expect(actions).toContain('revert_change:change_waf_killswitch');
      for (const herring of ['rollback_deployment:change_body_buffer', 'enable_ddos_mode', 'disable_managed_rules', 'restart_fl1', 'revert_change:change_ip_list']) expect(actions).not.toContain(herring);
    });

    it('acts only once it has been paged (no foresight before the first alert)', () => {
      const alert = clock(report.reference.markers.alert_fired!);
      for (const step of report.solver.plan) expect(clock(step.at)).toBeGreaterThanOrEqual(alert);
      const played = runPlan(scenario, report.seed, report.solver.plan).world;
      const markers = computeMarkers(scenario.data, played.samples);
      expect(markers.impact_end!).toBeLessThan(clock('09:12'));
    });
  });

  it.each(['cloudflare-2025-11-18', 'cloudflare-2025-12-05'])('%s: solvable with three responders through discovery alone; realistic par no higher than guided, both above the reference', async (id) => {
    const scenario = await load(id);
    const realistic = computePar(scenario, undefined, {}, 'realistic');
    const guided = computePar(scenario, undefined, {}, 'guided');
    expectWin(scenario, realistic);
    expectWin(scenario, guided);
    // Realistic: nothing was used before the evidence unlocked it (the replay above refused nothing), and the leads were found by playing.
    const world = runPlan(scenario, realistic.seed, realistic.solver.plan).world;
    expect(world.leads.length).toBeGreaterThan(2);
    expect(realistic.par.score.total).toBeLessThanOrEqual(guided.par.score.total);
    expect(realistic.par.score.total).toBeGreaterThan(realistic.reference.score.total);
  }, 300_000);
});
