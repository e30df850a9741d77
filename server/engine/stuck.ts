/**
 * A team that is stuck: its impact goes on, it has found nothing new for a long while, and it has
 * run every investigation its runbook offers, so nothing it can do on its own will show it more.
 * Read from the world alone (alerts, leads, runbook, investigations), for any scenario, so the
 * facilitator sees it in mission control instead of a team stalling silently, and can send a hint.
 *
 * Investigations are the tools that count: they are how a team looks; actions change the world.
 */
import { available, type RunbookInvestigation } from './available.ts';
import { isOver } from './advance.ts';
import type { Scenario, ScenarioData } from './scenario-definition.ts';
import { parseClock, type SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

export interface StuckState {
  /** Since when all of it holds. */
  since: SimSeconds;
  /** The team's last lead, or its first alert when it found nothing since (or before). */
  quietSince: SimSeconds;
  /** Sim minutes without a new lead that count as stuck (stuckAfterMinutes). */
  afterMinutes: number;
  /** How many investigations its runbook offers: every one has been run to the end. */
  investigations: number;
}

/** A tenth of the scenario's clock, between 10 and 30 sim minutes: 30 for a long day, 10 for a short incident. */
export function stuckAfterMinutes(data: ScenarioData): number {
  const minutes = ((parseClock(data.clock.end) ?? 0) - (parseClock(data.clock.start) ?? 0)) / 60;
  return Math.min(30, Math.max(10, Math.round(minutes / 10)));
}

/** Null unless the team is stuck now (world.t). Cheap checks first: the runbook is built only when the rest holds. */
export function stuckState<M>(scenario: Scenario<M>, world: World<M>): StuckState | null {
  if (isOver(scenario, world)) return null;
  // Impact goes on: an alert is firing; since the start of the longest-standing one.
  const firing = Object.values(world.alertState).filter((a) => a.firing && a.since !== null).map((a) => a.since!);
  if (firing.length === 0) return null;
  const impactSince = Math.min(...firing);
  const firstAlert = world.feed.find((f) => f.kind === 'alert')?.at ?? impactSince;
  const lastLead = world.leads.reduce((t, l) => Math.max(t, l.at), -Infinity);
  const quietSince = Math.max(lastLead, firstAlert);
  const afterMinutes = stuckAfterMinutes(scenario.data);
  if (world.t < quietSince + afterMinutes * 60) return null;

  const tools = runbookInvestigations(scenario, world);
  if (tools.length === 0) return null;
  let lastFirstRun = -Infinity;
  for (const tool of tools) {
    const done = world.investigations.filter((i) => i.investigation === tool.id && i.status === 'complete').map((i) => i.completesAt);
    if (done.length === 0) return null;
    lastFirstRun = Math.max(lastFirstRun, Math.min(...done));
  }
  return { since: Math.max(quietSince + afterMinutes * 60, impactSince, lastFirstRun), quietSince, afterMinutes, investigations: tools.length };
}

/**
 * The runbook's investigations for this world: a function of the scenario, the mode and the leads,
 * which are only ever added, so it is worked out once per lead found rather than on every tick a
 * quiet team is checked. Keyed by the last lead record (worlds that share it at the same index share
 * every lead before it: copies share the records), or by the scenario while there is none.
 */
function runbookInvestigations<M>(scenario: Scenario<M>, world: World<M>): readonly RunbookInvestigation[] {
  const key: object = world.leads.at(-1) ?? scenario;
  let byKey = runbooks.get(key);
  const hit = byKey?.find((r) => r.scenario === scenario && r.mode === world.mode && r.leads === world.leads.length);
  if (hit) return hit.tools;
  const tools = available(scenario, world).investigations;
  if (!byKey) runbooks.set(key, byKey = []);
  byKey.push({ scenario, mode: world.mode, leads: world.leads.length, tools });
  return tools;
}

const runbooks = new WeakMap<object, { scenario: Scenario<unknown>; mode: string; leads: number; tools: readonly RunbookInvestigation[] }[]>();
