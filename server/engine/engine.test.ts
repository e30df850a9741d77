import { beforeAll, describe, expect, it } from 'vitest';
import { advance, apply, clock, computeMarkers, createWorld, observe, planToCommands, playTo, runPlan, scoreRun, type Scenario, type World } from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

function mustApply(world: World, command: Parameters<typeof apply>[2]): World {
  const r = apply(toy, world, command);
  if (!r.ok) throw new Error(r.error);
  return r.world;
}

describe('engine', () => {
  it('starts at the scenario start with a first sample and advances in fixed steps', () => {
    const w0 = createWorld(toy, 1);
    expect(w0.t).toBe(clock('10:00'));
    expect(w0.samples).toHaveLength(1);
    const w1 = advance(toy, w0, clock('10:10'));
    expect(w1.t).toBe(clock('10:10'));
    expect(w1.samples.map((s) => s.t).slice(0, 3)).toEqual([clock('10:00'), clock('10:00') + 30, clock('10:01')]);
    expect(w1.samples).toHaveLength(21);
  });

  it('is pure: advancing or applying never changes the input world', () => {
    const w0 = advance(toy, createWorld(toy, 1), clock('10:06'));
    const frozen = JSON.stringify(w0);
    advance(toy, w0, clock('10:30'));
    apply(toy, w0, { type: 'act', action: 'rollback_config' });
    expect(JSON.stringify(w0)).toBe(frozen);
  });

  it('plays commands on a copy: the world given to playTo is unchanged, and the stretch ends where a whole run does', () => {
    const commands = planToCommands(toy.data.referencePlan);
    expect(commands.length).toBeGreaterThan(0);
    const w0 = createWorld(toy, 2);
    const frozen = JSON.stringify(w0);
    const end = clock('10:40');
    const { world, next } = playTo(toy, w0, commands, 0, end);
    expect(JSON.stringify(w0)).toBe(frozen);
    expect(next).toBeGreaterThan(0);
    let stepped = createWorld(toy, 2);
    let i = 0;
    for (let t = clock('10:00'); t < end; t += 97) ({ world: stepped, next: i } = playTo(toy, stepped, commands, i, t));
    expect(JSON.stringify(playTo(toy, stepped, commands, i, end).world)).toBe(JSON.stringify(world));
  });

  it('gives the same world for many small advances as for one big one', () => {
    const big = advance(toy, createWorld(toy, 3), clock('10:40'));
    let small = createWorld(toy, 3);
    for (let t = clock('10:00'); t <= clock('10:40'); t += 7) small = advance(toy, small, t);
    small = advance(toy, small, clock('10:40'));
    expect(JSON.stringify(small)).toBe(JSON.stringify(big));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = runPlan(toy, 5, toy.data.referencePlan).world;
    const b = runPlan(toy, 5, toy.data.referencePlan).world;
    const c = runPlan(toy, 6, toy.data.referencePlan).world;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.samples)).not.toBe(JSON.stringify(c.samples));
  });

  it('applies an action only after its declared delay', () => {
    let w = advance(toy, createWorld(toy, 1), clock('10:20'));
    w = mustApply(w, { type: 'act', action: 'rollback_config' });
    const before = advance(toy, w, clock('10:24') + 50);
    expect(before.actions[0]?.status).toBe('pending');
    expect(before.samples.at(-1)!.values.error_rate).toBeGreaterThan(20);
    const after = advance(toy, w, clock('10:25'));
    expect(after.actions[0]).toMatchObject({ status: 'done', outcome: 'Previous config restored.', effectiveAt: clock('10:25') });
    expect(after.samples.at(-1)!.values.error_rate).toBeLessThan(2);
  });

  it('refuses bad commands with a reason instead of throwing', () => {
    const w = createWorld(toy, 1);
    const cases: Parameters<typeof apply>[2][] = [
      { type: 'act', action: 'nope' },
      { type: 'act', action: 'post_status', params: {} },
      { type: 'act', action: 'post_status', params: { message: 42 } as never },
      { type: 'act', action: 'post_status', params: { message: 'x', extra: 1 } },
      { type: 'investigate', investigation: 'logs', params: { service: 'dns' } },
      { type: 'diagnose', trigger: 'aliens', mechanism: 'bad_value' },
      { type: 'inject', title: ' ', text: 'x' },
    ];
    for (const c of cases) {
      const r = apply(toy, w, c);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(5);
    }
    const once = mustApply(w, { type: 'act', action: 'rollback_config' });
    const twice = apply(toy, once, { type: 'act', action: 'rollback_config' });
    expect(twice).toEqual({ ok: false, error: '"Roll back the config" is already in progress' });
  });

  it('completes investigations after their duration with evidence', () => {
    let w = advance(toy, createWorld(toy, 1), clock('10:10'));
    w = mustApply(w, { type: 'investigate', investigation: 'logs', params: { service: 'api' } });
    expect(advance(toy, w, clock('10:11')).investigations[0]?.status).toBe('running');
    const done = advance(toy, w, clock('10:12'));
    expect(done.investigations[0]).toMatchObject({ status: 'complete', evidence: { summary: 'Workers crash on config value.' } });
  });

  it('asks the model for the evidence with the request time too, so it can report the window it covered', () => {
    let w = advance(toy, createWorld(toy, 1), clock('10:10'));
    w = mustApply(w, { type: 'investigate', investigation: 'logs', params: { service: 'db' } });
    // Asked at 10:10, done two minutes later: the toy's log query reports 10:10–10:12, not the instant it finished.
    expect(advance(toy, w, clock('10:12')).investigations[0]!.evidence!.detail).toBe('db logs 10:10–10:12');
    const later = advance(toy, createWorld(toy, 1), clock('10:30'));
    const asked = advance(toy, mustApply(later, { type: 'investigate', investigation: 'logs', params: { service: 'db' } }), clock('10:32'));
    expect(asked.investigations[0]!.evidence!.detail).toBe('db logs 10:30–10:32');
  });

  it('fires and resolves alerts from the alert rules, and delivers timed injects', () => {
    const run = runPlan(toy, 1, toy.data.referencePlan).world;
    const alerts = run.feed.filter((f) => f.kind === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.at).toBe(clock('10:07'));
    expect(run.feed.some((f) => f.kind === 'alert-resolved')).toBe(true);
    expect(run.feed.find((f) => f.kind === 'inject')).toMatchObject({ at: clock('10:12'), title: 'A customer calls' });
  });

  it('derives markers from signals by threshold and duration', () => {
    const run = runPlan(toy, 1, toy.data.referencePlan).world;
    const markers = computeMarkers(toy.data, run.samples);
    expect(markers.impact_start).toBe(clock('10:05'));
    expect(markers.resolved).toBe(clock('10:30'));
    const idle = runPlan(toy, 1, []).world;
    expect(computeMarkers(toy.data, idle.samples).resolved).toBeNull();
  });

  it('shows a team its symptoms but never the model, the RNG, the seed or diagnosis correctness', () => {
    const run = runPlan(toy, 1, toy.data.referencePlan).world;
    const team = JSON.stringify(observe(toy, run, { role: 'team' }));
    for (const hidden of ['"model"', '"rng"', '"seed"', '"correct"', '"truth"', 'badConfig', '"markers"']) expect(team).not.toContain(hidden);
    const host = observe(toy, run, { role: 'facilitator' });
    expect(host.truth.headline).toBe('Healthy');
    expect(host.diagnoses[0]?.correct).toBe(true);
  });

  it('scores the reference plan at its milestone weights and penalises detours', () => {
    const reference = runPlan(toy, 1, toy.data.referencePlan).world;
    const score = scoreRun(toy, reference, reference);
    expect(score.impact.points).toBe(200);
    expect(score.penalties).toEqual([]);
    const detour = runPlan(toy, 1, [
      { at: '10:10', action: 'restart_api', params: {} },
      { at: '10:12', diagnose: { trigger: 'ddos', mechanism: 'overload', text: '' } },
      ...toy.data.referencePlan,
    ]).world;
    const worse = scoreRun(toy, detour, reference);
    expect(worse.penalties.map((p) => p.points)).toEqual([40, 10]);
    expect(worse.total).toBeLessThan(score.total);
  });
});
