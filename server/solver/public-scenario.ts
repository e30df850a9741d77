/**
 * What the solver may know about a scenario: what a responder sees in the game's UI (signals,
 * investigations, actions, diagnosis options) and which signal measures customer impact. Built by
 * copying fields one by one, so the answer (`diagnosis.correct`), the reference plan, the real
 * timeline, the penalties and the debrief texts are not just hidden by a type: they are not there.
 */
import type { ActionSpec, InvestigationSpec, ScenarioData } from '../engine/index.ts';

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
  alerts: { id: string; title: string; signal: string }[];
  investigations: InvestigationSpec[];
  actions: ActionSpec[];
  diagnosis: { triggers: PublicOption[]; mechanisms: PublicOption[] };
  /** The signal whose area above `baseline` the debrief counts as impact (shown to teams as "the" error curve). */
  impact: { signal: string; baseline: number };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const options = (list: readonly { id: string; label: string }[]): PublicOption[] => list.map(({ id, label }) => ({ id, label }));

export function publicView(data: ScenarioData): PublicScenario {
  return {
    id: data.id,
    title: data.title,
    clock: { ...data.clock },
    signals: data.signals.map(({ id, label, unit }) => ({ id, label, unit })),
    alerts: data.alerts.map(({ id, title, signal }) => ({ id, title, signal })),
    investigations: copy(data.investigations),
    actions: copy(data.actions),
    diagnosis: { triggers: options(data.diagnosis.triggers), mechanisms: options(data.diagnosis.mechanisms) },
    impact: { signal: data.scoring.impactSignal, baseline: data.scoring.impactBaseline },
  };
}
