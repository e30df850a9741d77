/** Every id a scenario declares: what may travel to a team (masked) and come back in a command (unmasked). */
import type { ParamSpec, ScenarioData } from '../engine/index.ts';

function optionValues(params: readonly ParamSpec[]): string[] {
  return params.flatMap((p) => ('options' in p ? p.options.map((o) => o.value) : []));
}

export function scenarioIds(data: ScenarioData): string[] {
  const ids = [
    data.id,
    ...data.regions.map((r) => r.id),
    ...data.signals.map((s) => s.id),
    ...data.alerts.map((a) => a.id),
    ...data.leads.map((l) => l.id),
    ...data.observations.map((o) => o.id),
    ...data.investigations.flatMap((i) => [i.id, ...i.params.map((p) => p.name), ...optionValues(i.params)]),
    ...data.actions.flatMap((a) => [a.id, ...a.params.map((p) => p.name), ...optionValues(a.params)]),
    ...data.diagnosis.triggers.map((o) => o.id),
    ...data.diagnosis.components.map((o) => o.id),
    ...data.diagnosis.mechanisms.map((o) => o.id),
    ...data.injects.map((i) => i.id),
    ...data.markers.map((m) => m.id),
    ...data.metrics.map((m) => m.id),
    ...data.milestones.map((m) => m.id),
  ];
  return [...new Set(ids)];
}
