import { Rng } from './rng.ts';
import type { FeedItem, Scenario } from './scenario-definition.ts';
import { clock, type SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';
import { copyWorld } from './copy-world.ts';
import { recordSample } from './sampling.ts';
import { deliverTimedInjects } from './timed-injects.ts';
import { revealLeads } from './leads.ts';
import { describeRequest } from './describe-request.ts';

export function endTime(scenario: Scenario<unknown>): SimSeconds {
  return clock(scenario.data.clock.end);
}

export function isOver(scenario: Scenario<unknown>, world: World<unknown>): boolean {
  return world.t >= endTime(scenario);
}

/**
 * Advance the world in fixed steps up to `until` (never past `horizon`, the scenario's end unless
 * a caller deciding markers runs the world on). Pending actions and investigations settle at the
 * first step at or after their time, before the model steps, so an action's effect is visible in
 * the sample of the step it lands on.
 */
export function advance<M>(scenario: Scenario<M>, world: World<M>, until: SimSeconds, horizon: SimSeconds = endTime(scenario)): World<M> {
  const { data, model } = scenario;
  const step = data.clock.stepSeconds;
  const target = Math.min(until, horizon);
  if (world.t + step > target) return world;

  const next = copyWorld(world);
  const rng = new Rng(next.rng);
  const emit = (item: FeedItem) => {
    next.feed.push({
      entry: next.nextEntry++, at: next.t, kind: item.kind, title: item.title, text: item.text,
      ...(item.kind === 'alert' || item.kind === 'alert-resolved' ? { severity: item.severity, rule: item.rule } : {}),
    });
  };

  while (next.t + step <= target) {
    const from = next.t;
    next.t = from + step;
    const ctx = { t: next.t, rng, data };
    settleDue(next, scenario, rng);
    next.model = model.step(next.model, { ...ctx, dt: step, emit });
    deliverTimedInjects(next, data, from, next.t);
    // Samples sit on a fixed grid, so a world advanced in many small calls or one big call is the same.
    if (next.t % data.clock.sampleSeconds === 0) recordSample(next, scenario, rng);
  }
  next.rng = rng.state;
  return next;
}

/** Apply, in request order, every action whose delay has run out and complete due investigations. */
function settleDue<M>(world: World<M>, scenario: Scenario<M>, rng: Rng): void {
  const { data, model } = scenario;
  type Due = { kind: 'action'; index: number; entry: number } | { kind: 'investigation'; index: number; entry: number };
  const due: Due[] = [];
  world.actions.forEach((a, index) => {
    if (a.status === 'pending' && a.effectiveAt <= world.t) due.push({ kind: 'action', index, entry: a.entry });
  });
  world.investigations.forEach((inv, index) => {
    if (inv.status === 'running' && inv.completesAt <= world.t) due.push({ kind: 'investigation', index, entry: inv.entry });
  });
  if (due.length === 0) return;
  due.sort((a, b) => a.entry - b.entry);
  const ctx = { t: world.t, rng, data };
  for (const d of due) {
    if (d.kind === 'action') {
      const record = world.actions[d.index]!;
      const result = model.act(world.model, { id: record.action, params: record.params }, ctx);
      world.model = result.model;
      // Only a no-op is marked: records of actions that changed the world keep their shape.
      world.actions[d.index] = result.changed === false
        ? { ...record, status: 'done', outcome: result.outcome, changed: false }
        : { ...record, status: 'done', outcome: result.outcome };
      revealLeads(world, data, result.leads, describeRequest(data.actions, record.action, record.params));
    } else {
      const record = world.investigations[d.index]!;
      const { leads, shows, ...evidence } = model.investigate(world.model, { id: record.investigation, params: record.params }, ctx);
      world.investigations[d.index] = { ...record, status: 'complete', evidence, ...(shows && shows.length > 0 ? { shows: [...new Set(shows)] } : {}) };
      revealLeads(world, data, leads, describeRequest(data.investigations, record.investigation, record.params));
    }
  }
}
