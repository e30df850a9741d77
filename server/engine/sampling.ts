import { firingText, resolvedText } from './alert-text.ts';
import type { ModelContext, Scenario } from './scenario-definition.ts';
import type { StepPlan } from './step-plan.ts';
import type { World } from './world.ts';
import { revealLeads } from './leads.ts';

/**
 * Take one telemetry sample at `world.t` and evaluate the alert rules on it. `ctx` is the step
 * loop's context (its `t` is the world's). Mutates the world it is given: only called by
 * `advance`/`createWorld` on their own copy.
 */
export function recordSample<M>(world: World<M>, scenario: Scenario<M>, ctx: ModelContext, plan: StepPlan): void {
  const row = plan.scratchRow;
  const values = plan.sampleValues(scenario.model.signals(world.model, ctx), row);
  world.samples.push({ t: world.t, values });

  const { alertState } = world;
  for (let i = 0; i < plan.alerts.length; i++) {
    const { rule, signal, label, unit } = plan.alerts[i]!;
    const state = alertState[rule.id];
    const v = signal < 0 ? 0 : row[signal]!;
    const breaching = rule.op === 'above' ? v > rule.threshold : v < rule.threshold;
    if (breaching) {
      const since = state?.since ?? world.t;
      let firing = state?.firing ?? false;
      if (!firing && world.t - since >= rule.forMinutes * 60) {
        firing = true;
        world.feed.push({
          entry: world.nextEntry++, at: world.t, kind: 'alert', severity: rule.severity, rule: rule.id,
          title: `FIRING: ${rule.title}`,
          text: firingText(rule, label, unit, v),
        });
        revealLeads(world, scenario.data, rule.leads, `Alert: ${rule.title}`);
      }
      // States are replaced, never changed in place (an earlier world shares them); unchanged, kept.
      if (state?.since !== since || state.firing !== firing) alertState[rule.id] = { since, firing };
    } else {
      if (state?.firing) {
        world.feed.push({
          entry: world.nextEntry++, at: world.t, kind: 'alert-resolved', severity: rule.severity, rule: rule.id,
          title: `RESOLVED: ${rule.title}`, text: resolvedText(rule, label, unit, v),
        });
      }
      if (state?.since !== null || state.firing) alertState[rule.id] = { since: null, firing: false };
    }
  }
}
