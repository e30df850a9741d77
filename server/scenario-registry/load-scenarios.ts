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
import { checkModel, modelShapeProblems } from './check-model.ts';
import { checkCacheFromEnv, checksHash, type CheckCache } from './check-cache.ts';
import { checkUnlockable } from './check-unlockable.ts';
import { zodProblems } from './format-zod-issues.ts';
import type { ScenarioProblem } from './scenario-problems.ts';

export interface ScenarioCatalog {
  scenarios: Map<string, Scenario>;
  /** Refused scenarios, by folder. */
  refused: { folder: string; problems: ScenarioProblem[] }[];
  /** Loaded scenarios whose model checks passed before with exactly this content (check-cache.ts), so were not run again. */
  checksRemembered?: string[];
}

export interface LoadOptions {
  /** Where passed model checks are remembered; null: run them every time. Default: SCENARIO_CHECK_CACHE. */
  checkCache?: CheckCache | null;
}

export const DEFAULT_SCENARIO_DIR = path.resolve(import.meta.dirname, '../../scenarios');

export async function loadScenarios(dir: string = DEFAULT_SCENARIO_DIR, options: LoadOptions = {}): Promise<ScenarioCatalog> {
  const catalog: ScenarioCatalog = { scenarios: new Map(), refused: [], checksRemembered: [] };
  const cache = options.checkCache === undefined ? checkCacheFromEnv() : options.checkCache;
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
    const result = await loadScenario(folder, { checkCache: cache });
    if (result.ok) {
      if (catalog.scenarios.has(result.scenario.data.id)) {
        catalog.refused.push({ folder, problems: [{ file: relative(folder, 'scenario.json'), field: 'id', message: `duplicate scenario id "${result.scenario.data.id}"` }] });
      } else {
        catalog.scenarios.set(result.scenario.data.id, result.scenario);
        if (result.checksRemembered) catalog.checksRemembered!.push(result.scenario.data.id);
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

export type LoadResult = { ok: true; scenario: Scenario; checksRemembered: boolean } | { ok: false; problems: ScenarioProblem[] };

/**
 * Parse and check one scenario folder. The schema and cross-reference checks always run; the model
 * checks (a smoke run of the reference plan and its replay as a team) are skipped when the cache
 * remembers that exactly this content passed them.
 */
export async function loadScenario(folder: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cache = options.checkCache === undefined ? checkCacheFromEnv() : options.checkCache;
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
  const shapeProblems = modelShapeProblems(module.model, modelFile);
  if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems };
  const scenario: Scenario = { data, model: module.model as Scenario['model'] };
  const hash = cache ? await checksHash(folder) : null;
  if (cache && hash && await cache.passed(folder, hash)) return { ok: true, scenario, checksRemembered: true };

  const modelProblems = checkModel(data, module.model, modelFile);
  if (modelProblems.length > 0) return { ok: false, problems: modelProblems };
  const lockProblems = checkUnlockable(scenario, dataFile);
  if (lockProblems.length > 0) return { ok: false, problems: lockProblems };
  if (cache && hash) await cache.remember(folder, hash);
  return { ok: true, scenario, checksRemembered: false };
}

/** "line 12, column 5" from a JSON.parse message's "at position N", so the author can jump there. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return `line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}
