import { beforeAll, describe, expect, it } from 'vitest';
import { clock, observe, runCommands, type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { buildDebrief } from './build-debrief.ts';
import { SESSION, toyTeams } from './debrief-fixtures.ts';
import { replayAt } from './replay.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

describe('replayAt', () => {
  it('shows the team its dashboard as it was at t: samples, actions and evidence so far', () => {
    const green = toyTeams(toy).find((t) => t.id === 'green')!;
    const at = replayAt(toy, 7, green.commands, clock('10:13'));
    expect(at.t).toBe(clock('10:13'));
    expect(at.samples.at(-1)!.t).toBe(clock('10:13'));
    expect(at.actions.map((a) => [a.action, a.status])).toEqual([['restart_api', 'done']]);
    expect(at.investigations).toEqual([]);
    expect(at.diagnoses.map((d) => d.trigger)).toEqual(['ddos']);
    const later = replayAt(toy, 7, green.commands, clock('10:15'));
    expect(later.investigations.map((i) => [i.investigation, i.status])).toEqual([['logs', 'running']]);
    expect(replayAt(toy, 7, green.commands, clock('10:16')).investigations[0]).toMatchObject({ status: 'complete', evidence: { summary: 'Workers crash on config value.' } });
  });

  it('never shows more than the team saw: no truth, no diagnosis verdict', () => {
    const red = toyTeams(toy)[0]!;
    const json = JSON.stringify(replayAt(toy, 7, red.commands, clock('10:40')));
    for (const hidden of ['"correct"', '"truth"', '"model"', '"rng"', '"seed"']) expect(json).not.toContain(hidden);
  });

  it('agrees with the debrief curves cut at t and with the full run at the end', () => {
    const blue = toyTeams(toy).find((t) => t.id === 'blue')!;
    const debrief = buildDebrief({ scenario: toy, seed: 7, session: SESSION, teams: [blue], endAt: clock('11:00') });
    const t = clock('10:21') + 30;
    const replay = replayAt(toy, 7, blue.commands, t);
    const cut = debrief.times.filter((x) => x <= t).length;
    expect(replay.samples.map((s) => s.t)).toEqual(debrief.times.slice(0, cut));
    replay.samples.forEach((s, i) => expect(s.values.error_rate).toBeCloseTo(debrief.teams[0]!.curves.error_rate![i]!, 1));
    const full = observe(toy, runCommands(toy, 7, blue.commands).world, { role: 'team' });
    expect(replayAt(toy, 7, blue.commands, clock('11:00'))).toEqual(full);
  });

  it('stops at the session end and at the scenario window', () => {
    const red = toyTeams(toy)[0]!;
    expect(replayAt(toy, 7, red.commands, clock('10:50'), clock('10:20')).t).toBe(clock('10:20'));
    expect(replayAt(toy, 7, red.commands, clock('23:00')).t).toBe(clock('11:00'));
    expect(replayAt(toy, 7, red.commands, clock('09:00')).samples).toHaveLength(1);
  });
});
