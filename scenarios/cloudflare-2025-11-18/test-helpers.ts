/** Shared by this scenario's tests: load it through the registry's validation and run plans. */
import path from 'node:path';
import { loadScenario } from '../../server/scenario-registry/load-scenarios.ts';
import { clock, computeMarkers, formatClock, runPlan, type PlanStep, type Scenario, type SessionMode, type World } from '../../server/engine/index.ts';
import type { CfState } from './model-state.ts';

export async function loadCloudflare(): Promise<Scenario<CfState>> {
  const result = await loadScenario(path.join(import.meta.dirname));
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.scenario as Scenario<CfState>;
}

export interface Run {
  world: World<CfState>;
  /** Marker id → "HH:MM" or null. */
  markers: Record<string, string | null>;
  /** Marker id → sim seconds or null. */
  at: Record<string, number | null>;
}

export function run(scenario: Scenario<CfState>, plan: readonly PlanStep[], seed = scenario.data.defaultSeed, mode: SessionMode = 'realistic'): Run {
  const result = runPlan(scenario, seed, plan, { mode });
  if (result.refused.length > 0) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  const at = computeMarkers(scenario.data, result.world.samples);
  const markers = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v === null ? null : formatClock(v)]));
  return { world: result.world, markers, at };
}

/** The model's answer to any plan, whatever the team has found: counterfactuals test the model, not discovery. */
export const runGuided = (scenario: Scenario<CfState>, plan: readonly PlanStep[], seed?: number) => run(scenario, plan, seed, 'guided');

/** The value of a signal at the sample closest to (at or before) `hhmm`. */
export function valueAt(world: World<CfState>, signal: string, hhmm: string): number {
  const t = clock(hhmm);
  let v = NaN;
  for (const s of world.samples) {
    if (s.t > t) break;
    v = s.values[signal] ?? NaN;
  }
  return v;
}

/** Signal values over [from, to]. */
export function series(world: World<CfState>, signal: string, from: string, to: string): number[] {
  const a = clock(from);
  const b = clock(to);
  return world.samples.filter((s) => s.t >= a && s.t <= b).map((s) => s.values[signal] ?? NaN);
}

export const minutes = (a: number | null | undefined, b: string) => (a === null || a === undefined ? null : (a - clock(b)) / 60);
