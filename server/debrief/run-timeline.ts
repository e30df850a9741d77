/** A run's timeline for the debrief: what the team did and was told, with what each line cost. */
import { formatClock, type ParamValues, type Penalty, type Scenario, type World } from '../engine/index.ts';
import type { DebriefEvent } from '../protocol/debrief.ts';

const paramText = (params: ParamValues) => Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');

/** A diagnosis that is not simply right says why, so the debrief can explain what it cost. */
function diagnosisNote(d: World['diagnoses'][number]): string | null {
  if (d.correct) return d.supported ? null : 'Right but unsupported: the attached findings do not back every part, so it earns no credit.';
  if (d.triggerRight) return 'Partly right: the trigger is right, the failure mechanism is not.';
  if (d.mechanismRight) return 'Partly right: the failure mechanism is right, the trigger is not.';
  return null;
}

export function runTimeline(scenario: Scenario, world: World, penalties: readonly Penalty[]): DebriefEvent[] {
  const { data } = scenario;
  const events: DebriefEvent[] = [];
  const settle = (t: number | null) => ({ settlesAt: t, settlesClock: t === null ? null : formatClock(t) });
  // Penalties name the entry they are about (an action, a diagnosis, an inject); a line's cost is their sum.
  const costOf = (entry: number) => penalties.filter((p) => p.entry === entry).reduce((sum, p) => sum + p.points, 0);

  for (const a of world.actions) {
    const done = a.status === 'done';
    events.push({
      entry: a.entry, at: a.requestedAt, clock: formatClock(a.requestedAt), kind: 'action', ref: a.action,
      title: data.actions.find((x) => x.id === a.action)?.title ?? a.action, detail: paramText(a.params),
      ...settle(done ? a.effectiveAt : null), outcome: done ? (a.outcome ?? null) : null, correct: null,
      penalty: costOf(a.entry),
    });
  }
  for (const inv of world.investigations) {
    const done = inv.status === 'complete';
    events.push({
      entry: inv.entry, at: inv.requestedAt, clock: formatClock(inv.requestedAt), kind: 'investigation', ref: inv.investigation,
      title: data.investigations.find((x) => x.id === inv.investigation)?.title ?? inv.investigation, detail: paramText(inv.params),
      ...settle(done ? inv.completesAt : null), outcome: done ? (inv.evidence?.summary ?? null) : null, correct: null, penalty: 0,
    });
  }
  const label = (list: { id: string; label: string }[], id: string) => list.find((o) => o.id === id)?.label ?? id;
  for (const d of world.diagnoses) {
    events.push({
      entry: d.entry, at: d.at, clock: formatClock(d.at), kind: 'diagnosis', ref: `${d.trigger}/${d.mechanism}`,
      title: `Diagnosis: ${label(data.diagnosis.triggers, d.trigger)} / ${label(data.diagnosis.mechanisms, d.mechanism)}`,
      detail: d.text, ...settle(null), outcome: diagnosisNote(d), correct: d.correct && d.supported,
      penalty: costOf(d.entry),
    });
  }
  const firedRules = new Set<string>();
  for (const f of world.feed) {
    if (f.kind === 'inject') {
      events.push({
        entry: f.entry, at: f.at, clock: formatClock(f.at), kind: 'inject', ref: f.hint ? 'hint' : 'inject',
        title: f.title, detail: f.text, ...settle(null), outcome: null, correct: null, penalty: costOf(f.entry),
      });
    } else if (f.kind === 'alert' && !firedRules.has(f.rule ?? f.title)) {
      // Only each rule's first firing: an oscillating outage would otherwise drown the timeline.
      firedRules.add(f.rule ?? f.title);
      events.push({
        entry: f.entry, at: f.at, clock: formatClock(f.at), kind: 'alert', ref: f.rule ?? '',
        title: `Alert: ${f.title}`, detail: f.text, ...settle(null), outcome: null, correct: null, penalty: 0,
      });
    }
  }
  return events.sort((a, b) => a.at - b.at || (a.entry ?? 0) - (b.entry ?? 0));
}
