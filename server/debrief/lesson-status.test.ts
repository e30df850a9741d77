import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario-registry/load-scenarios.ts';
import { runPlan, scoreRun, type PlanStep, type Scenario } from '../engine/index.ts';
import { lessonStatus } from './lesson-status.ts';
import { runTimeline } from './run-timeline.ts';

let dec5: Scenario;
beforeAll(async () => {
  const r = await loadScenario(path.resolve(import.meta.dirname, '../../scenarios/cloudflare-2025-12-05'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  dec5 = r.scenario;
});

const revert = (change: string): PlanStep => ({ at: '08:52', action: 'revert_change', params: { change } });
const play = (plan: PlanStep[]) => runPlan(dec5, dec5.data.defaultSeed, plan, { mode: 'guided' }).world;

describe('debrief of an earned diagnosis', () => {
  // The change log and the FL1 logs: what points at the killswitch change, and what it breaks.
  const findings: PlanStep[] = [{ at: '08:50', investigate: 'recent_changes', params: { system: 'global_config' } }, { at: '08:50', investigate: 'proxy_logs', params: { proxy: 'fl1' } }];
  const revertLater = (change: string): PlanStep => ({ at: '08:55', action: 'revert_change', params: { change } });

  it('ties a lesson to one option of an action: reverting the IP list is not the revert the lesson is about', () => {
    const status = (plan: PlanStep[]) => lessonStatus(dec5, play(plan)).find((l) => l.id === 'break_glass')!;
    expect(status([...findings, revertLater('change_ip_list')]).status).toBe('missed');
    const acted = status([...findings, revertLater('change_waf_killswitch')]);
    expect(acted.status).toBe('acted');
    expect(acted.related[0]).toMatchObject({ title: 'Revert a global configuration change: WAF rule killswitch (08:47)', warranted: true });
  });

  it('counts an action as acted on only when the evidence the team had warranted it', () => {
    // The same revert with no finding that shows the killswitch change: a blind revert, not the lesson.
    const blind = lessonStatus(dec5, play([revert('change_waf_killswitch')])).find((l) => l.id === 'break_glass')!;
    expect(blind.status).toBe('unwarranted');
    expect(blind.related[0]!.warranted).toBe(false);
    // An investigation alone acts on nothing; what it showed is listed as the team's evidence.
    const looked = lessonStatus(dec5, play([{ at: '08:50', investigate: 'proxy_logs', params: { proxy: 'fl1' } }])).find((l) => l.id === 'fail_open')!;
    expect(looked.status).toBe('general');
    expect(looked.evidence).toHaveLength(1);
    expect(looked.evidence[0]!.shows[0]).toMatch(/execute/);
  });

  it('explains a partly right diagnosis and charges it as the first submission that is not right', () => {
    const world = play([{ at: '09:00', diagnose: { trigger: 'change_waf_killswitch', component: 'component_fl1_rules_engine', mechanism: 'traffic_overload', text: '' } }]);
    const reference = runPlan(dec5, dec5.data.defaultSeed, dec5.data.referencePlan).world;
    const { penalties } = scoreRun(dec5, world, reference);
    expect(penalties.map((p) => [p.kind, p.points])).toEqual([['partial-diagnosis', 50]]);
    const line = runTimeline(dec5, world, penalties).find((e) => e.kind === 'diagnosis')!;
    expect(line.outcome).toMatch(/^Partly right: the trigger is right, the failure mechanism is not/);
    expect(line.penalty).toBe(50);
    expect(line.correct).toBe(false);
  });
});
