import { beforeAll, describe, expect, it } from 'vitest';
import {
  advance, apply, busyResponders, clock, createWorld, observe, runCommands, runPlan, scenarioDataSchema,
  type Command, type Scenario, type ScenarioData, type World,
} from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

/** The toy, with the rollback taking its responder 4 minutes of work (its delay is 5). */
let toy: Scenario;
beforeAll(async () => {
  const loaded = await loadToyScenario();
  const json = JSON.parse(JSON.stringify(loaded.data)) as Record<string, unknown> & ScenarioData;
  json.actions = json.actions.map((a) => (a.id === 'rollback_config' ? { ...a, workMinutes: 4 } : a));
  const { components: _c, ...diagnosis } = json.diagnosis;
  toy = { data: scenarioDataSchema.parse({ ...json, diagnosis }), model: loaded.model };
});

const must = (world: World, command: Command): World => {
  const r = apply(toy, world, command);
  if (!r.ok) throw new Error(r.error);
  return r.world;
};
const at = (hhmm: string) => advance(toy, createWorld(toy, 1), clock(hhmm));

describe("responders' attention", () => {
  it('a responder runs one investigation at a time; a teammate can run another meanwhile', () => {
    let w = must(at('10:10'), { type: 'investigate', investigation: 'recent_changes', by: 'ada' });
    const busy = apply(toy, w, { type: 'investigate', investigation: 'logs', params: { service: 'api' }, by: 'ada' });
    expect(busy).toEqual({ ok: false, error: 'you are busy with "Recent changes" until 10:13: cancel it, or ask a teammate' });
    w = must(w, { type: 'investigate', investigation: 'logs', params: { service: 'api' }, by: 'bo' });
    expect(busyResponders(toy.data, w).map((b) => [b.by, b.title, b.until])).toEqual([
      ['bo', 'Query logs (API)', clock('10:12')], ['ada', 'Recent changes', clock('10:13')],
    ]);
    // Free again once the finding is in.
    w = advance(toy, w, clock('10:13'));
    expect(apply(toy, w, { type: 'investigate', investigation: 'logs', params: { service: 'db' }, by: 'ada' }).ok).toBe(true);
  });

  it('a change takes its maker for its working time, not its delay', () => {
    const w = must(at('10:10'), { type: 'act', action: 'rollback_config', by: 'ada' });
    expect(w.actions[0]).toMatchObject({ by: 'ada', workUntil: clock('10:14'), effectiveAt: clock('10:15') });
    expect(apply(toy, w, { type: 'investigate', investigation: 'recent_changes', by: 'ada' }).ok).toBe(false);
    expect(apply(toy, advance(toy, w, clock('10:14')), { type: 'investigate', investigation: 'recent_changes', by: 'ada' }).ok).toBe(true);
    // A status post (no delay, so no work time) never waits.
    expect(apply(toy, w, { type: 'act', action: 'post_status', params: { message: 'Investigating' }, by: 'ada' }).ok).toBe(true);
  });

  it('a cancelled investigation returns nothing and frees its responder at once', () => {
    let w = must(at('10:10'), { type: 'investigate', investigation: 'recent_changes', by: 'ada' });
    const entry = w.investigations[0]!.entry;
    w = must(advance(toy, w, clock('10:11')), { type: 'cancel', entry, by: 'bo' });
    expect(w.investigations[0]).toMatchObject({ status: 'cancelled', cancelledAt: clock('10:11') });
    expect(apply(toy, w, { type: 'investigate', investigation: 'logs', params: { service: 'api' }, by: 'ada' }).ok).toBe(true);
    w = advance(toy, w, clock('10:20'));
    expect(w.investigations[0]!.evidence).toBeUndefined();
    expect(apply(toy, w, { type: 'cancel', entry }).ok).toBe(false);
    expect(apply(toy, w, { type: 'cancel', entry: 999 })).toEqual({ ok: false, error: 'no investigation F999 on your board' });
  });

  it('commands without a responder (the host, old logs) take nobody’s time', () => {
    let w = must(at('10:10'), { type: 'investigate', investigation: 'recent_changes' });
    w = must(w, { type: 'investigate', investigation: 'logs', params: { service: 'api' } });
    expect(busyResponders(toy.data, w)).toEqual([]);
  });

  it('a headless plan goes to the first free responder, and waits when all are busy', () => {
    const plan = [
      { at: '10:10', investigate: 'recent_changes', params: {} as Record<string, string> },
      { at: '10:10', investigate: 'logs', params: { service: 'api' } },
      { at: '10:10', investigate: 'logs', params: { service: 'db' } },
    ];
    const two = runPlan(toy, 1, plan, { responders: 2 });
    expect(two.world.investigations.map((i) => [i.by, i.requestedAt])).toEqual([
      ['r1', clock('10:10')], ['r2', clock('10:10')], ['r2', clock('10:12')],
    ]);
    expect(two.waited).toEqual([{ at: clock('10:10'), ranAt: clock('10:12'), by: 'r2', command: { type: 'investigate', investigation: 'logs', params: { service: 'db' }, by: 'r2' } }]);
    expect(runPlan(toy, 1, plan, { responders: 3 }).waited).toEqual([]);
    // A plan entry may name its responder; a busy one is refused with the reason.
    const named = runPlan(toy, 1, plan.map((s) => ({ ...s, by: 'r1' })), { responders: 3 });
    expect(named.refused.map((r) => r.error)).toEqual(Array(2).fill('you are busy with "Recent changes" until 10:13: cancel it, or ask a teammate'));
  });

  it('a session replays its logged commands as they were, responders and all', () => {
    const commands = [
      { at: clock('10:10'), command: { type: 'investigate', investigation: 'recent_changes', by: 'p1' } as Command },
      { at: clock('10:10'), command: { type: 'investigate', investigation: 'logs', params: { service: 'api' }, by: 'p2' } as Command },
    ];
    const { world, refused } = runCommands(toy, 1, commands, clock('10:20'));
    expect(refused).toEqual([]);
    expect(world.investigations.map((i) => i.by)).toEqual(['p1', 'p2']);
    expect(observe(toy, world, { role: 'team' }).investigations.map((i) => i.by)).toEqual(['p1', 'p2']);
  });
});
