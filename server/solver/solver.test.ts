import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario-registry/load-scenarios.ts';
import { clock, computeMarkers, runPlan, type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { computePar, type ParReport } from './par.ts';

const SCENARIOS = path.resolve(import.meta.dirname, '../../scenarios');

async function load(id: string): Promise<Scenario> {
  const result = await loadScenario(path.join(SCENARIOS, id));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}

function expectWin(scenario: Scenario, report: ParReport): void {
  // Transitional (issue 18): the solver does not plan for responders yet, so its plan replays unlimited.
  expect(report.solver.resolved).toBe(true);
  expect(report.beatsReference).toBe(true);
  expect(report.par.score.total).toBeGreaterThan(report.reference.score.total);
  // The plan replays through the engine exactly as the report says (it is a plain plan file).
  const replayed = runPlan(scenario, report.seed, report.solver.plan, { mode: report.mode, responders: undefined });
  expect(replayed.refused).toEqual([]);
  const diagnosisMilestone = scenario.data.milestones.find((m) => m.source.kind === 'first-correct-diagnosis')!;
  expect(report.par.score.milestones.find((m) => m.id === diagnosisMilestone.id)!.team, 'the solver found the correct diagnosis').not.toBeNull();
  // Guided, the revert is on the menu before any finding: the blind solver's early revert is priced as a rollback without evidence.
  expect(report.par.score.penalties.filter((p) => report.mode === 'realistic' || p.kind !== 'rollback')).toEqual([]);
}

describe('solver', () => {
  it('wins the toy scenario and beats its reference', async () => {
    const toy = await loadToyScenario();
    const report = computePar(toy);
    expectWin(toy, report);
    expect(report.solver.plan.some((s) => 'action' in s && s.action === 'rollback_config')).toBe(true);
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
      expect(report.solver.diagnosis?.trigger.id).toBe('change_waf_killswitch');
      expect(report.solver.diagnosis?.mechanism.id).toBe('config_reaches_code_bug');
    });

    it('acts only once it has been paged (no foresight before the first alert)', () => {
      const alert = clock(report.reference.markers.alert_fired!);
      for (const step of report.solver.plan) expect(clock(step.at)).toBeGreaterThanOrEqual(alert);
      const played = runPlan(scenario, report.seed, report.solver.plan, { responders: undefined }).world;
      const markers = computeMarkers(scenario.data, played.samples);
      expect(markers.impact_end!).toBeLessThan(clock('09:12'));
    });
  });

  it.each(['cloudflare-2025-11-18', 'cloudflare-2025-12-05'])('%s: solvable through discovery alone; realistic par no higher than guided, both above the reference', async (id) => {
    const scenario = await load(id);
    const realistic = computePar(scenario, undefined, {}, 'realistic');
    const guided = computePar(scenario, undefined, {}, 'guided');
    expectWin(scenario, realistic);
    expectWin(scenario, guided);
    // Realistic: nothing was used before the evidence unlocked it (the replay above refused nothing), and the leads were found by playing.
    const world = runPlan(scenario, realistic.seed, realistic.solver.plan, { responders: undefined }).world;
    expect(world.leads.length).toBeGreaterThan(2);
    expect(realistic.par.score.total).toBeLessThanOrEqual(guided.par.score.total);
    expect(realistic.par.score.total).toBeGreaterThan(realistic.reference.score.total);
  }, 300_000);
});
