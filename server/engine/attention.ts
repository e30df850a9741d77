/**
 * Responders' attention: a responder runs one investigation, or makes one change, at a time.
 * Who is busy is a pure function of the world's records (each carries its responder, `by`), so
 * replays, branches and the solver get the limit for free. Records without `by` (the host's, and
 * logs from before attention existed) take nobody's time.
 */
import { describeRequest } from './describe-request.ts';
import type { ScenarioData } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

export interface BusyResponder {
  by: string;
  /** The record keeping them busy. */
  entry: number;
  kind: 'investigation' | 'action';
  /** What they are doing, as a person reads it ("Query core proxy error logs (FL2)"). */
  title: string;
  until: SimSeconds;
}

/** The task keeping `by` busy at the world's time, or null when they are free. */
export function busyWith(data: ScenarioData, world: World<unknown>, by: string): BusyResponder | null {
  for (const inv of world.investigations) {
    if (inv.by === by && inv.status === 'running' && inv.completesAt > world.t) {
      return { by, entry: inv.entry, kind: 'investigation', title: describeRequest(data.investigations, inv.investigation, inv.params), until: inv.completesAt };
    }
  }
  for (const a of world.actions) {
    if (a.by === by && a.workUntil !== undefined && a.workUntil > world.t) {
      return { by, entry: a.entry, kind: 'action', title: describeRequest(data.actions, a.action, a.params), until: a.workUntil };
    }
  }
  return null;
}

/** Everyone busy at the world's time, with what and until when (for consoles and mission control). */
export function busyResponders(data: ScenarioData, world: World<unknown>): BusyResponder[] {
  const seen = new Set<string>();
  const out: BusyResponder[] = [];
  const consider = (by: string | undefined) => {
    if (by === undefined || seen.has(by)) return;
    seen.add(by);
    const busy = busyWith(data, world, by);
    if (busy) out.push(busy);
  };
  for (const inv of world.investigations) if (inv.status === 'running') consider(inv.by);
  for (const a of world.actions) if (a.workUntil !== undefined && a.workUntil > world.t) consider(a.by);
  return out.sort((a, b) => a.until - b.until || a.by.localeCompare(b.by));
}
