import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario, ScenarioModel } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { checkModel } from './check-model.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

const check = (model: unknown) => checkModel(toy.data, model, 'x/model.ts').map((p) => `${p.field}: ${p.message}`);
const variant = (changes: Partial<ScenarioModel>): ScenarioModel => ({ ...toy.model, ...changes });

describe('model checks', () => {
  it('accept the toy model', () => {
    expect(check(toy.model)).toEqual([]);
  });

  it('refuse a module without `model`', () => {
    expect(check(undefined)).toEqual(['model: must export `model`, an object implementing ScenarioModel']);
  });

  it('refuse a NaN signal, naming the signal and the time', () => {
    const model = variant({ signals: (m, ctx) => ({ ...toy.model.signals(m, ctx), latency_p99: ctx.t > 36_600 ? Number.NaN : 100 }) });
    expect(check(model)).toEqual(['model.signals: no finite value for signal(s) latency_p99 (at 10:10:30)']);
  });

  it('refuse state that is not plain JSON', () => {
    expect(check(variant({ init: () => ({ seen: new Map() }) }))).toEqual(['model.init: must return plain JSON state (no functions, Maps, undefined or NaN)']);
  });

  it('refuse an action without an outcome text', () => {
    const model = variant({ act: (m, a, ctx) => (a.id === 'restart_api' ? { model: m, outcome: 42 as unknown as string } : toy.model.act(m, a, ctx)) });
    expect(check(model)[0]).toMatch(/^model\.act\(restart_api\): must return \{ model, outcome: text \}/);
  });

  it('refuse a ragged evidence table', () => {
    const model = variant({ investigate: () => ({ summary: 's', detail: 'd', table: { columns: ['a', 'b'], rows: [['x']] } }) });
    expect(check(model)[0]).toMatch(/^model\.investigate\(recent_changes\): evidence\.table\.rows\[0\] must have 2 cells/);
  });

  it('refuse a truth() that throws, naming it', () => {
    const model = variant({ truth: () => { throw new Error('boom'); } });
    expect(check(model)[0]).toMatch(/^model\.truth: threw at 10:30:00: boom/);
  });
});
