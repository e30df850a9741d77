/**
 * A real branch, played through the session service on the 18 November scenario and ended: its
 * debrief scores it from the branch point, exactly as `npm run simulate -- … --branch-at … --then …
 * --json` scores the same commands (the CLI runs as a child process). The debrief also carries
 * the lineage both ways and the original team's run.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, errorMinutes, planToCommands, runCommands, type PlanStep, type Scenario } from '../engine/index.ts';
import type { BranchReport } from '../cli/branch-plan.ts';
import { DEFAULT_SCENARIO_DIR, loadScenario } from '../scenario-registry/load-scenarios.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { simNow } from '../sessions/session-clock.ts';
import { ManualTimers, RecordingOutbox } from '../sessions/session-test-support.ts';
import { SessionService } from '../sessions/session-service.ts';
import { buildDebrief } from './build-debrief.ts';
import { renderDebriefMarkdown } from './render-markdown.ts';
import { sessionDebriefInput } from './session-debrief-input.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCENARIO = 'cloudflare-2025-11-18';
let scenario: Scenario;

beforeAll(async () => {
  const loaded = await loadScenario(path.join(DEFAULT_SCENARIO_DIR, SCENARIO));
  if (!loaded.ok) throw new Error('scenario did not load');
  scenario = loaded.scenario;
});

/** Plan b: what the team tries from 12:00 in the branch. */
const planB: PlanStep[] = [
  { at: '12:00', action: 'stop_feature_generation', params: {} },
  { at: '12:03', action: 'push_known_good_file', params: {} },
  { at: '12:06', action: 'restart_core_proxy', params: {} },
  { at: '12:08', diagnose: { trigger: 'change_clickhouse_grants', component: 'artefact_feature_file', mechanism: 'generated_file_over_limit', text: 'the feature file' } },
  { at: '12:20', action: 'post_status_update', params: { state: 'monitoring', components: ['cdn', 'dashboard'], message: 'A fix has been implemented and we are monitoring.' } },
];

function must<T extends object>(a: ({ ok: true } & T) | { ok: false; error: string }): T {
  if (!a.ok) throw new Error(a.error);
  return a;
}

describe('a branch’s debrief', () => {
  it('equals the CLI’s --branch-at … --then … score for the same commands, and links parent and child', async () => {
    let wall = 1_000_000;
    const service = new SessionService({ scenarios: new Map([[SCENARIO, scenario]]), store: new MemoryStore(), outbox: new RecordingOutbox(), timers: new ManualTimers(), now: () => wall });
    /** Move the wall clock so that the session's sim clock reads `t`. */
    const moveTo = (sessionId: string, t: number) => {
      const c = service.inspect(sessionId)!.clock;
      wall += Math.round(((t - simNow(c, wall)) / c.speed) * 1000);
      expect(simNow(service.inspect(sessionId)!.clock, wall)).toBe(t);
    };
    /** Three players play the plan, each command by the one (r1, r2, r3) the CLI gives it to, at the time it runs there. */
    const play = async (sessionId: string, playerIds: readonly string[], plan: readonly PlanStep[], until: number) => {
      const { played } = runCommands(scenario, 7, planToCommands(plan), undefined, { mode: 'guided', responders: playerIds.length });
      for (const [i, { at, command }] of played.entries()) {
        if (at > until) break;
        moveTo(sessionId, at);
        const by = 'by' in command && command.by ? Number(command.by.slice(1)) - 1 : 0;
        must(await service.command(sessionId, playerIds[by]!, `c${i}`, command));
      }
    };
    const seat = async (code: string, names: string[]) => {
      const ids: string[] = [];
      for (const name of names) ids.push(must(await service.join(code.replace('-', ''), name, 't1', null)).playerId);
      return ids;
    };

    // The parent follows the real responders' plan to 12:10 (past the branch point).
    const parent = must(await service.createSession({ scenarioId: SCENARIO, teamCount: 1, speed: 60, seed: 7, mode: 'guided' }, 'http://h'));
    const parentTeam = await seat(parent.code, ['Ada', 'Bob', 'Cy']);
    must(await service.controlClock(parent.sessionId, { action: 'start' }));
    await play(parent.sessionId, parentTeam, scenario.data.referencePlan, clock('12:10'));

    const b = must(await service.branchSession(parent.sessionId, { teamId: 't1', at: '12:00' }, { hostOf: parent.sessionId }, 'http://h'));
    const branchTeam = await seat(b.code, ['Eve', 'Fay', 'Gus']);
    must(await service.controlClock(b.sessionId, { action: 'resume' }));
    await play(b.sessionId, branchTeam, planB, clock(scenario.data.clock.end));
    moveTo(b.sessionId, clock(scenario.data.clock.end));
    must(await service.controlClock(b.sessionId, { action: 'end' }));

    const finished = service.getFinishedSession(b.sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const debrief = buildDebrief(sessionDebriefInput(scenario, finished.session, service.branchFamily(b.sessionId)));

    const dir = await mkdtemp(path.join(tmpdir(), 'branch-cli-'));
    await writeFile(path.join(dir, 'a.json'), JSON.stringify(scenario.data.referencePlan));
    await writeFile(path.join(dir, 'b.json'), JSON.stringify(planB));
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import', 'tsx', 'server/cli/simulate.ts', SCENARIO, '--actions', path.join(dir, 'a.json'), '--branch-at', '12:00', '--then', path.join(dir, 'b.json'),
      '--seed', '7', '--mode', 'guided', '--json',
    ], { cwd: ROOT });
    const cli = JSON.parse(stdout) as BranchReport;

    expect(cli.refused).toEqual([]);
    expect(debrief.teams[0]!.refused).toEqual([]);
    expect(debrief.teams[0]!.score).toEqual(cli.score);
    expect(cli.score.from).toBe(clock('12:00'));
    // Detection and the first public update came before 12:00: the parent's, not scored again.
    expect(debrief.teams[0]!.milestones.filter((m) => m.inherited).map((m) => m.id)).toEqual(['detection', 'first_update']);
    expect(debrief.teams[0]!.timeline.filter((e) => e.inherited).every((e) => e.at < clock('12:00'))).toBe(true);
    expect(debrief.teams[0]!.timeline.some((e) => e.inherited)).toBe(true);

    expect(debrief.lineage).toEqual({ parent: { sessionId: parent.sessionId, code: parent.code, teamId: 't1', branchedAt: clock('12:00'), branchedClock: '12:00' }, children: [] });
    expect(debrief.branch).toMatchObject({ at: clock('12:00'), clock: '12:00', parentSessionId: parent.sessionId, parentTeamId: 't1' });
    // The original team's run: its own commands to 12:10 (where the parent stands), scored from 12:00 too.
    expect(debrief.branch!.parentRun!.name).toBe('Team 1');
    expect(debrief.branch!.parentRun!.score.from).toBe(clock('12:00'));
    expect(debrief.branch!.parentRun!.timeline.filter((e) => e.kind === 'investigation').map((e) => e.clock)).toContain('12:02');
    expect(debrief.reference.score.from).toBe(clock('12:00'));
    // The parent stands at 12:10: its run is cut there and compared with the real responders cut there too.
    const parentCurve = Object.values(debrief.branch!.parentRun!.curves)[0]!;
    expect(debrief.times[parentCurve.length - 1]).toBe(clock('12:10'));
    const referenceTo1210 = runCommands(scenario, 7, planToCommands(scenario.data.referencePlan), clock('12:10')).world;
    expect(debrief.branch!.parentRun!.score.impact.referenceErrorMinutes).toBe(errorMinutes(scenario, referenceTo1210, clock('12:00')));

    const markdown = renderDebriefMarkdown(debrief);
    expect(markdown).toContain(`A branch of session ${parent.code} (team t1) at 12:00 UTC: everything before 12:00 is inherited, and every run here is scored from 12:00 on.`);
    expect(markdown).toContain('### The original team\'s run (Team 1), from the parent session');
    expect(markdown).toContain('| Detection (first alert) (before the branch point: not scored again) |');

    const parentFamily = service.branchFamily(parent.sessionId)!;
    expect(parentFamily.lineage.children).toEqual([{ sessionId: b.sessionId, code: b.code, teamId: 't1', branchedAt: clock('12:00'), branchedClock: '12:00', ended: true }]);
    expect(parentFamily.lineage.parent).toBeNull();
  }, 60_000);
});
