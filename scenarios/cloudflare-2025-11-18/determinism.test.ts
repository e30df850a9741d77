import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../../server/cli/run-report.ts';
import { Rng, clock, formatClock, runPlan, type PlanStep, type Scenario } from '../../server/engine/index.ts';
import type { CfState } from './model-state.ts';
import { loadCloudflare } from './test-helpers.ts';

let cf: Scenario<CfState>;
beforeAll(async () => { cf = await loadCloudflare(); });

/** A random but valid plan: actions, investigations and diagnoses at random times. */
function randomPlan(cf: Scenario<CfState>, rng: Rng): PlanStep[] {
  const start = clock(cf.data.clock.start);
  const end = clock(cf.data.clock.end);
  const plan: PlanStep[] = [];
  const steps = 3 + rng.int(14);
  for (let i = 0; i < steps; i++) {
    const at = formatClock(start + 60 + rng.int(Math.floor((end - start - 120) / 60)) * 60);
    const kind = rng.int(10);
    if (kind < 6) {
      const spec = rng.pick(cf.data.actions);
      const params: Record<string, string | number> = {};
      for (const p of spec.params) params[p.name] = p.type === 'enum' ? rng.pick(p.options).value : p.type === 'number' ? p.min : 'Update from the fuzz plan';
      plan.push({ at, action: spec.id, params });
    } else if (kind < 9) {
      const spec = rng.pick(cf.data.investigations);
      const params: Record<string, string | number> = {};
      for (const p of spec.params) params[p.name] = p.type === 'enum' ? rng.pick(p.options).value : p.type === 'number' ? p.min : 'x';
      plan.push({ at, investigate: spec.id, params });
    } else {
      plan.push({ at, diagnose: { trigger: rng.pick(cf.data.diagnosis.triggers).id, mechanism: rng.pick(cf.data.diagnosis.mechanisms).id, text: '' } });
    }
  }
  return plan;
}

describe('determinism', () => {
  it('same seed and plan give byte-identical worlds and run reports; another seed differs', () => {
    const a = runPlan(cf, cf.data.defaultSeed, cf.data.referencePlan).world;
    const b = runPlan(cf, cf.data.defaultSeed, cf.data.referencePlan).world;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const ra = describeRun(cf, cf.data.defaultSeed, cf.data.referencePlan, 'reference');
    const rb = describeRun(cf, cf.data.defaultSeed, cf.data.referencePlan, 'reference');
    expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
    const c = runPlan(cf, cf.data.defaultSeed + 1, cf.data.referencePlan).world;
    expect(JSON.stringify(c.samples)).not.toBe(JSON.stringify(a.samples));
  });

  it('30 random plans: nothing throws, every run is reproducible, every signal stays finite and in range', () => {
    const rng = new Rng(20261123);
    const percent = cf.data.signals.filter((s) => s.unit === 'percent').map((s) => s.id);
    for (let i = 0; i < 30; i++) {
      const plan = randomPlan(cf, rng);
      const seed = rng.int(1_000_000);
      const first = runPlan(cf, seed, plan);
      const again = runPlan(cf, seed, plan);
      expect(JSON.stringify(again.world), `plan ${i}`).toBe(JSON.stringify(first.world));
      const w = first.world;
      expect(w.t).toBe(clock(cf.data.clock.end));
      expect(w.samples.length).toBe((clock(cf.data.clock.end) - clock(cf.data.clock.start)) / cf.data.clock.sampleSeconds + 1);
      const bad: string[] = [];
      for (const s of w.samples) {
        for (const sig of cf.data.signals) if (!Number.isFinite(s.values[sig.id])) bad.push(`${sig.id}@${s.t}`);
        for (const id of percent) if (!(s.values[id]! >= 0 && s.values[id]! <= 100)) bad.push(`${id}=${s.values[id]}@${s.t}`);
      }
      expect(bad, `plan ${i}`).toEqual([]);
      // Every investigation that was due has completed with evidence.
      for (const inv of w.investigations) {
        if (inv.completesAt <= w.t) expect(inv.evidence?.summary.length ?? 0).toBeGreaterThan(10);
      }
    }
  });

  it('the file sequence of a seed does not depend on what the team does before it diverges', () => {
    const idle = runPlan(cf, 42, []).world.model.files;
    const busy = runPlan(cf, 42, [
      { at: '11:20', investigate: 'traffic_analysis', params: {} },
      { at: '11:40', action: 'ddos_mitigation_mode', params: {} },
      { at: '12:00', action: 'kv_bypass', params: {} },
    ]).world.model.files;
    expect(JSON.stringify(busy)).toBe(JSON.stringify(idle));
  });
});
