import { Rng, seedRng } from './rng.ts';
import type { Scenario } from './scenario-definition.ts';
import type { SessionMode, World } from './world.ts';
import { recordSample } from './sampling.ts';
import { stepPlan } from './step-plan.ts';
import { deliverTimedInjects } from './timed-injects.ts';

export interface WorldOptions {
  /** Default `realistic`: tools unlock as the team finds leads. */
  mode?: SessionMode;
}

/** A fresh world at the scenario's start time, with its first sample taken. */
export function createWorld<M>(scenario: Scenario<M>, seed: number, options: WorldOptions = {}): World<M> {
  const { data, model } = scenario;
  const plan = stepPlan(data);
  const t = plan.start;
  const rng = new Rng(seedRng(seed));
  const ctx = { t, rng, data };
  const world: World<M> = {
    scenarioId: data.id,
    seed,
    mode: options.mode ?? 'realistic',
    t,
    rng: 0,
    model: model.init(ctx),
    nextEntry: 1,
    actions: [],
    investigations: [],
    diagnoses: [],
    leads: [],
    feed: [],
    samples: [],
    alertState: Object.fromEntries(data.alerts.map((a) => [a.id, { since: null, firing: false }])),
  };
  deliverTimedInjects(world, data, t - 1, t);
  recordSample(world, scenario, ctx, plan);
  world.rng = rng.state;
  return world;
}
