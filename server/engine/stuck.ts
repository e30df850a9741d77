/**
 * A team that is stuck: its impact goes on, it has found nothing new for a long while, and it has
 * run every investigation its runbook offers, so nothing it can do on its own will show it more.
 * Read from the world alone (alerts, leads, runbook, investigations), for any scenario, so the
 * facilitator sees it in mission control instead of a team stalling silently, and can send a hint.
 *
 * Investigations are the tools that count: they are how a team looks; actions change the world.
 */
import { available } from './available.ts';
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

  const tools = available(scenario, world).investigations;
  if (tools.length === 0) return null;
  let lastFirstRun = -Infinity;
  for (const tool of tools) {
    const done = world.investigations.filter((i) => i.investigation === tool.id && i.status === 'complete').map((i) => i.completesAt);
    if (done.length === 0) return null;
    lastFirstRun = Math.max(lastFirstRun, Math.min(...done));
  }
  return { since: Math.max(quietSince + afterMinutes * 60, impactSince, lastFirstRun), quietSince, afterMinutes, investigations: tools.length };
}
