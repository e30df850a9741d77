import type { ScenarioData } from './scenario-definition.ts';
import { MarkerScan } from './marker-scan.ts';
import { stepPlan, type TimedInject } from './step-plan.ts';
import type { World } from './world.ts';
import { revealLeads } from './leads.ts';

/**
 * Puts on the feed every timed inject due in (from, to]. An inject with `onlyAfter` is due at `at`
 * or, if later, at the first step at which its premise (an alert fired, a marker reached) exists
 * in this world: an incident call needs an incident. An inject the facilitator already sent this
 * team by hand from the library is not delivered again. Mutates its own copy.
 *
 * One schedule serves one `advance` call: what was delivered and which alerts fired are read from
 * the feed once, then followed as the feed grows, instead of scanning the feed every step.
 */
export class InjectSchedule {
  private readonly data: ScenarioData;
  private readonly delivered = new Set<string>();
  private pending: TimedInject[];
  /** The earliest `at` among the pending injects: until then a step has nothing to check. */
  private nextAt = Infinity;
  private readonly firedAlerts = new Set<string>();
  /** Feed entries already read for fired alerts. */
  private read = 0;
  private markers: MarkerScan | null = null;

  constructor(world: World<unknown>, data: ScenarioData) {
    this.data = data;
    for (const f of world.feed) if (f.kind === 'inject' && f.inject !== undefined) this.delivered.add(f.inject);
    this.pending = stepPlan(data).timedInjects.filter((i) => !this.delivered.has(i.spec.id));
    for (const i of this.pending) this.nextAt = Math.min(this.nextAt, i.at);
  }

  deliver(world: World<unknown>, from: number, to: number): void {
    if (to < this.nextAt) return;
    let keep = 0;
    this.nextAt = Infinity;
    for (let i = 0; i < this.pending.length; i++) {
      const inject = this.pending[i]!;
      const { spec, at } = inject;
      if (this.delivered.has(spec.id)) continue;
      if (at > to) { this.keep(inject, keep++); continue; }
      if (spec.onlyAfter === undefined) {
        // Its time passed in an earlier step: it will never be due again.
        if (at > from) this.put(world, inject, at);
      } else if (this.premiseHolds(world, spec.onlyAfter)) {
        this.put(world, inject, to);
      } else {
        this.keep(inject, keep++);
      }
    }
    this.pending.length = keep;
  }

  private keep(inject: TimedInject, index: number): void {
    this.pending[index] = inject;
    this.nextAt = Math.min(this.nextAt, inject.at);
  }

  private put(world: World<unknown>, { spec }: TimedInject, at: number): void {
    world.feed.push({ entry: world.nextEntry++, at, kind: 'inject', title: spec.title, text: spec.text, hint: spec.hint, inject: spec.id });
    revealLeads(world, this.data, spec.leads, `Inject: ${spec.title}`);
    this.delivered.add(spec.id);
  }

  /** Has the alert rule fired, or the marker been reached, by now? */
  private premiseHolds(world: World<unknown>, id: string): boolean {
    if (this.data.alerts.some((a) => a.id === id)) {
      for (; this.read < world.feed.length; this.read++) {
        const f = world.feed[this.read]!;
        if (f.kind === 'alert' && f.rule !== undefined) this.firedAlerts.add(f.rule);
      }
      return this.firedAlerts.has(id);
    }
    this.markers ??= new MarkerScan(this.data);
    return (this.markers.update(world.samples).markers[id] ?? null) !== null;
  }
}

/** Deliver what is due in (from, to] in a world that is not being advanced (a fresh one). */
export function deliverTimedInjects(world: World<unknown>, data: ScenarioData, from: number, to: number): void {
  new InjectSchedule(world, data).deliver(world, from, to);
}
