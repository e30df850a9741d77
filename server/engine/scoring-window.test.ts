/** Scoring from a branch point (ScoreWindow): docs/scoring.md, "Branches: scored from the branch point". */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, errorMinutes, planToCommands, runCommands, scoreRun, type Scenario, type TimedCommand } from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

const SEED = 7;
const detour: TimedCommand[] = [
  { at: clock('10:09'), command: { type: 'act', action: 'restart_api', params: {} } },
  { at: clock('10:10') + 20, command: { type: 'inject', title: 'Hint', text: 'Look at what changed at 10:05.', hint: true } },
  { at: clock('10:12'), command: { type: 'diagnose', trigger: 'ddos', mechanism: 'overload', text: 'an attack?' } },
  { at: clock('10:40'), command: { type: 'diagnose', trigger: 'config_push', mechanism: 'bad_value', text: '' } },
  { at: clock('10:41'), command: { type: 'act', action: 'rollback_config', params: {} } },
];

describe('scoring from a branch point', () => {
  it('scores milestones reached before it 0 (inherited), counts impact and penalties from it on', () => {
    const world = runCommands(toy, SEED, detour).world;
    const reference = runCommands(toy, SEED, planToCommands(toy.data.referencePlan)).world;
    const whole = scoreRun(toy, world, reference);
    const from = clock('10:11');
    const branch = scoreRun(toy, world, reference, { from });

    const detection = branch.milestones.find((m) => m.id === 'detection')!;
    expect(whole.milestones.find((m) => m.id === 'detection')!.points).toBeGreaterThan(0);
    expect(detection).toMatchObject({ points: 0, inherited: true, team: whole.milestones.find((m) => m.id === 'detection')!.team });
    expect(detection.rule).toContain('before the branch point 10:11');
    // Milestones from 10:11 on score as they do in the whole run.
    for (const m of branch.milestones.filter((x) => !x.inherited)) expect(m).toEqual(whole.milestones.find((x) => x.id === m.id));

    // The restart (10:09) and the hint (10:10:20) were before the branch point; the DDoS diagnosis (10:12) was not.
    expect(whole.penalties.map((p) => p.kind)).toEqual(['wrong-diagnosis', 'hint', 'action']);
    expect(branch.penalties.map((p) => p.kind)).toEqual(['wrong-diagnosis']);

    // Error-minutes: the whole run's are the stretch before the branch point plus the stretch after it.
    const before = runCommands(toy, SEED, detour, from).world;
    expect(branch.impact.errorMinutes).toBeCloseTo(whole.impact.errorMinutes - errorMinutes(toy, before), 0);
    expect(branch.impact.referenceErrorMinutes).toBe(errorMinutes(toy, reference, from));
    expect(branch.formula).toMatch(/ \(scored from 10:11\)$/);
    expect(branch.from).toBe(from);
    expect(whole.from).toBeUndefined();
  });

  it('counts only the part of a sample interval after a branch point that falls inside it', () => {
    const world = runCommands(toy, SEED, []).world;
    const at = world.samples.findIndex((s) => s.t >= clock('10:20'));
    const [prev, cur] = [world.samples[at - 1]!, world.samples[at]!];
    const mid = (prev.t + cur.t) / 2;
    const value = Math.max(0, (cur.values[toy.data.scoring.impactSignal] ?? 0) - toy.data.scoring.impactBaseline);
    expect(value).toBeGreaterThan(0);
    const half = value * ((cur.t - mid) / 60);
    expect(errorMinutes(toy, world, mid)).toBeCloseTo(errorMinutes(toy, world, prev.t) - value * ((cur.t - prev.t) / 60) + half, 0);
  });
});
