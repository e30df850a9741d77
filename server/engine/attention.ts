/**
 * Responders' attention: a responder runs one investigation, or makes one change, at a time.
 * Who is busy is a pure function of the world's records (each carries its responder, `by`), so
 * replays, branches and the solver get the limit for free. Records without `by` (the host's, and
 * logs from before attention existed) take nobody's time. The records a team sees carry the same
 * fields, so consoles and the solver read attention from a team's observation with the same code.
 */
import { describeRequest } from './describe-request.ts';
import type { ParamValues, ScenarioData } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

/** The records attention is read from: a world, or a team's observation of it. */
export interface AttentionRecords {
  t: SimSeconds;
  investigations: readonly { entry: number; investigation: string; params: ParamValues; status: string; completesAt: SimSeconds; by?: string }[];
  actions: readonly { entry: number; action: string; params: ParamValues; workUntil?: SimSeconds; by?: string }[];
}

/** What keeps a responder busy, without its title (a console titles it from its runbook). */
export interface BusyTask {
  by: string;
  /** The record keeping them busy. */
  entry: number;
  kind: 'investigation' | 'action';
  /** The investigation or action id, and its params. */
  id: string;
  params: ParamValues;
  until: SimSeconds;
}

export interface BusyResponder extends Omit<BusyTask, 'id' | 'params'> {
  /** What they are doing, as a person reads it ("Query core proxy error logs (FL2)"). */
  title: string;
}

/** The task keeping `by` busy at the records' time, or null when they are free. */
export function busyTask(records: AttentionRecords, by: string): BusyTask | null {
  for (const inv of records.investigations) {
    if (inv.by === by && inv.status === 'running' && inv.completesAt > records.t) {
      return { by, entry: inv.entry, kind: 'investigation', id: inv.investigation, params: inv.params, until: inv.completesAt };
    }
  }
  for (const a of records.actions) {
    if (a.by === by && a.workUntil !== undefined && a.workUntil > records.t) {
      return { by, entry: a.entry, kind: 'action', id: a.action, params: a.params, until: a.workUntil };
    }
  }
  return null;
}

/** Everyone busy at the records' time, soonest free first. */
export function busyTasks(records: AttentionRecords): BusyTask[] {
  const seen = new Set<string>();
  const out: BusyTask[] = [];
  const consider = (by: string | undefined) => {
    if (by === undefined || seen.has(by)) return;
    seen.add(by);
    const busy = busyTask(records, by);
    if (busy) out.push(busy);
  };
  for (const inv of records.investigations) if (inv.status === 'running') consider(inv.by);
  for (const a of records.actions) if (a.workUntil !== undefined && a.workUntil > records.t) consider(a.by);
  return out.sort((a, b) => a.until - b.until || a.by.localeCompare(b.by));
}

const titled = (data: ScenarioData, { id, params, ...task }: BusyTask): BusyResponder => ({
  ...task, title: describeRequest(task.kind === 'investigation' ? data.investigations : data.actions, id, params),
});

/** The task keeping `by` busy at the world's time, with its title, or null when they are free. */
export function busyWith(data: ScenarioData, world: World<unknown>, by: string): BusyResponder | null {
  const busy = busyTask(world, by);
  return busy ? titled(data, busy) : null;
}

/** Everyone busy at the world's time, with what and until when (for consoles and mission control). */
export function busyResponders(data: ScenarioData, world: World<unknown>): BusyResponder[] {
  return busyTasks(world).map((task) => titled(data, task));
}
