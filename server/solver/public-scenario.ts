/**
 * What the solver may know about a scenario before it plays: its signals, alert rules and which
 * signal measures customer impact. Investigations, actions and diagnosis options it learns as a team
 * does, from the runbook of each observation (in realistic mode, only what its evidence unlocked).
 * Built by copying fields one by one, so the answer (`diagnosis.correct`), the reference plan, the
 * real timeline, the penalties and the debrief texts are not just hidden by a type: they are not there.
 */
import type { ScenarioData } from '../engine/index.ts';

export interface PublicOption {
  id: string;
  label: string;
}

export interface PublicScenario {
  id: string;
  title: string;
  clock: { start: string; end: string; stepSeconds: number; sampleSeconds: number };
  signals: { id: string; label: string; unit: string }[];
  /** Alert rules, as a team can read them in its alerting tool. */
  alerts: { id: string; title: string; signal: string; op: 'above' | 'below'; threshold: number; severity: 'critical' | 'warning' | 'info' }[];
  /** The signal whose area above `baseline` the debrief counts as impact (shown to teams as "the" error curve). */
  impact: { signal: string; baseline: number };
}


export function publicView(data: ScenarioData): PublicScenario {
  return {
    id: data.id,
    title: data.title,
    clock: { ...data.clock },
    signals: data.signals.map(({ id, label, unit }) => ({ id, label, unit })),
    alerts: data.alerts.map(({ id, title, signal, op, threshold, severity }) => ({ id, title, signal, op, threshold, severity })),
    impact: { signal: data.scoring.impactSignal, baseline: data.scoring.impactBaseline },
  };
}
