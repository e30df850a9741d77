import type { ScenarioData } from './scenario-definition.ts';
import { clock } from './sim-time.ts';
import type { World } from './world.ts';

/**
 * Put on the feed every timed inject whose time falls in (from, to], unless the facilitator
 * already sent that library inject to this team by hand. Mutates its own copy.
 */
export function deliverTimedInjects(world: World<unknown>, data: ScenarioData, from: number, to: number): void {
  for (const inject of data.injects) {
    if (!inject.at) continue;
    const at = clock(inject.at);
    if (at > from && at <= to && !world.feed.some((f) => f.kind === 'inject' && f.injectId === inject.id)) {
      world.feed.push({ entry: world.nextEntry++, at, kind: 'inject', title: inject.title, text: inject.text, hint: inject.hint, injectId: inject.id });
    }
  }
}
