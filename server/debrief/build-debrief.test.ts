import { beforeAll, describe, expect, it } from 'vitest';
import { clock, formatClock, planToCommands, runCommands, scoreRun, type Command, type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { describeRun } from '../cli/run-report.ts';
import { buildDebrief, GHOST_NAME } from './build-debrief.ts';
import { SESSION, toyTeams } from './debrief-fixtures.ts';
import type { Debrief } from '../protocol/debrief.ts';

let toy: Scenario;
let debrief: Debrief;
const SEED = 7;
beforeAll(async () => {
  toy = await loadToyScenario();
  debrief = buildDebrief({ scenario: toy, seed: SEED, session: SESSION, teams: toyTeams(toy), endAt: clock('11:00') });
});

const kindOf = (c: Command) => ({ act: 'action', investigate: 'investigation', diagnose: 'diagnosis', cancel: 'investigation', inject: 'inject' })[c.type];

describe('buildDebrief', () => {
  it('scores every team exactly as scoreRun does against the reference run', () => {
    const reference = runCommands(toy, SEED, planToCommands(toy.data.referencePlan)).world;
    for (const input of toyTeams(toy)) {
      const world = runCommands(toy, SEED, input.commands).world;
      const team = debrief.teams.find((t) => t.id === input.id)!;
      expect(team.score).toEqual(scoreRun(toy, world, reference));
    }
    expect(debrief.reference.score).toEqual(scoreRun(toy, reference, reference));
    expect(debrief.reference.score.total).toBe(505.4);
    expect(debrief.teams.find((t) => t.id === 'red')!.vsReference).toBe(0);
  });

  it('shows the same score as the CLI (npm run simulate -- --json) for the same plan and seed', () => {
    const plan = [
      { at: '10:09', action: 'restart_api', params: {} },
      { at: '10:12', diagnose: { trigger: 'config_push', mechanism: 'bad_value', text: '' } },
      { at: '10:12', action: 'rollback_config', params: {} },
    ] as const;
    const cli = describeRun(toy, SEED, [...plan], 'plan.json');
    const d = buildDebrief({ scenario: toy, seed: SEED, session: SESSION, endAt: clock(toy.data.clock.end), teams: [{ id: 'x', name: 'X', players: [], commands: planToCommands([...plan]) }] });
    expect(d.teams[0]!.score).toEqual(cli.score);
    expect(d.reference.score).toEqual(describeRun(toy, SEED, toy.data.referencePlan, 'reference').score);
  });

  it('puts every logged command on its team timeline at its time', () => {
    for (const input of toyTeams(toy)) {
      const team = debrief.teams.find((t) => t.id === input.id)!;
      // Scripted injects (the scenario's timed ones) reach every team without a command.
      const scripted = toy.data.injects.filter((i) => i.at).length;
      const lines = team.timeline.filter((e) => e.kind !== 'alert' && e.kind !== 'note');
      expect(lines).toHaveLength(input.commands.length + scripted);
      for (const { at, command } of input.commands) {
        const step = toy.data.clock.stepSeconds;
        const line = lines.find((e) => e.kind === kindOf(command) && e.at === Math.floor(at / step) * step);
        expect(line, `${command.type} at ${formatClock(at)}`).toBeDefined();
        expect(line!.clock).toBe(formatClock(line!.at));
      }
    }
  });

  it('puts pinned notes on the timeline in time order, and none after the end', () => {
    const red = debrief.teams.find((t) => t.id === 'red')!;
    const notes = red.timeline.filter((e) => e.kind === 'note');
    expect(notes.map((n) => [n.clock, n.ref, n.detail, n.entry])).toEqual([['10:21', 'Ada', 'Rolling back | now', null], ['10:59', 'Bo', 'All green', null]]);
    expect(red.timeline.map((e) => e.at)).toEqual([...red.timeline.map((e) => e.at)].sort((a, b) => a - b));
    const early = buildDebrief({ scenario: toy, seed: SEED, session: SESSION, teams: toyTeams(toy), endAt: clock('10:30') });
    expect(early.teams.find((t) => t.id === 'red')!.timeline.filter((e) => e.kind === 'note')).toHaveLength(1);
  });

  it('prices each timeline line as the score does', () => {
    for (const team of debrief.teams) {
      const charged = team.timeline.reduce((s, e) => s + e.penalty, 0);
      expect(charged).toBeCloseTo(team.score.subtotals.penalties, 6);
    }
    const green = debrief.teams.find((t) => t.id === 'green')!;
    // Communication is judged apart (posts and silences), not on timeline lines.
    expect(green.timeline.filter((e) => e.penalty > 0).map((e) => [e.kind, e.clock, e.penalty])).toEqual([
      ['action', '10:09', 10], ['inject', '10:10', 20], ['diagnosis', '10:12', 40],
    ]);
  });

  it('ranks teams by total, with the ghost row placed by its score but unranked', () => {
    const byId = Object.fromEntries(debrief.teams.map((t) => [t.id, t]));
    expect(byId.blue!.rank).toBe(1);
    expect(byId.red!.rank).toBe(2);
    expect(byId.idle!.score.total).toBeLessThan(byId.red!.score.total);
    expect(debrief.comparison.map((r) => r.total)).toEqual([...debrief.comparison.map((r) => r.total)].sort((a, b) => b - a));
    const ghost = debrief.comparison.filter((r) => r.ghost);
    expect(ghost).toEqual([expect.objectContaining({ teamId: null, rank: null, name: GHOST_NAME, total: 505.4, vsReference: 0 })]);
    expect(debrief.comparison.find((r) => r.teamId === 'green')).toMatchObject({ wrongDiagnoses: 1, actions: 2, penalties: 70 });
  });

  it('says how far ahead or behind the real time each milestone was', () => {
    const blue = debrief.teams.find((t) => t.id === 'blue')!;
    expect(blue.milestones.map((m) => [m.id, m.teamClock, m.realClock, m.minutesAhead, m.verdict])).toEqual([
      ['detection', '10:07', '10:08', 1, 'ahead'],
      ['first_update', '10:08', '10:15', 7, 'ahead'],
      ['diagnosis', '10:11', '10:25', 14, 'ahead'],
      ['resolved', '10:16', '10:30', 14, 'ahead'],
    ]);
    const green = debrief.teams.find((t) => t.id === 'green')!;
    expect(green.milestones.find((m) => m.id === 'diagnosis')).toMatchObject({ minutesAhead: -15, verdict: 'behind' });
    const idle = debrief.teams.find((t) => t.id === 'idle')!;
    expect(idle.milestones.find((m) => m.id === 'resolved')).toMatchObject({ team: null, verdict: 'missed' });
  });

  it('draws the impact signal first, on the shared time axis, for every run', () => {
    expect(debrief.signals[0]).toMatchObject({ id: 'error_rate', impact: true });
    expect(debrief.signals.map((s) => s.id)).toEqual(['error_rate', 'latency_p99']);
    expect(debrief.times[0]).toBe(clock('10:00'));
    expect(debrief.times.at(-1)).toBe(clock('11:00'));
    for (const run of [debrief.reference, ...debrief.teams]) {
      for (const s of debrief.signals) expect(run.curves[s.id]).toHaveLength(debrief.times.length);
    }
    // Blue rolled back at 10:16, the real responders at 10:30: at 10:20 their 5xx curves differ.
    const at = debrief.times.indexOf(clock('10:20'));
    expect(debrief.teams.find((t) => t.id === 'blue')!.curves.error_rate![at]).toBeLessThan(2);
    expect(debrief.reference.curves.error_rate![at]).toBeGreaterThan(20);
  });

  it('ties lessons to what the team did or missed', () => {
    const red = debrief.teams.find((t) => t.id === 'red')!;
    expect(red.lessons[0]).toMatchObject({ id: 'validate_config', status: 'acted' });
    expect(red.lessons[0]!.related.find((r) => r.id === 'rollback_config')!.clock).toBe('10:25');
    const idle = debrief.teams.find((t) => t.id === 'idle')!;
    expect(idle.lessons[0]).toMatchObject({ status: 'missed' });
    expect(idle.lessons[0]!.related.every((r) => r.at === null)).toBe(true);
  });

  it('says a lesson was tripped when the team took the penalised detour it warns about', () => {
    const withLesson: Scenario = { ...toy, data: { ...toy.data, lessons: [...toy.data.lessons, {
      id: 'restarts', title: 'Restarts are not a fix', text: 'Find the cause first.', relatesTo: { actions: ['restart_api'], investigations: ['logs'] },
    }] } };
    const d = buildDebrief({ scenario: withLesson, seed: SEED, session: SESSION, teams: toyTeams(toy), endAt: clock('11:00') });
    const lesson = (id: string) => d.teams.find((t) => t.id === id)!.lessons.find((l) => l.id === 'restarts')!;
    expect(lesson('green')).toMatchObject({ status: 'tripped' });
    expect(lesson('green').related.find((r) => r.id === 'restart_api')).toMatchObject({ clock: '10:09', penalised: true });
    // Red never restarted the API: the warning lesson was avoided, not missed.
    expect(lesson('red').status).toBe('avoided');
  });

  it('carries what really happened and the truth of each run', () => {
    expect(debrief.whatHappened).toBe(toy.data.whatHappened);
    expect(debrief.realTimeline.map((r) => r.clock)).toEqual(['10:05', '10:30']);
    expect(debrief.teams.find((t) => t.id === 'idle')!.truth.headline).toBe('Bad config live');
    expect(debrief.teams.find((t) => t.id === 'red')!.truth.headline).toBe('Healthy');
  });

  it('cuts every run, the ghost included, at a session ended early', () => {
    const early = buildDebrief({ scenario: toy, seed: SEED, session: SESSION, teams: toyTeams(toy), endAt: clock('10:20') });
    expect(early.endedClock).toBe('10:20');
    expect(early.times.at(-1)).toBe(clock('10:20'));
    expect(early.reference.score.impact.points).toBe(200);
    expect(early.reference.milestones.find((m) => m.id === 'resolved')!.verdict).toBe('missed');
    expect(early.teams.find((t) => t.id === 'green')!.timeline.some((e) => e.clock === '10:41')).toBe(false);
  });

  it('is plain JSON and the same for the same log', () => {
    expect(JSON.parse(JSON.stringify(debrief))).toEqual(debrief);
    expect(buildDebrief({ scenario: toy, seed: SEED, session: SESSION, teams: toyTeams(toy), endAt: clock('11:00') })).toEqual(debrief);
  });
});
