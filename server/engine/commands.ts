import type { ParamSpec, ParamValues, Requires, Scenario } from './scenario-definition.ts';
import { isOver } from './advance.ts';
import { copyWorld } from './copy-world.ts';
import { validateParams } from './validate-params.ts';
import type { World } from './world.ts';
import { missingLeads, unlockOf, unlockedParams } from './available.ts';

/** Everything a team (or the host, for injects) can do to a world. */
export type Command =
  | { type: 'act'; action: string; params?: ParamValues }
  | { type: 'investigate'; investigation: string; params?: ParamValues }
  | { type: 'diagnose'; trigger: string; mechanism: string; text?: string }
  | { type: 'inject'; title: string; text: string; hint?: boolean; injectId?: string };

export type ApplyResult<M> =
  | { ok: true; world: World<M>; entry: number }
  | { ok: false; error: string };

/** The one refusal for anything locked (or unknown) in realistic mode: it names nothing. */
export const NOT_AVAILABLE = 'That is not available to your team yet.';

/**
 * Checks an id and its params against what the world has unlocked. In realistic mode an unknown
 * id gets the same answer as a locked one, so probing ids tells a team nothing.
 */
function unlockedSpec<S extends { id: string; requires?: Requires; params: ParamSpec[] }>(
  world: World<unknown>, list: readonly S[], wanted: string, params: unknown, what: string,
): { ok: true; spec: S; params: ParamValues } | { ok: false; error: string } {
  const spec = list.find((s) => s.id === wanted);
  if (!spec) return { ok: false, error: world.mode === 'guided' ? `unknown ${what} "${wanted}"` : NOT_AVAILABLE };
  const open = unlockOf(world, spec.requires) === undefined ? null : unlockedParams(world, spec.params);
  if (open === null) return { ok: false, error: NOT_AVAILABLE };
  // A locked enum option is refused like a locked tool; other bad values get the usual reason.
  const given = (params ?? {}) as Record<string, unknown>;
  if (typeof given === 'object' && !Array.isArray(given)) {
    for (const p of spec.params) {
      if (p.type !== 'enum') continue;
      const v = given[p.name];
      const unlocked = open.find((o) => o.name === p.name);
      if (p.options.some((o) => o.value === v) && unlocked?.type === 'enum' && !unlocked.options.some((o) => o.value === v)) {
        return { ok: false, error: NOT_AVAILABLE };
      }
    }
  }
  const checked = validateParams(open, params, `${what} ${spec.id}`);
  return checked.ok ? { ok: true, spec, params: checked.params } : checked;
}

/**
 * Why a command is locked, in author's words (the lead ids it still needs), or null if it is not.
 * For the CLI and load-time checks; a team only ever gets NOT_AVAILABLE.
 */
export function lockedBecause<M>(scenario: Scenario<M>, world: World<M>, command: Command): string[] | null {
  if (world.mode === 'guided') return null;
  const found = new Set(world.leads.map((l) => l.id));
  const { data } = scenario;
  const needs: string[] = [];
  const fromSpec = (spec: { requires?: Requires; params: ParamSpec[] } | undefined, params: ParamValues | undefined) => {
    if (!spec) return;
    needs.push(...missingLeads(spec.requires, found));
    for (const p of spec.params) {
      if (p.type !== 'enum') continue;
      const option = p.options.find((o) => o.value === params?.[p.name]);
      if (option) needs.push(...missingLeads(option.requires, found));
    }
  };
  switch (command.type) {
    case 'act': fromSpec(data.actions.find((a) => a.id === command.action), command.params); break;
    case 'investigate': fromSpec(data.investigations.find((i) => i.id === command.investigation), command.params); break;
    case 'diagnose':
      needs.push(...missingLeads(data.diagnosis.triggers.find((o) => o.id === command.trigger)?.requires, found));
      needs.push(...missingLeads(data.diagnosis.mechanisms.find((o) => o.id === command.mechanism)?.requires, found));
      break;
    case 'inject': break;
  }
  return needs.length > 0 ? needs : null;
}

/**
 * The one action pipeline: validate against the scenario, check preconditions, record, and
 * schedule the effect after the declared delay. Never throws; a refusal is a value with a reason.
 */
export function apply<M>(scenario: Scenario<M>, world: World<M>, command: Command): ApplyResult<M> {
  const { data } = scenario;
  if (isOver(scenario, world)) return { ok: false, error: 'the scenario has ended' };

  switch (command.type) {
    case 'act': {
      const checked = unlockedSpec(world, data.actions, command.action, command.params, 'action');
      if (!checked.ok) return checked;
      const { spec } = checked;
      const same = JSON.stringify(checked.params);
      if (!spec.repeatable && world.actions.some((a) => a.action === spec.id && a.status === 'pending' && JSON.stringify(a.params) === same)) {
        return { ok: false, error: `"${spec.title}" is already in progress` };
      }
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.actions.push({
        entry, action: spec.id, params: checked.params, requestedAt: world.t,
        effectiveAt: world.t + spec.delayMinutes * 60, status: 'pending',
      });
      return { ok: true, world: next, entry };
    }
    case 'investigate': {
      const checked = unlockedSpec(world, data.investigations, command.investigation, command.params, 'investigation');
      if (!checked.ok) return checked;
      const { spec } = checked;
      const same = JSON.stringify(checked.params);
      if (world.investigations.some((i) => i.investigation === spec.id && i.status === 'running' && JSON.stringify(i.params) === same)) {
        return { ok: false, error: `"${spec.title}" is already running` };
      }
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.investigations.push({
        entry, investigation: spec.id, params: checked.params, requestedAt: world.t,
        completesAt: world.t + spec.durationMinutes * 60, status: 'running',
      });
      return { ok: true, world: next, entry };
    }
    case 'diagnose': {
      const { triggers, mechanisms, correct } = data.diagnosis;
      const trigger = triggers.find((o) => o.id === command.trigger);
      const mechanism = mechanisms.find((o) => o.id === command.mechanism);
      if (world.mode === 'guided') {
        if (!trigger) return { ok: false, error: `unknown trigger "${command.trigger}"` };
        if (!mechanism) return { ok: false, error: `unknown mechanism "${command.mechanism}"` };
      }
      if (!trigger || !mechanism || unlockOf(world, trigger.requires) === undefined || unlockOf(world, mechanism.requires) === undefined) {
        return { ok: false, error: NOT_AVAILABLE };
      }
      const triggerRight = command.trigger === correct.trigger;
      const mechanismRight = command.mechanism === correct.mechanism;
      const text = (command.text ?? '').slice(0, 2000);
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.diagnoses.push({
        entry, at: world.t, trigger: command.trigger, mechanism: command.mechanism, text,
        correct: triggerRight && mechanismRight, triggerRight, mechanismRight,
      });
      return { ok: true, world: next, entry };
    }
    case 'inject': {
      if (!command.title.trim() || !command.text.trim()) return { ok: false, error: 'an inject needs a title and a text' };
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.feed.push({
        entry, at: world.t, kind: 'inject', title: command.title.slice(0, 120), text: command.text.slice(0, 2000), hint: command.hint ?? false,
        ...(command.injectId !== undefined ? { inject: command.injectId } : {}),
      });
      return { ok: true, world: next, entry };
    }
  }
}
