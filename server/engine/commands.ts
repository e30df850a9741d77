import type { ParamValues, Scenario } from './scenario-definition.ts';
import { isOver } from './advance.ts';
import { copyWorld } from './copy-world.ts';
import { validateParams } from './validate-params.ts';
import type { World } from './world.ts';

/** Everything a team (or the host, for injects) can do to a world. */
export type Command =
  | { type: 'act'; action: string; params?: ParamValues }
  | { type: 'investigate'; investigation: string; params?: ParamValues }
  | { type: 'diagnose'; trigger: string; mechanism: string; text?: string }
  | { type: 'inject'; title: string; text: string; hint?: boolean; injectId?: string };

export type ApplyResult<M> =
  | { ok: true; world: World<M>; entry: number }
  | { ok: false; error: string };

/**
 * The one action pipeline: validate against the scenario, check preconditions, record, and
 * schedule the effect after the declared delay. Never throws; a refusal is a value with a reason.
 */
export function apply<M>(scenario: Scenario<M>, world: World<M>, command: Command): ApplyResult<M> {
  const { data } = scenario;
  if (isOver(scenario, world)) return { ok: false, error: 'the scenario has ended' };

  switch (command.type) {
    case 'act': {
      const spec = data.actions.find((a) => a.id === command.action);
      if (!spec) return { ok: false, error: `unknown action "${command.action}"` };
      const checked = validateParams(spec.params, command.params, `action ${spec.id}`);
      if (!checked.ok) return checked;
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
      const spec = data.investigations.find((i) => i.id === command.investigation);
      if (!spec) return { ok: false, error: `unknown investigation "${command.investigation}"` };
      const checked = validateParams(spec.params, command.params, `investigation ${spec.id}`);
      if (!checked.ok) return checked;
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
      if (!triggers.some((o) => o.id === command.trigger)) return { ok: false, error: `unknown trigger "${command.trigger}"` };
      if (!mechanisms.some((o) => o.id === command.mechanism)) return { ok: false, error: `unknown mechanism "${command.mechanism}"` };
      const text = (command.text ?? '').slice(0, 2000);
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.diagnoses.push({
        entry, at: world.t, trigger: command.trigger, mechanism: command.mechanism, text,
        correct: command.trigger === correct.trigger && command.mechanism === correct.mechanism,
      });
      return { ok: true, world: next, entry };
    }
    case 'inject': {
      if (!command.title.trim() || !command.text.trim()) return { ok: false, error: 'an inject needs a title and a text' };
      const next = copyWorld(world);
      const entry = next.nextEntry++;
      next.feed.push({
        entry, at: world.t, kind: 'inject', title: command.title.slice(0, 120), text: command.text.slice(0, 2000), hint: command.hint ?? false,
        ...(command.injectId !== undefined ? { injectId: command.injectId } : {}),
      });
      return { ok: true, world: next, entry };
    }
  }
}
