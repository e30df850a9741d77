/**
 * Which curves a debrief draws, chosen from the scenario alone: the impact signal first, then
 * the signals the scenario's markers and alerts watch (the ones its real timeline is told in),
 * then the first signal of each remaining panel, up to MAX_DEBRIEF_SIGNALS.
 */
import type { ScenarioData } from '../engine/index.ts';
import type { DebriefSignal } from '../protocol/debrief.ts';

export const MAX_DEBRIEF_SIGNALS = 6;

export function pickDebriefSignals(data: ScenarioData): DebriefSignal[] {
  const ids: string[] = [];
  const add = (id: string) => {
    if (ids.length < MAX_DEBRIEF_SIGNALS && !ids.includes(id) && data.signals.some((s) => s.id === id)) ids.push(id);
  };
  add(data.scoring.impactSignal);
  for (const m of data.markers) add(m.signal);
  for (const a of data.alerts) add(a.signal);
  const panels = new Set(ids.map((id) => data.signals.find((s) => s.id === id)!.panel));
  for (const s of data.signals) {
    if (!panels.has(s.panel)) { panels.add(s.panel); add(s.id); }
  }
  return ids.map((id) => {
    const s = data.signals.find((x) => x.id === id)!;
    return { id: s.id, label: s.label, panel: s.panel, unit: s.unit, thresholds: s.thresholds, impact: s.id === data.scoring.impactSignal };
  });
}
