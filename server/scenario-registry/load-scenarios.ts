/**
 * Loads every scenario folder under a directory. Each is validated in full; a broken one is
 * refused with problems naming its file and field, and the others load as usual. Never throws.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenarioDataSchema, type Scenario, type ScenarioData } from '../engine/index.ts';
import { checkModel, checkReferences } from './check-references.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

export interface ScenarioCatalog {
  scenarios: Map<string, Scenario>;
  /** Refused scenarios, by folder. */
  refused: { folder: string; problems: ScenarioProblem[] }[];
}

export const DEFAULT_SCENARIO_DIR = path.resolve(import.meta.dirname, '../../scenarios');

export async function loadScenarios(dir: string = DEFAULT_SCENARIO_DIR): Promise<ScenarioCatalog> {
  const catalog: ScenarioCatalog = { scenarios: new Map(), refused: [] };
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch (err) {
    catalog.refused.push({ folder: dir, problems: [{ file: dir, field: '', message: `cannot read the scenario directory: ${(err as Error).message}` }] });
    return catalog;
  }
  for (const name of entries) {
    const folder = path.join(dir, name);
    if (!(await stat(folder)).isDirectory()) continue;
    const result = await loadScenario(folder);
    if (result.ok) {
      if (catalog.scenarios.has(result.scenario.data.id)) {
        catalog.refused.push({ folder, problems: [{ file: relative(folder, 'scenario.json'), field: 'id', message: `duplicate scenario id "${result.scenario.data.id}"` }] });
      } else {
        catalog.scenarios.set(result.scenario.data.id, result.scenario);
      }
    } else {
      catalog.refused.push({ folder, problems: result.problems });
    }
  }
  return catalog;
}

function relative(folder: string, file: string): string {
  return path.relative(process.cwd(), path.join(folder, file)) || file;
}

export async function loadScenario(folder: string): Promise<{ ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] }> {
  const dataFile = relative(folder, 'scenario.json');
  const modelFile = relative(folder, 'model.ts');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.join(folder, 'scenario.json'), 'utf8'));
  } catch (err) {
    return { ok: false, problems: [{ file: dataFile, field: '', message: `not readable JSON: ${(err as Error).message}` }] };
  }
  const parsed = scenarioDataSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ file: dataFile, field: formatPath(issue.path), message: issue.message })),
    };
  }
  const data: ScenarioData = parsed.data;
  if (data.id !== path.basename(folder)) {
    return { ok: false, problems: [{ file: dataFile, field: 'id', message: `must match the folder name "${path.basename(folder)}"` }] };
  }
  const referenceProblems = checkReferences(data, dataFile);
  if (referenceProblems.length > 0) return { ok: false, problems: referenceProblems };

  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path.join(folder, 'model.ts')).href)) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, problems: [{ file: modelFile, field: '', message: `cannot load: ${(err as Error).message}` }] };
  }
  const modelProblems = checkModel(data, module.model, modelFile);
  if (modelProblems.length > 0) return { ok: false, problems: modelProblems };
  return { ok: true, scenario: { data, model: module.model as Scenario['model'] } };
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
