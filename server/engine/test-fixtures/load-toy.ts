import path from 'node:path';
import { loadScenario } from '../../scenario-registry/load-scenarios.ts';
import type { Scenario } from '../index.ts';

/** The toy scenario, loaded through the same validation as real ones. */
export async function loadToyScenario(): Promise<Scenario> {
  const result = await loadScenario(path.join(import.meta.dirname, 'toy-config-push'));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}
