/**
 * Loads every scenario folder under a directory. Each is validated in full; a broken one is
 * refused with problems naming its file and field, and the others load as usual. Never throws.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenarioDataSchema, type Scenario, type ScenarioData } from '../engine/index.ts';
import { checkReferences } from './check-references.ts';
import { checkDisguise } from './check-disguise.ts';
import { checkModel } from './check-model.ts';
import { checkUnlockable } from './check-unlockable.ts';
import { zodProblems } from './format-zod-issues.ts';
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
    // A dangling link or an entry removed meanwhile is not a scenario; it must not stop the others.
    const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
    if (!isFolder) continue;
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
  let text: string;
  try {
    text = await readFile(path.join(folder, 'scenario.json'), 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file: dataFile, field: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ file: dataFile, field: jsonErrorPlace(text, (err as Error).message), message: `not valid JSON: ${(err as Error).message}` }] };
  }
  const parsed = scenarioDataSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(dataFile, parsed.error.issues) };
  }
  const data: ScenarioData = parsed.data;
  if (data.id !== path.basename(folder)) {
    return { ok: false, problems: [{ file: dataFile, field: 'id', message: `must match the folder name "${path.basename(folder)}"` }] };
  }
  const referenceProblems = [...checkReferences(data, dataFile), ...checkDisguise(data, dataFile)];
  if (referenceProblems.length > 0) return { ok: false, problems: referenceProblems };

  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path.join(folder, 'model.ts')).href)) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, problems: [{ file: modelFile, field: '', message: `cannot load: ${(err as Error).message}` }] };
  }
  const modelProblems = checkModel(data, module.model, modelFile);
  if (modelProblems.length > 0) return { ok: false, problems: modelProblems };
  const scenario: Scenario = { data, model: module.model as Scenario['model'] };
  const lockProblems = checkUnlockable(scenario, dataFile);
  if (lockProblems.length > 0) return { ok: false, problems: lockProblems };
  return { ok: true, scenario };
}

/** "line 12, column 5" from a JSON.parse message's "at position N", so the author can jump there. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}
