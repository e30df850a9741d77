import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from './load-scenarios.ts';
import { formatProblem } from './scenario-problems.ts';

const MIXED = path.join(import.meta.dirname, 'fixtures', 'mixed');

/** Each broken fixture, the file and field its problem must name, and what the message must say. */
const BROKEN: { folder: string; file: string; field: string | RegExp; message: RegExp }[] = [
  { folder: 'broken-invalid-json', file: 'scenario.json', field: /^line \d+, column \d+$/, message: /not valid JSON/ },
  { folder: 'broken-missing-field', file: 'scenario.json', field: 'title', message: /missing \(expected string\)/ },
  { folder: 'broken-wrong-type', file: 'scenario.json', field: 'clock.stepSeconds', message: /expected number, received string/ },
  { folder: 'broken-unknown-alert-signal', file: 'scenario.json', field: 'alerts[0].signal', message: /unknown signal "error_ratio"/ },
  { folder: 'broken-bad-plan-action', file: 'scenario.json', field: 'referencePlan[3].action', message: /unknown action "rollback_everything"/ },
  { folder: 'broken-model-missing-function', file: 'model.ts', field: 'model', message: /missing function\(s\): investigate/ },
  { folder: 'broken-model-throws', file: 'model.ts', field: 'model.step', message: /threw at 10:40:00: index out of bounds/ },
  { folder: 'broken-model-nondeterministic', file: 'model.ts', field: 'model', message: /not deterministic/ },
  { folder: 'broken-locked-tool', file: 'scenario.json', field: 'referencePlan[3]', message: /action rollback_config can never be unlocked: it needs lead change_v42, which no evidence, alert, inject or action reveals/ },
  { folder: 'broken-model-bad-evidence', file: 'model.ts', field: 'model.investigate(logs)', message: /evidence.summary must be non-empty text/ },
  { folder: 'broken-briefing-window', file: 'scenario.json', field: 'briefing.situation', message: /says "10:00 to 10:30" but the clock runs 10:00 to 11:00: write "\{start\} to \{end\}"/ },
];

describe('loading a directory with broken scenarios', () => {
  it('loads the good scenario and refuses every broken one, each with its file and field', async () => {
    const catalog = await loadScenarios(MIXED);
    expect([...catalog.scenarios.keys()]).toEqual(['toy-good']);
    expect(catalog.refused.map((r) => path.basename(r.folder)).sort()).toEqual(BROKEN.map((b) => b.folder).sort());
    for (const b of BROKEN) {
      const refused = catalog.refused.find((r) => path.basename(r.folder) === b.folder)!;
      expect(refused.problems, b.folder).toHaveLength(1);
      const problem = refused.problems[0]!;
      expect(problem.file, b.folder).toBe(path.relative(process.cwd(), path.join(MIXED, b.folder, b.file)));
      if (typeof b.field === 'string') expect(problem.field, b.folder).toBe(b.field);
      else expect(problem.field, b.folder).toMatch(b.field);
      expect(problem.message, b.folder).toMatch(b.message);
      expect(formatProblem(problem)).toContain(`${b.folder}/${b.file}: ${problem.field}: `);
    }
  });

  it('the good fixture plays like the toy it copies', async () => {
    const catalog = await loadScenarios(MIXED);
    const good = catalog.scenarios.get('toy-good')!;
    expect(good.data.referencePlan).toHaveLength(4);
    expect(typeof good.model.investigate).toBe('function');
  });

  it('never throws: a missing directory is reported, not raised', async () => {
    const catalog = await loadScenarios(path.join(MIXED, 'no-such-dir'));
    expect(catalog.scenarios.size).toBe(0);
    expect(catalog.refused[0]!.problems[0]!.message).toMatch(/cannot read the scenario directory/);
  });
});
