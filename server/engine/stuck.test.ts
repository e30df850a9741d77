import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { advance, apply, clock, createWorld, observe, scenarioDataSchema, stuckAfterMinutes, stuckState, type Command, type Scenario, type World } from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
/** The toy with one lead, found by a timed inject at 10:25, that unlocks a third investigation. */
let toyWithLead: Scenario;
beforeAll(async () => {
  toy = await loadToyScenario();
  const json = JSON.parse(readFileSync(path.join(import.meta.dirname, 'test-fixtures/toy-config-push/scenario.json'), 'utf8')) as Record<string, unknown[]>;
  toyWithLead = {
    model: toy.model,
    data: scenarioDataSchema.parse({
      ...json,
      leads: [{ id: 'change_v42', kind: 'change', label: 'Config v42' }],
      injects: [...json.injects!, { id: 'tip', at: '10:25', title: 'A tip', text: 'Someone mentions config v42.', leads: ['change_v42'] }],
      investigations: [...json.investigations!, { id: 'diff_config', title: 'Diff the config', description: 'Compare two versions.', durationMinutes: 2, requires: { anyOf: ['change_v42'] } }],
    }),
  };
});

/** Play commands at their times, then advance to `until`. */
function play(scenario: Scenario, steps: [string, Command][], until: string, mode: 'realistic' | 'guided' = 'realistic'): World {
  let world = createWorld(scenario, 1, { mode });
  for (const [at, command] of steps) {
    world = advance(scenario, world, clock(at));
    const r = apply(scenario, world, command);
    if (!r.ok) throw new Error(r.error);
    world = r.world;
  }
  return advance(scenario, world, clock(until));
}

const changes: Command = { type: 'investigate', investigation: 'recent_changes' };
const logs: Command = { type: 'investigate', investigation: 'logs', params: { service: 'api' } };
const firstAlert = (w: World) => w.feed.find((f) => f.kind === 'alert')!.at;

describe('a stuck team', () => {
  it('waits a tenth of the clock, between 10 and 30 sim minutes, without a new lead', () => {
    expect(stuckAfterMinutes(toy.data)).toBe(10);
    expect(stuckAfterMinutes({ ...toy.data, clock: { ...toy.data.clock, start: '11:00', end: '19:28' } })).toBe(30);
    expect(stuckAfterMinutes({ ...toy.data, clock: { ...toy.data.clock, start: '08:40', end: '10:00' } })).toBe(10);
    expect(stuckAfterMinutes({ ...toy.data, clock: { ...toy.data.clock, start: '10:00', end: '13:00' } })).toBe(18);
  });

  it('is stuck once the impact goes on, nothing new was found for that long, and every investigation has run', () => {
    const early = play(toy, [['10:08', changes], ['10:08', logs]], '10:12');
    expect(stuckState(toy, early)).toBeNull();
    const alert = firstAlert(early);
    const world = play(toy, [['10:08', changes], ['10:08', logs]], '10:20');
    expect(stuckState(toy, world)).toEqual({ since: alert + 600, quietSince: alert, afterMinutes: 10, investigations: 2 });
    // Just before the quiet period is over, not yet.
    expect(stuckState(toy, advance(toy, play(toy, [['10:08', changes], ['10:08', logs]], '10:09'), alert + 590))).toBeNull();
  });

  it('is not stuck while an investigation on its runbook was never run to the end', () => {
    expect(stuckState(toy, play(toy, [['10:08', changes]], '10:40'))).toBeNull();
    // Started but not finished does not count.
    expect(stuckState(toy, play(toy, [['10:08', changes], ['10:39', logs]], '10:40'))).toBeNull();
  });

  it('is not stuck once the impact is over, nor before it began, nor after the end', () => {
    expect(stuckState(toy, play(toy, [['10:01', changes], ['10:01', logs]], '10:04'))).toBeNull();
    const fixed = play(toy, [['10:08', changes], ['10:08', logs], ['10:20', { type: 'act', action: 'rollback_config' }]], '10:45');
    expect(Object.values(fixed.alertState).some((a) => a.firing)).toBe(false);
    expect(stuckState(toy, fixed)).toBeNull();
    expect(stuckState(toy, play(toy, [['10:08', changes], ['10:08', logs]], '11:00'))).toBeNull();
  });

  it('a new lead restarts the wait, and the investigation it unlocks must be run too', () => {
    const tools: [string, Command][] = [['10:08', changes], ['10:08', logs]];
    expect(stuckState(toyWithLead, play(toyWithLead, tools, '10:24'))).not.toBeNull();
    const tipped = play(toyWithLead, tools, '10:26');
    expect(tipped.leads.map((l) => [l.id, l.at])).toEqual([['change_v42', clock('10:25')]]);
    expect(stuckState(toyWithLead, tipped)).toBeNull();
    const diffed: [string, Command][] = [...tools, ['10:26', { type: 'investigate', investigation: 'diff_config' }]];
    expect(stuckState(toyWithLead, play(toyWithLead, diffed, '10:34'))).toBeNull();
    expect(stuckState(toyWithLead, play(toyWithLead, diffed, '10:36'))).toEqual({ since: clock('10:35'), quietSince: clock('10:25'), afterMinutes: 10, investigations: 3 });
  });

  it('counts the runbook of its own mode and leads, however many worlds were checked before', () => {
    const tools: [string, Command][] = [['10:08', changes], ['10:08', logs]];
    // Realistic, no lead yet: the two generic tools; the lead's tool is locked.
    expect(stuckState(toyWithLead, play(toyWithLead, tools, '10:24'))?.investigations).toBe(2);
    // Guided, same scenario and time: everything is open, so the third tool must be run too.
    expect(stuckState(toyWithLead, play(toyWithLead, tools, '10:24', 'guided'))).toBeNull();
    // And realistic again after the guided check: still two.
    expect(stuckState(toyWithLead, play(toyWithLead, tools, '10:24'))?.investigations).toBe(2);
  });

  it('reaches the facilitator only: observe() gives it to the facilitator, never to a team', () => {
    const world = play(toy, [['10:08', changes], ['10:08', logs]], '10:20');
    expect(observe(toy, world, { role: 'facilitator' }).stuck).toEqual(stuckState(toy, world));
    expect(observe(toy, play(toy, [], '10:20'), { role: 'facilitator' })).not.toHaveProperty('stuck');
    expect(observe(toy, world, { role: 'team' })).not.toHaveProperty('stuck');
    expect(observe(toy, world, { role: 'debrief' })).not.toHaveProperty('stuck');
  });
});
