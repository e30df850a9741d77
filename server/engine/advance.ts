import { Rng } from './rng.ts';
import type { FeedItem, Scenario, StepContext } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';
import { copyWorld } from './copy-world.ts';
import { recordSample } from './sampling.ts';
import { InjectSchedule } from './timed-injects.ts';
import { revealLeads } from './leads.ts';
import { describeRequest } from './describe-request.ts';
import { stepPlan } from './step-plan.ts';

export function endTime(scenario: Scenario<unknown>): SimSeconds {
  return stepPlan(scenario.data).end;
}

export function isOver(scenario: Scenario<unknown>, world: World<unknown>): boolean {
  return world.t >= endTime(scenario);
}

/**
 * Advance the world in fixed steps up to `until` (never past `horizon`, the scenario's end unless
 * a caller deciding markers runs the world on). Pending actions and investigations settle at the
 * first step at or after their time, before the model steps, so an action's effect is visible in
 * the sample of the step it lands on. The world given is left untouched: the steps run on a copy.
 */
export function advance<M>(scenario: Scenario<M>, world: World<M>, until: SimSeconds, horizon: SimSeconds = endTime(scenario)): World<M> {
  if (world.t + stepPlan(scenario.data).stepSeconds > Math.min(until, horizon)) return world;
  return advanceOwned(scenario, copyWorld(world), until, horizon);
}

/**
 * `advance` on a world the caller owns (it made it and has shown it to no one): the steps run on
 * it in place, so a run of many commands copies its growing arrays once, not once per command.
 * Used by run-plan.ts and by a live session on its teams' worlds, which it owns (views copy what
 * they keep); one context per call, whatever the number of steps: the loop
 * mutates the world and the context's `t` (models never keep the context; they return new state).
 */
export function advanceOwned<M>(scenario: Scenario<M>, next: World<M>, until: SimSeconds, horizon: SimSeconds = endTime(scenario)): World<M> {
  const { data, model } = scenario;
  const plan = stepPlan(data);
  const step = plan.stepSeconds;
  const target = Math.min(until, horizon);
  if (next.t + step > target) return next;

  const rng = new Rng(next.rng);
  const ctx: StepContext = {
    t: next.t, rng, data, dt: step,
    emit(item: FeedItem) {
      next.feed.push({
        entry: next.nextEntry++, at: next.t, kind: item.kind, title: item.title, text: item.text,
        ...(item.kind === 'alert' || item.kind === 'alert-resolved' ? { severity: item.severity, rule: item.rule } : {}),
      });
    },
  };
  const injects = new InjectSchedule(next, data);

  // Records change only when they settle (commands come between calls): the next due time is
  // found once, and again after each settling, not by scanning the records every step.
  let due = nextDue(next);
  while (next.t + step <= target) {
    const from = next.t;
    next.t = ctx.t = from + step;
    if (due <= next.t) {
      settleDue(next, scenario, ctx);
      due = nextDue(next);
    }
    next.model = model.step(next.model, ctx);
    injects.deliver(next, from, next.t);
    // Samples sit on a fixed grid, so a world advanced in many small calls or one big call is the same.
    if (next.t % plan.sampleSeconds === 0) recordSample(next, scenario, ctx, plan);
  }
  next.rng = rng.state;
  return next;
}

/** The earliest time a pending action or a running investigation is due (Infinity: none). */
function nextDue(world: World<unknown>): SimSeconds {
  let due = Infinity;
  for (const a of world.actions) if (a.status === 'pending' && a.effectiveAt < due) due = a.effectiveAt;
  for (const i of world.investigations) if (i.status === 'running' && i.completesAt < due) due = i.completesAt;
  return due;
}

/** Apply, in request order, every action whose delay has run out and complete due investigations. */
function settleDue<M>(world: World<M>, scenario: Scenario<M>, ctx: StepContext): void {
  const { data, model } = scenario;
  type Due = { kind: 'action'; index: number; entry: number } | { kind: 'investigation'; index: number; entry: number };
  const due: Due[] = [];
  world.actions.forEach((a, index) => {
    if (a.status === 'pending' && a.effectiveAt <= world.t) due.push({ kind: 'action', index, entry: a.entry });
  });
  world.investigations.forEach((inv, index) => {
    if (inv.status === 'running' && inv.completesAt <= world.t) due.push({ kind: 'investigation', index, entry: inv.entry });
  });
  due.sort((a, b) => a.entry - b.entry);
  // Models see a plain ModelContext, as before: t, rng and data.
  const modelCtx = { t: ctx.t, rng: ctx.rng, data };
  for (const d of due) {
    if (d.kind === 'action') {
      const record = world.actions[d.index]!;
      const result = model.act(world.model, { id: record.action, params: record.params }, modelCtx);
      world.model = result.model;
      // Only a no-op is marked: records of actions that changed the world keep their shape.
      world.actions[d.index] = result.changed === false
        ? { ...record, status: 'done', outcome: result.outcome, changed: false }
        : { ...record, status: 'done', outcome: result.outcome };
      // The request's title names the source of a lead: only worth writing out when there is one.
      if (result.leads?.length) revealLeads(world, data, result.leads, describeRequest(data.actions, record.action, record.params));
    } else {
      const record = world.investigations[d.index]!;
      const { leads, shows, ...evidence } = model.investigate(world.model, { id: record.investigation, params: record.params, requestedAt: record.requestedAt }, modelCtx);
      world.investigations[d.index] = { ...record, status: 'complete', evidence, ...(shows && shows.length > 0 ? { shows: [...new Set(shows)] } : {}) };
      if (leads?.length) revealLeads(world, data, leads, describeRequest(data.investigations, record.investigation, record.params));
    }
  }
}
