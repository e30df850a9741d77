import { beforeAll, describe, expect, it } from 'vitest';
import { advance, apply, clock, computeMarkers, confirmingMarkers, createWorld, scenarioDataSchema, type Scenario, type World } from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

const confirming = (w: World) => confirmingMarkers(toy.data.markers, w.samples, computeMarkers(toy.data, w.samples));

describe('confirming markers', () => {
  it('are those whose condition holds now but not yet for long enough, with the time left', () => {
    const broken = advance(toy, createWorld(toy, 1), clock('10:08'));
    const fixed = apply(toy, broken, { type: 'act', action: 'rollback_config' });
    if (!fixed.ok) throw new Error(fixed.error);
    // Find the first sample after the fix where a marker is pending, then check it counts down and clears.
    let w = fixed.world;
    let pending = confirming(w);
    while (pending.length === 0 && w.t < clock('11:00')) { w = advance(toy, w, w.t + 30); pending = confirming(w); }
    expect(pending.length).toBeGreaterThan(0);
    const first = pending[0]!;
    const rule = toy.data.markers.find((m) => m.id === first.id)!;
    expect(first.remaining).toBe(rule.forMinutes * 60 - (w.t - first.since));
    const later = advance(toy, w, w.t + first.remaining + 60);
    expect(computeMarkers(toy.data, later.samples)[first.id]).not.toBeNull();
    expect(confirming(later).some((c) => c.id === first.id)).toBe(false);
  });

  it('are none before anything happens', () => {
    expect(confirming(advance(toy, createWorld(toy, 1), clock('10:01')))).toEqual([]);
  });
});

describe('briefing', () => {
  it('is optional, and has exactly situation, roles, rules and what not to reveal', () => {
    // The loaded data again as scenario.json input (the loader adds the diagnosis' components).
    const { components: _components, ...diagnosis } = toy.data.diagnosis;
    const base = { ...toy.data, diagnosis };
    const briefing = { situation: 's', roles: 'r', rules: 'u', doNotReveal: 'd' };
    expect(scenarioDataSchema.safeParse({ ...base, briefing }).success).toBe(true);
    expect(scenarioDataSchema.safeParse({ ...base, briefing: { ...briefing, spoiler: 'x' } }).success).toBe(false);
    expect(scenarioDataSchema.safeParse({ ...base, briefing: { situation: 's' } }).success).toBe(false);
  });
});
