import type { InjectSpec, ScenarioData } from './scenario-definition.ts';
import { findMarkers } from './markers.ts';
import { clock } from './sim-time.ts';
import type { World } from './world.ts';
import { revealLeads } from './leads.ts';

/**
 * Put on the feed every timed inject due in (from, to]. An inject with `onlyAfter` is due at `at`
 * or, if later, at the first step at which its premise (an alert fired, a marker reached) exists
 * in this world: an incident call needs an incident. An inject the facilitator already sent this
 * team by hand from the library is not delivered again. Mutates its own copy.
 */
export function deliverTimedInjects(world: World<unknown>, data: ScenarioData, from: number, to: number): void {
  for (const inject of data.injects) {
    if (!inject.at) continue;
    const at = clock(inject.at);
    if (at > to || delivered(world, inject)) continue;
    if (inject.onlyAfter === undefined) {
      if (at > from) deliver(world, data, inject, at);
    } else if (premiseHolds(world, data, inject.onlyAfter)) {
      deliver(world, data, inject, to);
    }
  }
}

function deliver(world: World<unknown>, data: ScenarioData, inject: InjectSpec, at: number): void {
  world.feed.push({ entry: world.nextEntry++, at, kind: 'inject', title: inject.title, text: inject.text, hint: inject.hint, inject: inject.id });
  revealLeads(world, data, inject.leads, `Inject: ${inject.title}`);
}

const delivered = (world: World<unknown>, inject: InjectSpec) => world.feed.some((f) => f.kind === 'inject' && f.inject === inject.id);

/** Has the alert rule fired, or the marker been reached, by now? */
function premiseHolds(world: World<unknown>, data: ScenarioData, id: string): boolean {
  if (data.alerts.some((a) => a.id === id)) return world.feed.some((f) => f.kind === 'alert' && f.rule === id);
  return (findMarkers(data, world.samples).markers[id] ?? null) !== null;
}
