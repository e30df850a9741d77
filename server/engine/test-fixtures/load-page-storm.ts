import path from 'node:path';
import { loadScenario } from '../../scenario-registry/load-scenarios.ts';
import type { Scenario } from '../index.ts';

/** The page-storm toy (model pages, skip injects, a suggested speed), loaded through the same validation as real ones. */
export async function loadPageStormToy(): Promise<Scenario> {
  const result = await loadScenario(path.join(import.meta.dirname, 'toy-page-storm'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}
