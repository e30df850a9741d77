/**
 * Model pages (an alarm storm on the feed), a queue modelled to collapse past a load, library
 * injects that skip the clock, and a suggested speed: the page-storm toy exercises each.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, decideMarkers, runPlan, scoreRun, type Scenario, type ScenarioModel } from './index.ts';
import { loadPageStormToy } from './test-fixtures/load-page-storm.ts';
import { firingAlerts } from '../protocol/firing-alerts.ts';
import { checkModel } from '../scenario-registry/check-model.ts';
import { checkReferences } from '../scenario-registry/check-references.ts';
import { scenarioSummary } from '../sessions/session-views.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadPageStormToy(); });

const feedAt = (scenario: Scenario, plan: typeof toy.data.referencePlan, hhmm: string) =>
  runPlan(scenario, 3, plan, { mode: 'guided' }).world.feed.filter((f) => f.at <= clock(hhmm));

describe('model pages', () => {
  it('land on the feed as FIRING lines with a severity and a rule key, and count as firing alerts', () => {
    const feed = feedAt(toy, [], '10:30');
    const pages = feed.filter((f) => f.kind === 'alert' && f.rule?.startsWith('page:'));
    expect(pages.map((p) => [p.at, p.severity, p.rule, p.title])).toEqual([
      [clock('10:05'), 'critical', 'page:api', 'api: 12 alarms'],
      [clock('10:05'), 'warning', 'page:workers', 'workers: 8 alarms'],
      [clock('10:05'), 'warning', 'page:config-store', 'config-store: 1 alarm'],
    ]);
    // With the declared rule that fires two minutes later, four alerts fire at once.
    expect(firingAlerts(feed).map((f) => f.rule).sort()).toEqual(['high_errors', 'page:api', 'page:config-store', 'page:workers']);
  });

  it('resolve with RESOLVED lines when the model says so, and the first page is the first alert', () => {
    const world = runPlan(toy, 3, toy.data.referencePlan, { mode: 'guided' }).world;
    const resolved = world.feed.filter((f) => f.kind === 'alert-resolved' && f.rule?.startsWith('page:'));
    expect(resolved.map((f) => f.at)).toEqual([clock('10:22'), clock('10:22'), clock('10:22')]);
    expect(firingAlerts(world.feed)).toEqual([]);
    const detection = scoreRun(toy, world, world).milestones.find((m) => m.id === 'detection')!;
    expect(detection.team).toBe(clock('10:05'));
  });

  it('are refused at load when a page reuses a declared alert rule id, naming model.step', () => {
    const bad: ScenarioModel = {
      ...toy.model,
      step(m, ctx) {
        if (ctx.t === clock('10:10')) ctx.emit({ kind: 'alert', severity: 'warning', rule: 'high_errors', title: 'x', text: 'y' });
        return toy.model.step(m, ctx);
      },
    };
    expect(checkModel(toy.data, bad, 'model.ts')).toEqual([expect.objectContaining({ field: 'model.step', message: expect.stringMatching(/page rule key "high_errors" is the id of a declared alert rule/) })]);
  });
});

describe('a queue that collapses past a load (modelled by the scenario)', () => {
  it('restoring the dependency alone leaves the backlog to collapse; throttling and restarting recovers', () => {
    const restoreOnly = runPlan(toy, 3, [{ at: '10:20', action: 'restore_dependency', params: {} }], { mode: 'guided' }).world;
    expect(decideMarkers(toy, restoreOnly).markers.recovered).toBeNull();
    expect(restoreOnly.samples.at(-1)!.values.queue_depth).toBeGreaterThan(60);
    const fixed = runPlan(toy, 3, toy.data.referencePlan, { mode: 'guided' }).world;
    expect(decideMarkers(toy, fixed).markers.recovered).toBe(clock('10:25'));
  });
});

describe('skip injects and the suggested speed', () => {
  it('are declared data: skipTo on a library inject inside the window, a speed on the scenario card', () => {
    expect(toy.data.injects.find((i) => i.id === 'skip_lunch')?.skipTo).toBe('12:00');
    expect(scenarioSummary(toy).suggestedSpeed).toBe(20);
  });

  it('refuses a skipTo on a timed inject or outside the window, naming the field', () => {
    const data = { ...toy.data, injects: [{ ...toy.data.injects[1]!, at: '10:30' }, { ...toy.data.injects[1]!, id: 'late', skipTo: '15:00' }] };
    const fields = checkReferences(data, 'scenario.json').map((p) => p.field);
    expect(fields).toEqual(['injects[0].skipTo', 'injects[1].skipTo']);
  });
});
