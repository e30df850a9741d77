/** The scoring sections' cross-references (check-scoring.ts): each problem named by its field. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDataSchema, type ScenarioData } from '../engine/index.ts';
import { checkReferences } from './check-references.ts';

const TOY = path.join(import.meta.dirname, '../engine/test-fixtures/toy-config-push/scenario.json');
const problemsOf = (mutate: (d: ScenarioData) => void) => {
  const data = scenarioDataSchema.parse(JSON.parse(readFileSync(TOY, 'utf8')));
  mutate(data);
  return checkReferences(data, 'x/scenario.json').map((p) => `${p.field}: ${p.message}`);
};
const post = (d: ScenarioData) => d.actions.find((a) => a.id === 'post_status')!;

describe('scoring cross-reference checks', () => {
  it.each<[string, (d: ScenarioData) => void, RegExp]>([
    ['an impact signal that does not exist', (d) => { d.scoring.impact.push({ signal: 'queue_depth', weight: 1, baseline: 0, op: 'above' }); }, /^scoring\.impact\[1\]\.signal: unknown signal "queue_depth"/],
    ['a penalty on an option the action lacks', (d) => { d.scoring.actionPenalties.push({ action: 'restart_api', option: 'eu', points: 5, why: 'a reason long enough' }); }, /^scoring\.actionPenalties\[1\]\.option: action restart_api has no option "eu"/],
    ['an unless naming an unknown marker', (d) => { d.scoring.actionPenalties[0]!.unless = { marker: 'fixed' }; }, /^scoring\.actionPenalties\[0\]\.unless\.marker: unknown marker "fixed"/],
    ['an unless naming an unknown action', (d) => { d.scoring.actionPenalties[0]!.unless = { after: ['push_file'] }; }, /^scoring\.actionPenalties\[0\]\.unless\.after\[0\]: unknown action or option "push_file"/],
    ['a lesson warranted by an unknown observation', (d) => { d.lessons[0]!.relatesTo.evidence = { anyOf: ['crash_logged'] }; }, /^lessons\[0\]\.relatesTo\.evidence\.anyOf\[0\]: unknown observation "crash_logged"/],
    ['a status component failing on an unknown signal', (d) => { d.statusPage!.components[0]!.failing[0]!.signal = 'nope'; }, /^statusPage\.components\[0\]\.failing\[0\]\.signal: unknown signal "nope"/],
    ['a status post without the four states', (d) => { post(d).params = post(d).params.filter((p) => p.name !== 'state'); }, /^actions\[2\]\.params: a status post needs a "state" enum/],
    ['a status post whose components are not the page\'s', (d) => {
      const c = post(d).params.find((p) => p.name === 'components');
      if (c?.type === 'multi') c.options = [{ value: 'api', label: 'API' }];
    }, /^actions\[2\]\.params: a status post needs a "components" multi parameter whose options are the statusPage components \(api, dashboard\)/],
    ['a default that is not an option', (d) => {
      const c = post(d).params.find((p) => p.name === 'components');
      if (c?.type === 'multi') c.default = ['db'];
    }, /^actions\[2\]\.params\[1\]\.default: "db" is not one of its options/],
    ['comms scoring without a status page', (d) => { delete d.statusPage; }, /^scoring\.comms: judging status posts needs a statusPage/],
  ])('refuse %s, naming the field', (_name, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });
});
