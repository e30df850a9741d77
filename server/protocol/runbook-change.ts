/**
 * A runbook travels whole in snapshots and as a change in deltas: per section, the ids in order and
 * only the items that are new or changed (a lead unlocks one or two tools or options at a time,
 * while the whole runbook is several KB). Shared by the server (diff) and the client (merge).
 */
import type { Runbook } from '../engine/available.ts';
import type { RunbookChange, RunbookSectionChange } from './views.ts';

type Sections = {
  investigations: Runbook['investigations'];
  actions: Runbook['actions'];
  triggers: Runbook['diagnosis']['triggers'];
  components: Runbook['diagnosis']['components'];
  mechanisms: Runbook['diagnosis']['mechanisms'];
};

const sectionsOf = (r: Runbook): Sections => ({
  investigations: r.investigations, actions: r.actions, triggers: r.diagnosis.triggers, components: r.diagnosis.components, mechanisms: r.diagnosis.mechanisms,
});

function sectionChange<T extends { id: string }>(held: readonly T[] | undefined, now: readonly T[]): RunbookSectionChange<T> | undefined {
  const before = new Map((held ?? []).map((item) => [item.id, JSON.stringify(item)]));
  const items = now.filter((item) => before.get(item.id) !== JSON.stringify(item));
  const sameOrder = held !== undefined && held.length === now.length && held.every((item, i) => item.id === now[i]!.id);
  if (items.length === 0 && sameOrder) return undefined;
  return { ids: now.map((item) => item.id), items };
}

/** What changed from `held` (null: nothing known, everything is new) to `now`; null when nothing did. */
export function runbookChange(held: Runbook | null, now: Runbook): RunbookChange | null {
  const a = held ? sectionsOf(held) : null;
  const b = sectionsOf(now);
  const change: RunbookChange = {};
  const investigations = sectionChange(a?.investigations, b.investigations);
  const actions = sectionChange(a?.actions, b.actions);
  const triggers = sectionChange(a?.triggers, b.triggers);
  const components = sectionChange(a?.components, b.components);
  const mechanisms = sectionChange(a?.mechanisms, b.mechanisms);
  if (investigations) change.investigations = investigations;
  if (actions) change.actions = actions;
  if (triggers) change.triggers = triggers;
  if (components) change.components = components;
  if (mechanisms) change.mechanisms = mechanisms;
  return Object.keys(change).length > 0 ? change : null;
}

function mergeSection<T extends { id: string }>(held: readonly T[], change: RunbookSectionChange<T> | undefined): T[] {
  if (!change) return held as T[];
  const byId = new Map(held.map((item) => [item.id, item]));
  for (const item of change.items) byId.set(item.id, item);
  return change.ids.flatMap((id) => { const item = byId.get(id); return item ? [item] : []; });
}

/** The runbook held, with a delta's change folded in. */
export function mergeRunbook(held: Runbook, change: RunbookChange | undefined): Runbook {
  if (!change) return held;
  return {
    investigations: mergeSection(held.investigations, change.investigations),
    actions: mergeSection(held.actions, change.actions),
    diagnosis: {
      triggers: mergeSection(held.diagnosis.triggers, change.triggers),
      components: mergeSection(held.diagnosis.components, change.components),
      mechanisms: mergeSection(held.diagnosis.mechanisms, change.mechanisms),
    },
  };
}
