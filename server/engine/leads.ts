import type { ScenarioData } from './scenario-definition.ts';
import { stepPlan } from './step-plan.ts';
import type { World } from './world.ts';

/**
 * Record the leads a piece of evidence revealed, once each (the first find counts). Unknown ids
 * are ignored: the load-time check refuses a model or scenario that names one.
 * Mutates the world it is given: only called by the engine on its own copy.
 */
export function revealLeads(world: World<unknown>, data: ScenarioData, ids: readonly string[] | undefined, source: string): void {
  if (!ids || ids.length === 0) return;
  const declared = stepPlan(data).leadIds;
  for (const id of ids) {
    if (!declared.has(id) || world.leads.some((l) => l.id === id)) continue;
    world.leads.push({ id, at: world.t, source });
  }
}
