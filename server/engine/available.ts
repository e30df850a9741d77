/**
 * What a team may use right now. In `guided` mode everything; in `realistic` mode the generic
 * toolbox (no `requires`) plus what the team's leads have unlocked. Pure: a function of the
 * scenario and the world's leads, so it never needs storing and a replay finds the same answer.
 */
import type { ActionKind, DiagnosisOption, ParamSpec, Requires, Scenario } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { World } from './world.ts';

export interface RunbookInvestigation {
  id: string;
  title: string;
  description: string;
  durationMinutes: number;
  /** Enum options filtered to the unlocked ones. */
  params: ParamSpec[];
  /** null: generic toolbox, there from the start. */
  unlockedAt: SimSeconds | null;
}

export interface RunbookAction {
  id: string;
  title: string;
  description: string;
  kind: ActionKind;
  delayMinutes: number;
  /** How long making it takes the responder who makes it (they can do nothing else meanwhile). */
  workMinutes: number;
  params: ParamSpec[];
  unlockedAt: SimSeconds | null;
}

export interface DiagnosisOptionView {
  id: string;
  label: string;
  unlockedAt: SimSeconds | null;
}

export interface Runbook {
  investigations: RunbookInvestigation[];
  actions: RunbookAction[];
  /** Each list sorted by label: the order gives nothing away. */
  diagnosis: { triggers: DiagnosisOptionView[]; components: DiagnosisOptionView[]; mechanisms: DiagnosisOptionView[] };
}

/** Unlocked: `undefined` means locked, `null` means always there, a time means found then. */
export type Unlock = SimSeconds | null | undefined;

/** When a `requires` was met by these leads (the latest lead it needed), or undefined if not yet. */
export function unlockTime(requires: Requires | undefined, leadTimes: ReadonlyMap<string, SimSeconds>): Unlock {
  if (!requires || (!requires.anyOf && !requires.allOf)) return null;
  let at = -Infinity;
  if (requires.anyOf) {
    const found = requires.anyOf.map((id) => leadTimes.get(id)).filter((t): t is number => t !== undefined);
    if (found.length === 0) return undefined;
    at = Math.max(at, Math.min(...found));
  }
  for (const id of requires.allOf ?? []) {
    const t = leadTimes.get(id);
    if (t === undefined) return undefined;
    at = Math.max(at, t);
  }
  return at;
}

/**
 * When a `requires` is met in one world; built once per runbook or command, not once per item
 * (it indexes the world's leads). Only for the world as it is now: it does not follow new leads.
 */
export type Unlocker = (requires: Requires | undefined) => Unlock;

export function unlockerOf(world: World<unknown>): Unlocker {
  // In guided mode nothing is locked.
  if (world.mode === 'guided') return () => null;
  const leadTimes = new Map(world.leads.map((l) => [l.id, l.at]));
  return (requires) => unlockTime(requires, leadTimes);
}

/** The specs with enum options cut to the unlocked ones; null when an enum is left with none. */
export function unlockedParams(world: World<unknown>, params: readonly ParamSpec[], unlock: Unlocker = unlockerOf(world)): ParamSpec[] | null {
  const out: ParamSpec[] = [];
  for (const p of params) {
    if (p.type !== 'enum') { out.push({ ...p }); continue; }
    const options = p.options.filter((o) => unlock(o.requires) !== undefined).map(({ value, label }) => ({ value, label }));
    if (options.length === 0) return null;
    out.push({ ...p, options });
  }
  return out;
}

/**
 * A tool whose every option of some parameter is gated appears only once one of them unlocks: it
 * is "found" then, not part of the toolbox (e.g. "Roll back a change" once a change is seen).
 */
function gatedByOptions(unlock: Unlocker, params: readonly ParamSpec[]): Unlock {
  let at: Unlock = null;
  for (const p of params) {
    if (p.type !== 'enum') continue;
    const times = p.options.map((o) => unlock(o.requires)).filter((t) => t !== undefined);
    if (times.length === 0) return undefined;
    if (times.includes(null)) continue;
    const first = Math.min(...(times as SimSeconds[]));
    at = at === null ? first : Math.max(at, first);
  }
  return at;
}

/** The later of two unlock times (null = always there, undefined = locked). */
function later(a: Unlock, b: Unlock): Unlock {
  if (a === undefined || b === undefined) return undefined;
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

const byLabel = (a: DiagnosisOptionView, b: DiagnosisOptionView) => a.label.localeCompare(b.label, 'en') || a.id.localeCompare(b.id);

/** The unlocked options, sorted by label. */
const optionViews = (unlock: Unlocker, options: readonly DiagnosisOption[]): DiagnosisOptionView[] => options.flatMap((o) => {
  const at = unlock(o.requires);
  return at === undefined ? [] : [{ id: o.id, label: o.label, unlockedAt: at }];
}).sort(byLabel);

export function available<M>(scenario: Scenario<M>, world: World<M>): Runbook {
  const { data } = scenario;
  const unlock = unlockerOf(world);
  const investigations: RunbookInvestigation[] = data.investigations.flatMap((spec) => {
    const at = later(unlock(spec.requires), gatedByOptions(unlock, spec.params));
    const params = at === undefined ? null : unlockedParams(world, spec.params, unlock);
    if (at === undefined || params === null) return [];
    return [{ id: spec.id, title: spec.title, description: spec.description, durationMinutes: spec.durationMinutes, params, unlockedAt: at }];
  });
  const actions: RunbookAction[] = data.actions.flatMap((spec) => {
    const at = later(unlock(spec.requires), gatedByOptions(unlock, spec.params));
    const params = at === undefined ? null : unlockedParams(world, spec.params, unlock);
    if (at === undefined || params === null) return [];
    return [{ id: spec.id, title: spec.title, description: spec.description, kind: spec.kind, delayMinutes: spec.delayMinutes, workMinutes: spec.workMinutes, params, unlockedAt: at }];
  });
  return {
    investigations,
    actions,
    diagnosis: {
      triggers: optionViews(unlock, data.diagnosis.triggers),
      components: optionViews(unlock, data.diagnosis.components),
      mechanisms: optionViews(unlock, data.diagnosis.mechanisms),
    },
  };
}

/** The leads a `requires` still lacks (for authors and the CLI, never for a team). */
export function missingLeads(requires: Requires | undefined, found: ReadonlySet<string>): string[] {
  if (!requires) return [];
  const missing: string[] = [];
  if (requires.anyOf && !requires.anyOf.some((id) => found.has(id))) missing.push(requires.anyOf.length === 1 ? requires.anyOf[0]! : `one of ${requires.anyOf.join(' | ')}`);
  for (const id of requires.allOf ?? []) if (!found.has(id)) missing.push(id);
  return missing;
}
