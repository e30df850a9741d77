import { beforeAll, describe, expect, it } from 'vitest';
import {
  advance, apply, clock, createWorld, observe, scenarioDataSchema, type Command, type Scenario, type ScenarioData, type World,
} from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

/**
 * The toy with findings that show things: the change list shows the 10:05 push; the API logs show
 * the crash while the bad config is live. The correct diagnosis needs both, and a component.
 */
let toy: Scenario;
beforeAll(async () => {
  const loaded = await loadToyScenario();
  const json = JSON.parse(JSON.stringify(loaded.data)) as Record<string, unknown> & ScenarioData;
  const { components: _c, ...diagnosis } = json.diagnosis;
  toy = {
    data: scenarioDataSchema.parse({
      ...json,
      leads: [{ id: 'svc_api', kind: 'service', label: 'API workers' }, { id: 'svc_db', kind: 'service', label: 'Database' }],
      observations: [
        { id: 'push_at_onset', label: 'A config push when errors began', source: 'toy' },
        { id: 'worker_crash', label: 'API workers crash on a config value', source: 'toy' },
      ],
      diagnosis: {
        ...diagnosis,
        correct: { ...diagnosis.correct, component: ['svc_api'] },
        support: { trigger: { anyOf: ['push_at_onset'] }, component: { anyOf: ['worker_crash'] }, mechanism: { allOf: ['worker_crash', 'push_at_onset'] } },
      },
    }),
    model: {
      ...loaded.model,
      investigate: (m, inv, ctx) => {
        const body = loaded.model.investigate(m, inv, ctx);
        if (inv.id === 'recent_changes') return { ...body, leads: ['svc_api', 'svc_db'], shows: ['push_at_onset'] };
        return (m as { badConfig: boolean }).badConfig && inv.params.service === 'api' ? { ...body, shows: ['worker_crash'] } : body;
      },
    },
  };
});

const must = (world: World, command: Command): World => {
  const r = apply(toy, world, command);
  if (!r.ok) throw new Error(r.error);
  return r.world;
};

/** Both findings in by 10:15: `changes` the change list, `logs` the API logs (their finding ids). */
let changes = '';
let logs = '';
function withFindings(): World {
  let w = advance(toy, createWorld(toy, 1), clock('10:10'));
  w = must(w, { type: 'investigate', investigation: 'recent_changes', by: 'a' });
  w = must(w, { type: 'investigate', investigation: 'logs', params: { service: 'api' }, by: 'b' });
  [changes, logs] = w.investigations.map((i) => `F${i.entry}`) as [string, string];
  return advance(toy, w, clock('10:15'));
}

const right = { type: 'diagnose', trigger: 'config_push', component: 'svc_api', mechanism: 'bad_value' } as const;

describe('a diagnosis is a claim with its evidence', () => {
  it('is supported when its findings show what backs every part', () => {
    const w = must(withFindings(), { ...right, evidence: [changes, logs], text: 'v42 crashes the API workers' });
    expect(w.diagnoses[0]).toMatchObject({
      component: 'svc_api', evidence: [changes, logs], correct: true, supported: true,
      support: { trigger: true, component: true, mechanism: true },
    });
  });

  it('a right diagnosis with no or the wrong findings is an unsupported guess', () => {
    const none = must(withFindings(), { ...right });
    expect(none.diagnoses[0]).toMatchObject({ correct: true, supported: false, support: { trigger: false, component: false, mechanism: false } });
    const half = must(withFindings(), { ...right, evidence: [changes] });
    expect(half.diagnoses[0]).toMatchObject({ correct: true, supported: false, support: { trigger: true, component: false, mechanism: false } });
  });

  it('plan files may cite an investigation id: its latest finding', () => {
    const w = must(withFindings(), { ...right, evidence: ['logs', 'recent_changes', changes] });
    expect(w.diagnoses[0]!.evidence).toEqual([logs, changes]);
  });

  it('refuses citations that are not completed findings of this world, and too many', () => {
    const w = withFindings();
    expect(apply(toy, w, { ...right, evidence: ['F99'] })).toEqual({ ok: false, error: 'F99 is not a finding on your evidence board' });
    let many = w;
    for (let i = 0; i < 6; i++) many = must(advance(toy, many, clock(`10:${16 + 3 * i}`)), { type: 'investigate', investigation: 'recent_changes', by: 'a' });
    many = advance(toy, many, clock('10:40'));
    const ids = many.investigations.filter((i) => i.status === 'complete').map((i) => `F${i.entry}`);
    expect(ids.length).toBe(8);
    expect(apply(toy, many, { ...right, evidence: ids })).toEqual({ ok: false, error: 'attach at most 6 findings: the ones that support your diagnosis' });
  });

  it('needs a component where the scenario declares one, from the leads found', () => {
    const w = withFindings();
    expect(apply(toy, w, { type: 'diagnose', trigger: 'config_push', mechanism: 'bad_value' })).toEqual({ ok: false, error: 'name the failing component or artefact too' });
    expect(must(w, { ...right, component: 'svc_db', evidence: [changes, logs] }).diagnoses[0]).toMatchObject({ correct: false, componentRight: false, triggerRight: true, mechanismRight: true });
  });

  it('a team sees its claim and citations, never the verdict or what its findings showed', () => {
    const w = must(withFindings(), { ...right, evidence: [changes, logs] });
    const team = observe(toy, w, { role: 'team' });
    expect(team.diagnoses[0]).toEqual({ entry: w.diagnoses[0]!.entry, at: clock('10:15'), trigger: 'config_push', component: 'svc_api', mechanism: 'bad_value', evidence: [changes, logs], text: '' });
    const json = JSON.stringify(team);
    for (const hidden of ['shows', 'supported', 'worker_crash', 'push_at_onset', 'triggerRight', '"correct"']) expect(json).not.toContain(hidden);
    expect(observe(toy, w, { role: 'facilitator' }).investigations[1]!.shows).toEqual(['worker_crash']);
    expect(team.runbook.diagnosis.components.map((o) => o.label)).toEqual(['API workers', 'Database']);
  });
});
