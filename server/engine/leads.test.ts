import { beforeAll, describe, expect, it } from 'vitest';
import {
  advance, apply, available, clock, createWorld, lockedBecause, NOT_AVAILABLE, observe, runPlan, scenarioDataSchema,
  type Scenario, type ScenarioData, type World,
} from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

/**
 * The toy with a lead graph on top: the change log reveals the 10:05 push (a change lead), which
 * unlocks the rollback, the database option of the log query, and the push as a diagnosis trigger.
 */
let gated: Scenario;
beforeAll(async () => {
  const toy = await loadToyScenario();
  const json = JSON.parse(JSON.stringify(toy.data)) as Record<string, unknown> & ScenarioData;
  json.leads = [{ id: 'change_v42', kind: 'change', label: 'Config v42 push (10:05)' }, { id: 'svc_api', kind: 'service', label: 'API workers' }];
  json.alerts = json.alerts.map((a) => ({ ...a, leads: ['svc_api'] }));
  json.actions = json.actions.map((a) => (a.id === 'rollback_config' ? { ...a, requires: { anyOf: ['change_v42'] } } : a));
  json.investigations = json.investigations.map((i) => (i.id !== 'logs' ? i : {
    ...i, params: i.params.map((p) => (p.type !== 'enum' ? p : { ...p, options: p.options.map((o) => (o.value === 'db' ? { ...o, requires: { allOf: ['change_v42', 'svc_api'] } } : o)) })),
  }));
  json.diagnosis = { triggers: [{ id: 'ddos', label: 'An attack' }], mechanisms: toy.data.diagnosis.mechanisms, correct: { trigger: 'change_v42', mechanism: 'bad_value' } } as unknown as ScenarioData['diagnosis'];
  json.referencePlan = toy.data.referencePlan.map((s) => ('diagnose' in s ? { ...s, diagnose: { ...s.diagnose, trigger: 'change_v42' } } : s));
  gated = {
    data: scenarioDataSchema.parse(json),
    model: { ...toy.model, investigate: (m, inv, ctx) => ({ ...toy.model.investigate(m, inv, ctx), leads: inv.id === 'recent_changes' ? ['change_v42'] : [] }) },
  };
});

const must = (world: World, command: Parameters<typeof apply>[2]): World => {
  const r = apply(gated, world, command);
  if (!r.ok) throw new Error(r.error);
  return r.world;
};
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('leads and the runbook', () => {
  it('offers only the generic toolbox at the start, in realistic mode by default', () => {
    const w = createWorld(gated, 1);
    expect(w.mode).toBe('realistic');
    const book = available(gated, w);
    expect(ids(book.actions)).toEqual(['restart_api', 'post_status']);
    expect(book.investigations.find((i) => i.id === 'logs')!.params).toEqual([{ name: 'service', label: 'Service', type: 'enum', options: [{ value: 'api', label: 'API' }] }]);
    expect(ids(book.diagnosis.triggers)).toEqual(['ddos']);
    expect(book.actions.every((a) => a.unlockedAt === null)).toBe(true);
  });

  it('refuses a locked action, option or trigger without naming it, and an unknown id the same way', () => {
    const w = createWorld(gated, 1);
    for (const command of [
      { type: 'act' as const, action: 'rollback_config' },
      { type: 'act' as const, action: 'no_such_action' },
      { type: 'investigate' as const, investigation: 'logs', params: { service: 'db' } },
      { type: 'diagnose' as const, trigger: 'change_v42', mechanism: 'bad_value' },
    ]) expect(apply(gated, w, command)).toEqual({ ok: false, error: NOT_AVAILABLE });
    expect(lockedBecause(gated, w, { type: 'act', action: 'rollback_config' })).toEqual(['change_v42']);
    expect(lockedBecause(gated, w, { type: 'investigate', investigation: 'logs', params: { service: 'db' } })).toEqual(['change_v42', 'svc_api']);
  });

  it('records leads from alerts and evidence with time and source, and unlocks what they open', () => {
    let w = advance(gated, createWorld(gated, 1), clock('10:20'));
    w = must(w, { type: 'investigate', investigation: 'recent_changes' });
    w = advance(gated, w, clock('10:24'));
    expect(w.leads.map((l) => l.id)).toEqual(['svc_api', 'change_v42']);
    expect(w.leads[1]).toEqual({ id: 'change_v42', at: clock('10:23'), source: 'Recent changes' });
    expect(w.leads[0]!.source).toBe('Alert: 5xx above 5%');
    const team = observe(gated, w, { role: 'team' });
    expect(team.leads[1]).toMatchObject({ id: 'change_v42', kind: 'change', label: 'Config v42 push (10:05)' });
    expect(team.runbook.actions.find((a) => a.id === 'rollback_config')!.unlockedAt).toBe(clock('10:23'));
    // Sorted by label ("An attack", "Config v42 push"): the order gives nothing away.
    expect(team.runbook.diagnosis.triggers.map((o) => o.id)).toEqual(['ddos', 'change_v42']);
    // The evidence keeps its text; the lead ids travel as leads, not inside the evidence.
    expect(team.investigations[0]!.evidence).not.toHaveProperty('leads');
    w = must(w, { type: 'investigate', investigation: 'logs', params: { service: 'db' } });
    w = must(w, { type: 'diagnose', trigger: 'change_v42', mechanism: 'bad_value' });
    expect(w.diagnoses[0]).toMatchObject({ correct: true, triggerRight: true, mechanismRight: true });
  });

  it('unlocks everything from the start in guided mode', () => {
    const w = createWorld(gated, 1, { mode: 'guided' });
    const book = available(gated, w);
    expect(ids(book.actions)).toEqual(['rollback_config', 'restart_api', 'post_status']);
    expect(book.diagnosis.triggers.every((o) => o.unlockedAt === null)).toBe(true);
    expect(observe(gated, w, { role: 'team' }).mode).toBe('guided');
    expect(apply(gated, w, { type: 'act', action: 'rollback_config' }).ok).toBe(true);
  });

  it('names the entry and the lead a plan lacks when it uses a locked tool', () => {
    const { refused } = runPlan(gated, 1, [{ at: '10:10', action: 'rollback_config', params: {} }]);
    expect(refused).toEqual([{ at: clock('10:10'), command: { type: 'act', action: 'rollback_config', params: {}, by: 'r1' }, error: NOT_AVAILABLE, needs: ['change_v42'] }]);
    expect(runPlan(gated, 1, gated.data.referencePlan).refused).toEqual([]);
  });
});

describe('a tool gated only by its options', () => {
  it('appears, marked found, when its first option unlocks (5 Dec: revert a change once a change is seen)', async () => {
    const { loadScenario } = await import('../scenario-registry/load-scenarios.ts');
    const loaded = await loadScenario(new URL('../../scenarios/cloudflare-2025-12-05', import.meta.url).pathname);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const scenario = loaded.scenario;
    const before = runPlan(scenario, scenario.data.defaultSeed, [], { mode: 'realistic' }).world;
    expect(available(scenario, before).actions.map((a) => a.id)).not.toContain('revert_change');
    const plan = scenario.data.referencePlan.filter((s) => 'investigate' in s && s.investigate === 'recent_changes');
    const world = runPlan(scenario, scenario.data.defaultSeed, plan, { mode: 'realistic' }).world;
    const revert = available(scenario, world).actions.find((a) => a.id === 'revert_change');
    // The first lead that unlocks one of its options (changes seen in the global configuration log).
    const spec = scenario.data.actions.find((a) => a.id === 'revert_change')!;
    const gating = new Set(spec.params.flatMap((p) => (p.type === 'enum' ? p.options.flatMap((o) => [...(o.requires?.anyOf ?? []), ...(o.requires?.allOf ?? [])]) : [])));
    const firstChange = Math.min(...world.leads.filter((l) => gating.has(l.id)).map((l) => l.at));
    expect(revert?.unlockedAt).toBe(firstChange);
    expect(available(scenario, runPlan(scenario, scenario.data.defaultSeed, [], { mode: 'guided' }).world).actions.find((a) => a.id === 'revert_change')?.unlockedAt).toBeNull();
  });
});
