/**
 * A scenario whose hidden state cannot be read from outside its own model: every state object the
 * model returns is wrapped in a Proxy that throws on any property access unless one of the model's
 * functions is running. The engine only hands the state to those functions, so a solver that
 * plays through the public interface never trips it; one that peeks at `world.model` does.
 */
import type { Scenario, ScenarioModel } from '../../engine/index.ts';

export class HiddenStateRead extends Error {}

export function guardScenario<M>(scenario: Scenario<M>): { scenario: Scenario<M>; reads: () => number } {
  let inside = 0;
  let blocked = 0;
  const guarded = new WeakSet<object>();
  const guard = (state: M): M => {
    // A step that changes nothing returns the same (already guarded) object.
    if (typeof state !== 'object' || state === null || guarded.has(state)) return state;
    const proxy = new Proxy(state as object, {
      get(target, prop, receiver) {
        if (inside === 0) { blocked++; throw new HiddenStateRead(`hidden state read outside the model: ${String(prop)}`); }
        return Reflect.get(target, prop, receiver) as unknown;
      },
      ownKeys(target) {
        if (inside === 0) { blocked++; throw new HiddenStateRead('hidden state enumerated outside the model'); }
        return Reflect.ownKeys(target);
      },
    }) as M;
    guarded.add(proxy as object);
    return proxy;
  };
  const within = <R>(fn: () => R): R => {
    inside++;
    try { return fn(); } finally { inside--; }
  };
  const m = scenario.model;
  const model: ScenarioModel<M> = {
    init: (ctx) => guard(within(() => m.init(ctx))),
    step: (state, ctx) => guard(within(() => m.step(state, ctx))),
    signals: (state, ctx) => within(() => m.signals(state, ctx)),
    act: (state, action, ctx) => {
      const result = within(() => m.act(state, action, ctx));
      return { model: guard(result.model), outcome: result.outcome };
    },
    investigate: (state, inv, ctx) => within(() => m.investigate(state, inv, ctx)),
    truth: () => { throw new HiddenStateRead('truth() called'); },
  };
  return { scenario: { data: scenario.data, model }, reads: () => blocked };
}
