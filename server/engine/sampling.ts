import { firingText, resolvedText } from './alert-text.ts';
import type { Rng } from './rng.ts';
import type { Scenario, SignalSpec } from './scenario-definition.ts';
import type { World } from './world.ts';
import { revealLeads } from './leads.ts';

/**
 * Take one telemetry sample at `world.t` and evaluate the alert rules on it.
 * Mutates the world it is given: only called by `advance`/`createWorld` on their own copy.
 */
export function recordSample<M>(world: World<M>, scenario: Scenario<M>, rng: Rng): void {
  const { data, model } = scenario;
  const raw = model.signals(world.model, { t: world.t, rng, data });
  const values: Record<string, number> = {};
  for (const s of data.signals) {
    const v = raw[s.id];
    // Round to 4 decimals: keeps payloads small and JSON byte-identical across runs.
    values[s.id] = typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : 0;
  }
  world.samples.push({ t: world.t, values });

  // The signal's label and unit, looked up only when an alert line is written (rare), not per sample.
  const labelAndUnit = (signal: string): [string, SignalSpec['unit']] => {
    const spec = data.signals.find((s) => s.id === signal);
    return [spec?.label ?? signal, spec?.unit ?? 'count'];
  };
  for (const rule of data.alerts) {
    const state = world.alertState[rule.id] ?? { since: null, firing: false };
    const v = values[rule.signal] ?? 0;
    const breaching = rule.op === 'above' ? v > rule.threshold : v < rule.threshold;
    if (breaching) {
      const since = state.since ?? world.t;
      let firing = state.firing;
      if (!firing && world.t - since >= rule.forMinutes * 60) {
        firing = true;
        world.feed.push({
          entry: world.nextEntry++, at: world.t, kind: 'alert', severity: rule.severity, rule: rule.id,
          title: `FIRING: ${rule.title}`,
          text: firingText(rule, ...labelAndUnit(rule.signal), v),
        });
        revealLeads(world, data, rule.leads, `Alert: ${rule.title}`);
      }
      world.alertState[rule.id] = { since, firing };
    } else {
      if (state.firing) {
        world.feed.push({
          entry: world.nextEntry++, at: world.t, kind: 'alert-resolved', severity: rule.severity, rule: rule.id,
          title: `RESOLVED: ${rule.title}`, text: resolvedText(rule, ...labelAndUnit(rule.signal), v),
        });
      }
      world.alertState[rule.id] = { since: null, firing: false };
    }
  }
}
