/** Shared by this scenario's tests: load it through the registry's validation, run plans, read signals. */
import { loadScenario } from '../../server/scenario-registry/load-scenarios.ts';
import { clock, decideMarkers, runPlan, type PlanStep, type Scenario, type SessionMode, type World } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';

export async function loadAws(): Promise<Scenario<AwsState>> {
  const result = await loadScenario(import.meta.dirname);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.scenario as Scenario<AwsState>;
}

export interface Run {
  world: World<AwsState>;
  /** Marker id → sim seconds or null. */
  at: Record<string, number | null>;
  relapses: { marker: string; recoveredAt: number; relapsedAt: number }[];
}

/** Realistic mode by default (the reference plan must find what it uses); three responders, as headless plans are played. */
export function run(scenario: Scenario<AwsState>, plan: readonly PlanStep[], seed = scenario.data.defaultSeed, mode: SessionMode = 'realistic'): Run {
  const result = runPlan(scenario, seed, plan, { mode });
  if (result.refused.length > 0) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  const { markers, relapses } = decideMarkers(scenario, result.world);
  return { world: result.world, at: markers, relapses };
}

/** The model's answer to any plan, whatever the team has found: counterfactuals test the model, not discovery. */
export const runGuided = (scenario: Scenario<AwsState>, plan: readonly PlanStep[], seed?: number) => run(scenario, plan, seed, 'guided');

export const act = (at: string, action: string, params: Record<string, string> = {}): PlanStep => ({ at, action, params });

/** The reference plan without the actions named (and with others added). */
export function referenceWithout(scenario: Scenario<AwsState>, actions: readonly string[], extra: PlanStep[] = []): PlanStep[] {
  return [...scenario.data.referencePlan.filter((s) => !('action' in s) || !actions.includes(s.action)), ...extra];
}

/** Signal values over [from, to]. */
export function series(world: World<AwsState>, signal: string, from: string, to: string): number[] {
  const a = clock(from);
  const b = clock(to);
  return world.samples.filter((s) => s.t >= a && s.t <= b).map((s) => s.values[signal] ?? NaN);
}

/** Minutes from `hhmm` to a marker time (null when it never happened). */
export const minutesFrom = (at: number | null | undefined, hhmm: string) => (at === null || at === undefined ? null : (at - clock(hhmm)) / 60);
