import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index.ts';
import { validateParams } from '../engine/validate-params.ts';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { fillParams } from './fill-params.ts';

let scenarios: Scenario[] = [];
beforeAll(async () => { scenarios = [...(await loadScenarios()).scenarios.values()]; });

describe('bench clients fill parameters the engine accepts', () => {
  it('for every action and investigation of every real scenario (status posts with their components included)', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    let multi = 0;
    for (const s of scenarios) {
      for (const spec of [...s.data.actions, ...s.data.investigations]) {
        multi += spec.params.filter((p) => p.type === 'multi').length;
        const checked = validateParams(spec.params, fillParams(spec.params), spec.id);
        expect(checked, `${s.data.id} ${spec.id}`).toMatchObject({ ok: true });
      }
    }
    expect(multi).toBeGreaterThan(0);
  });
});
