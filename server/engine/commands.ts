import type { ParamSpec, ParamValues, Requires, Scenario } from './scenario-definition.ts';
import { isOver } from './advance.ts';
import { copyWorld } from './copy-world.ts';
import { validateParams } from './validate-params.ts';
import type { World } from './world.ts';
import { missingLeads, unlockedParams, unlockerOf } from './available.ts';
import { busyWith } from './attention.ts';
import { resolveFindings, supportOf, findingId } from './findings.ts';
import { formatClock } from './sim-time.ts';

/**
 * Everything a team (or the host, for injects) can do to a world. `by` is the responder doing it
 * (attention.ts): a player id in a session, r1… headless; absent for the host and in old logs.
 */
export type Command =
  | { type: 'act'; action: string; params?: ParamValues; by?: string }
  | { type: 'investigate'; investigation: string; params?: ParamValues; by?: string }
  /** Stop a running investigation (any teammate may): it returns nothing and frees its responder. */
  | { type: 'cancel'; entry: number; by?: string }
  | { type: 'diagnose'; trigger: string; component?: string; mechanism: string; evidence?: string[]; text?: string; by?: string }
  | { type: 'inject'; title: string; text: string; hint?: boolean; injectId?: string };

/** A busy responder's refusal: what keeps them busy and until when, and what they can do. */
function refuseIfBusy(data: Scenario<unknown>['data'], world: World<unknown>, by: string | undefined): { ok: false; error: string } | null {
  if (by === undefined) return null;
  const busy = busyWith(data, world, by);
  return busy ? { ok: false, error: `you are busy with "${busy.title}" until ${formatClock(busy.until)}: cancel it, or ask a teammate` } : null;
}

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
  const unlock = unlockerOf(world);
  const open = unlock(spec.requires) === undefined ? null : unlockedParams(world, spec.params, unlock);
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
      if (command.component !== undefined) needs.push(...missingLeads(data.diagnosis.components.find((o) => o.id === command.component)?.requires, found));
      needs.push(...missingLeads(data.diagnosis.mechanisms.find((o) => o.id === command.mechanism)?.requires, found));
      break;
    case 'cancel': case 'inject': break;
  }
  return needs.length > 0 ? needs : null;
}

/**
 * The one action pipeline: validate against the scenario, check preconditions, record, and
 * schedule the effect after the declared delay. Never throws; a refusal is a value with a reason.
 * The world given is left untouched: an accepted command is recorded on a copy.
 */
export function apply<M>(scenario: Scenario<M>, world: World<M>, command: Command): ApplyResult<M> {
  return applyWith(scenario, world, command, copyWorld);
}

/**
 * `apply` on a world the caller owns (it made it and has shown it to no one): an accepted command
 * is recorded in place, a refused one leaves it as it was. Used by run-plan.ts and by a live
 * session's fold of a logged command (session-state.ts).
 */
export function applyOwned<M>(scenario: Scenario<M>, world: World<M>, command: Command): ApplyResult<M> {
  return applyWith(scenario, world, command, inPlace);
}

const inPlace = <W>(owned: W): W => owned;

/**
 * Whether `apply` would accept the command, and the entry it would get, without writing anything:
 * the session's dry run before it logs a command. What `applyWith` writes goes to throwaway lists
 * (it never reads back what it wrote), so a check costs no copy of the world's growing arrays.
 */
export function check<M>(scenario: Scenario<M>, world: World<M>, command: Command): { ok: true; entry: number } | { ok: false; error: string } {
  const result = applyWith(scenario, world, command, scratch);
  return result.ok ? { ok: true, entry: result.entry } : result;
}

const scratch = <M>(world: World<M>): World<M> => ({ ...world, actions: [], investigations: [], diagnoses: [], leads: [], feed: [], samples: [], alertState: {} });

/** Every check comes before `writable`: a refusal never reaches the world. */
function applyWith<M>(scenario: Scenario<M>, world: World<M>, command: Command, writable: (world: World<M>) => World<M>): ApplyResult<M> {
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
      // A change that takes no work (a status post, a switch) never waits for its maker.
      const busy = spec.workMinutes > 0 ? refuseIfBusy(data, world, command.by) : null;
      if (busy) return busy;
      const next = writable(world);
      const entry = next.nextEntry++;
      next.actions.push({
        entry, action: spec.id, params: checked.params, requestedAt: world.t,
        effectiveAt: world.t + spec.delayMinutes * 60, status: 'pending',
        ...(command.by !== undefined ? { by: command.by, ...(spec.workMinutes > 0 ? { workUntil: world.t + spec.workMinutes * 60 } : {}) } : {}),
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
      const busy = refuseIfBusy(data, world, command.by);
      if (busy) return busy;
      const next = writable(world);
      const entry = next.nextEntry++;
      next.investigations.push({
        entry, investigation: spec.id, params: checked.params, requestedAt: world.t,
        completesAt: world.t + spec.durationMinutes * 60, status: 'running',
        ...(command.by !== undefined ? { by: command.by } : {}),
      });
      return { ok: true, world: next, entry };
    }
    case 'cancel': {
      const index = world.investigations.findIndex((i) => i.entry === command.entry);
      const record = world.investigations[index];
      if (!record) return { ok: false, error: `no investigation ${findingId(command.entry)} on your board` };
      if (record.status !== 'running' || record.completesAt <= world.t) return { ok: false, error: 'that investigation is no longer running' };
      const next = writable(world);
      next.investigations[index] = { ...record, status: 'cancelled', cancelledAt: world.t };
      return { ok: true, world: next, entry: record.entry };
    }
    case 'diagnose': {
      const { triggers, components, mechanisms, correct } = data.diagnosis;
      const trigger = triggers.find((o) => o.id === command.trigger);
      const mechanism = mechanisms.find((o) => o.id === command.mechanism);
      const component = command.component === undefined ? undefined : components.find((o) => o.id === command.component);
      if (world.mode === 'guided') {
        if (!trigger) return { ok: false, error: `unknown trigger "${command.trigger}"` };
        if (!mechanism) return { ok: false, error: `unknown mechanism "${command.mechanism}"` };
        if (command.component !== undefined && !component) return { ok: false, error: `unknown component "${command.component}"` };
      }
      const unlock = unlockerOf(world);
      if (!trigger || !mechanism || unlock(trigger.requires) === undefined || unlock(mechanism.requires) === undefined) {
        return { ok: false, error: NOT_AVAILABLE };
      }
      if (command.component !== undefined && (!component || unlock(component.requires) === undefined)) return { ok: false, error: NOT_AVAILABLE };
      if (correct.component && command.component === undefined) return { ok: false, error: 'name the failing component or artefact too' };
      const cited = resolveFindings(world, command.evidence ?? []);
      if (!cited.ok) return cited;
      const triggerRight = command.trigger === correct.trigger;
      const mechanismRight = command.mechanism === correct.mechanism;
      // No component part in the scenario: that part is right by definition.
      const componentRight = correct.component ? correct.component.includes(command.component ?? '') : true;
      const support = supportOf(data, cited.findings);
      const text = (command.text ?? '').slice(0, 2000);
      const next = writable(world);
      const entry = next.nextEntry++;
      next.diagnoses.push({
        entry, at: world.t, ...(command.by !== undefined ? { by: command.by } : {}),
        trigger: command.trigger, component: command.component ?? null, mechanism: command.mechanism,
        evidence: cited.findings.map((f) => findingId(f.entry)), text,
        correct: triggerRight && componentRight && mechanismRight, triggerRight, componentRight, mechanismRight,
        support, supported: support.trigger && support.component && support.mechanism,
      });
      return { ok: true, world: next, entry };
    }
    case 'inject': {
      if (!command.title.trim() || !command.text.trim()) return { ok: false, error: 'an inject needs a title and a text' };
      const next = writable(world);
      const entry = next.nextEntry++;
      next.feed.push({
        entry, at: world.t, kind: 'inject', title: command.title.slice(0, 120), text: command.text.slice(0, 2000), hint: command.hint ?? false,
        ...(command.injectId !== undefined ? { inject: command.injectId } : {}),
      });
      return { ok: true, world: next, entry };
    }
  }
}
