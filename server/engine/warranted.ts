/**
 * Was an action warranted by evidence the team had when it asked for it? A rollback or revert is
 * warranted (CONTRACTS C2) when the change it undoes is the scenario's correct trigger and, before
 * it was requested, the team's findings showed what supports that trigger. Scoring prices the
 * others as risks taken; the debrief's lessons count only warranted actions as "acted on".
 */
import { satisfied } from './findings.ts';
import type { ParamValues, Requires, ScenarioData } from './scenario-definition.ts';
import type { SimSeconds } from './sim-time.ts';
import type { ActionRecord, World } from './world.ts';

/** The observations the team's findings completed by `t` showed, between them. */
export function shownBy(world: World<unknown>, t: SimSeconds): Set<string> {
  return new Set(world.investigations.filter((i) => i.status === 'complete' && i.completesAt <= t).flatMap((i) => i.shows ?? []));
}

/** Did the team's findings completed by `t` show what `requires` asks for? */
export function evidenceBefore(world: World<unknown>, t: SimSeconds, requires: Requires): boolean {
  return satisfied(requires, shownBy(world, t));
}

const onlyChangeLead = (data: ScenarioData, requires: Requires | undefined): string | null => {
  const ids = [...(requires?.anyOf ?? []), ...(requires?.allOf ?? [])];
  return ids.length === 1 && data.leads.find((l) => l.id === ids[0])?.kind === 'change' ? ids[0]! : null;
};

/**
 * The change a rollback undoes, or null when the action is not one: the chosen option of one of
 * its enum parameters requires exactly one change lead (that change), or else the action itself
 * does. Scenarios mark their rollbacks and reverts that way (docs/authoring-scenarios.md).
 */
export function rolledBackChange(data: ScenarioData, action: string, params: ParamValues): string | null {
  const spec = data.actions.find((a) => a.id === action);
  if (!spec) return null;
  for (const p of spec.params) {
    if (p.type !== 'enum') continue;
    const change = onlyChangeLead(data, p.options.find((o) => o.value === params[p.name])?.requires);
    if (change) return change;
  }
  return onlyChangeLead(data, spec.requires);
}

/** A rollback is warranted when it undoes the correct trigger and the evidence pointed at it before it was requested. */
export function rollbackWarranted(data: ScenarioData, world: World<unknown>, record: ActionRecord): boolean {
  const change = rolledBackChange(data, record.action, record.params);
  if (change === null) return true;
  return change === data.diagnosis.correct.trigger && evidenceBefore(world, record.requestedAt, data.diagnosis.support.trigger ?? {});
}

/** `action` or `action:option`: does this record match? */
export function matchesActionRef(record: Pick<ActionRecord, 'action' | 'params'>, ref: string): boolean {
  const [id, option] = ref.split(':') as [string, string | undefined];
  return record.action === id && (option === undefined || Object.values(record.params).includes(option));
}

/** The first time a team had a diagnosis that is right and supported (or marked right by the facilitator). */
export function firstSupportedDiagnosis(world: World<unknown>, marks: Record<number, { verdict: 'right' | 'wrong' }> = {}): SimSeconds | null {
  const right = world.diagnoses.find((d) => (marks[d.entry]?.verdict ?? (d.correct && d.supported ? 'right' : 'wrong')) === 'right');
  return right?.at ?? null;
}
