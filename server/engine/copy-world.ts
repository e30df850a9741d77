import type { World } from './world.ts';

/**
 * A copy the engine may mutate while computing the next world. Arrays are copied (entries are
 * never mutated in place once created, except pending records, which are copied when settled),
 * so the input world stays untouched and public engine functions stay pure.
 */
export function copyWorld<M>(world: World<M>): World<M> {
  return {
    ...world,
    actions: world.actions.slice(),
    investigations: world.investigations.slice(),
    diagnoses: world.diagnoses.slice(),
    leads: world.leads.slice(),
    feed: world.feed.slice(),
    samples: world.samples.slice(),
    alertState: { ...world.alertState },
  };
}
