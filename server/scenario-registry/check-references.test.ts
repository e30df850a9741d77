import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDataSchema, type ScenarioData } from '../engine/index.ts';
import { checkReferences } from './check-references.ts';
import { zodProblems } from './format-zod-issues.ts';

const TOY = path.join(import.meta.dirname, '../engine/test-fixtures/toy-config-push/scenario.json');
const raw = () => JSON.parse(readFileSync(TOY, 'utf8')) as Record<string, unknown>;
const parse = (json: unknown): ScenarioData => scenarioDataSchema.parse(json);
const problemsOf = (mutate: (d: ScenarioData) => void) => {
  const data = parse(raw());
  mutate(data);
  return checkReferences(data, 'x/scenario.json').map((p) => `${p.field}: ${p.message}`);
};

describe('cross-reference checks', () => {
  it('accept the toy as it is', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it.each<[string, (d: ScenarioData) => void, RegExp]>([
    ['duplicate parameter names', (d) => { d.investigations[1]!.params.push({ ...d.investigations[1]!.params[0]! }); }, /^investigations\[1\]\.params\[1\]\.name: duplicate parameter "service"/],
    ['duplicate enum options', (d) => {
      const p = d.investigations[1]!.params[0]!;
      if (p.type === 'enum') p.options.push({ value: 'api', label: 'API again' });
    }, /^investigations\[1\]\.params\[0\]\.options\[2\]\.value: duplicate option "api"/],
    ['an empty number range', (d) => { d.actions[1]!.params.push({ name: 'pct', label: 'Percent', type: 'number', min: 10, max: 1, integer: false }); }, /^actions\[1\]\.params\[0\]\.max: max \(1\) is below min \(10\)/],
    ['a date that does not exist', (d) => { d.date = '2025-02-30'; }, /^date: 2025-02-30 is not a calendar date/],
    ['a real timeline out of order', (d) => { d.realTimeline.reverse(); }, /^realTimeline\[1\]\.at: 10:05 comes before the previous entry \(10:30\)/],
    ['a marker real time far from the window', (d) => { d.markers[0]!.real = '03:00'; }, /^markers\[0\]\.real: 03:00 is far outside/],
    ['a milestone real time far from the window', (d) => { d.milestones[0]!.real = '23:30'; }, /^milestones\[0\]\.real: 23:30 is far outside/],
    ['duplicate region ids', (d) => { d.regions = [{ id: 'eu', label: 'Europe' }, { id: 'eu', label: 'Europe 2' }]; }, /^regions\[1\]\.id: duplicate id "eu"/],
    ['an unknown marker in a milestone', (d) => { d.milestones[3]!.source = { kind: 'marker', marker: 'fixed' }; }, /^milestones\[3\]\.source\.marker: unknown marker "fixed"/],
    ['a reference step outside the window', (d) => { d.referencePlan[0]!.at = '11:30'; }, /^referencePlan\[0\]\.at: 11:30 is outside the clock window/],
    ['a requires naming an undeclared lead', (d) => { d.actions[0]!.requires = { anyOf: ['change_v43'] }; }, /^actions\[0\]\.requires\.anyOf\[0\]: unknown lead "change_v43"/],
    ['an alert revealing an undeclared lead', (d) => { d.alerts[0]!.leads = ['svc_ghost']; }, /^alerts\[0\]\.leads\[0\]: unknown lead "svc_ghost"/],
    ['bad reference plan params', (d) => { d.referencePlan[0] = { at: '10:15', action: 'post_status', params: {} }; }, /^referencePlan\[0\]\.params: action post_status: parameter "message"/],
  ])('refuse %s, naming the field', (_name, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });
});

describe('schema problems', () => {
  const issuesOf = (mutate: (d: Record<string, unknown>) => void) => {
    const json = raw();
    mutate(json);
    const parsed = scenarioDataSchema.safeParse(json);
    if (parsed.success) throw new Error('expected a schema problem');
    return zodProblems('x/scenario.json', parsed.error.issues);
  };

  it('name each unknown field in full', () => {
    const problems = issuesOf((d) => { d.colour = 'red'; (d.clock as Record<string, unknown>).tz = 'UTC'; });
    expect(problems.map((p) => `${p.field}: ${p.message}`).sort()).toEqual(['clock.tz: unknown field "tz"', 'colour: unknown field "colour"']);
  });

  it('say what each allowed shape of a plan step expected', () => {
    const problems = issuesOf((d) => { (d.referencePlan as unknown[])[1] = { at: '10:20', investigat: 'logs' }; });
    expect(problems[0]!.field).toBe('referencePlan[1]');
    expect(problems[0]!.message).toMatch(/matches none of the allowed shapes: \(1\) action: missing .*\(2\) investigate: missing .*\(3\) diagnose: missing/);
  });
});
