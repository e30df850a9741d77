import { beforeAll, describe, expect, it } from 'vitest';
import { advance, apply, clock, observe, planToCommands, type Scenario, type World } from '../../server/engine/index.ts';
import { createWorld } from '../../server/engine/index.ts';
import type { CfState } from './model-state.ts';
import { loadCloudflare } from './test-helpers.ts';

let cf: Scenario<CfState>;
beforeAll(async () => { cf = await loadCloudflare(); });

/** Strings that would betray hidden state in a team's view. */
function forbidden(world: World<CfState>): string[] {
  const keys = Object.keys(world.model).map((k) => `"${k}"`);
  const m = world.model;
  return [
    ...keys,
    'truth', '"rng"', 'seed', 'correct', 'badFile', '"model"', '"markers"',
    String(m.salt), JSON.stringify(m.grantAt.slice(0, 3)).slice(1, -1), JSON.stringify(m.statusDown[0]),
    'nodes updated', 'CfState',
  ];
}

describe('hidden information (team view)', () => {
  it('never contains model state, RNG, seed or diagnosis correctness over a whole reference run', () => {
    const commands = planToCommands(cf.data.referencePlan);
    let world = createWorld(cf, cf.data.defaultSeed);
    let next = 0;
    let checks = 0;
    for (let t = clock(cf.data.clock.start); t <= clock(cf.data.clock.end); t += 5 * 60) {
      while (next < commands.length && commands[next]!.at <= t) {
        world = advance(cf, world, commands[next]!.at);
        const r = apply(cf, world, commands[next]!.command);
        if (!r.ok) throw new Error(r.error);
        world = r.world;
        next++;
      }
      world = advance(cf, world, t);
      const view = observe(cf, world, { role: 'team' });
      const text = JSON.stringify(view);
      for (const hidden of forbidden(world)) expect(text.includes(hidden), `"${hidden}" visible at ${t}`).toBe(false);
      // Evidence only once an investigation has completed; outcomes only once an action is done.
      for (const inv of view.investigations) {
        if (world.t < inv.completesAt) expect('evidence' in inv).toBe(false);
        else expect(inv.evidence?.summary).toBeTruthy();
      }
      for (const a of view.actions) expect('outcome' in a).toBe(a.status === 'done');
      checks++;
    }
    expect(checks).toBeGreaterThan(70);
    // The facilitator does see the truth.
    const host = observe(cf, world, { role: 'facilitator' });
    expect(host.truth.facts.length).toBeGreaterThan(5);
    expect(host.diagnoses[0]?.correct).toBe(true);
  });

  it('shows the panic message only when the window the query covered holds a bad file', () => {
    const panic = 'thread fl2_worker_thread panicked';
    const at = (hhmm: string) => {
      let w = advance(cf, createWorld(cf, cf.data.defaultSeed), clock(hhmm));
      const r = apply(cf, w, { type: 'investigate', investigation: 'proxy_logs', params: { proxy: 'fl2' } });
      if (!r.ok) throw new Error(r.error);
      w = advance(cf, r.world, clock(hhmm) + 10 * 60);
      return JSON.stringify(w.investigations[0]!.evidence);
    };
    expect(at('11:10')).not.toContain(panic); // 11:10–11:20, before any bad file
    expect(at('12:06')).not.toContain(panic); // 12:06–12:16, inside the good-file window of this seed (12:03–12:23)
    // 12:00–12:10 covers the last minutes of the 11:57 file: the panic shows, with when it was seen.
    expect(at('12:00')).toContain(panic);
    expect(at('12:00')).toMatch(/seen 12:00:00–12:0[3-6]:\d\d/);
    expect(at('13:00')).toContain(panic);
    expect(at('13:00')).toContain('called Result::unwrap() on an Err value');
  });

  it('builds file-history evidence from the files actually generated', () => {
    // Guided: this checks the evidence, not how a team gets to ask for it.
    let w = advance(cf, createWorld(cf, cf.data.defaultSeed, { mode: 'guided' }), clock('12:40'));
    const r = apply(cf, w, { type: 'investigate', investigation: 'feature_file_history' });
    if (!r.ok) throw new Error(r.error);
    w = advance(cf, r.world, clock('12:50'));
    const rows = w.investigations[0]!.evidence!.table!.rows;
    const files = w.model.files.filter((f) => f.at <= clock('12:50')).slice(-rows.length);
    expect(rows.map((row) => row[2])).toEqual(files.map((f) => f.features));
    expect(rows.some((row) => row[2] === 60) && rows.some((row) => Number(row[2]) > 200)).toBe(true);
  });
});
