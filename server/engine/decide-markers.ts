import type { Scenario } from './scenario-definition.ts';
import { advance } from './advance.ts';
import { findMarkers, type MarkerFindings } from './markers.ts';
import type { World } from './world.ts';

/**
 * The markers of a finished run. A recovery already holding when the run ends but not yet for its
 * rule's `forMinutes` is decided by the world itself: a copy runs on without new commands (pending
 * actions still land) for as long as the longest undecided rule needs. A marker the continuation
 * places at or before the run's end is credited; nothing the run already decided changes.
 */
export function decideMarkers<M>(scenario: Scenario<M>, world: World<M>): MarkerFindings {
  const found = findMarkers(scenario.data, world.samples);
  if (found.open.length === 0) return found;
  const rules = scenario.data.markers.filter((r) => found.open.includes(r.id));
  const longest = Math.max(...rules.map((r) => r.forMinutes)) * 60;
  const horizon = world.t + longest + scenario.data.clock.sampleSeconds;
  const continued = findMarkers(scenario.data, advance(scenario, world, horizon, horizon).samples);
  const markers = { ...found.markers };
  for (const [id, at] of Object.entries(continued.markers)) {
    if (markers[id] === null && at !== null && at <= world.t) markers[id] = at;
  }
  return { markers, relapses: found.relapses, open: found.open.filter((id) => markers[id] === null) };
}
