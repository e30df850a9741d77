import { beforeAll, describe, expect, it } from 'vitest';
import { advance, apply, clock, createWorld, type Scenario, type World } from './index.ts';
import { loadToyScenario } from './test-fixtures/load-toy.ts';

let toy: Scenario;
beforeAll(async () => { toy = await loadToyScenario(); });

const injectsOf = (w: World) => w.feed.filter((f) => f.kind === 'inject').map((f) => ({ at: f.at, title: f.title }));

describe('timed injects', () => {
  it('arrive by themselves at their time', () => {
    const w = advance(toy, createWorld(toy, 1), clock('10:20'));
    expect(injectsOf(w)).toEqual([{ at: clock('10:12'), title: 'A customer calls' }]);
  });

  it('arrive once when the facilitator sent the same library inject earlier by hand', () => {
    const early = advance(toy, createWorld(toy, 1), clock('10:05'));
    const sent = apply(toy, early, { type: 'inject', title: 'A customer calls', text: 'Our checkout fails.', injectId: 'customer_call' });
    if (!sent.ok) throw new Error(sent.error);
    const w = advance(toy, sent.world, clock('10:20'));
    expect(injectsOf(w)).toEqual([{ at: clock('10:05'), title: 'A customer calls' }]);
  });

  it('still arrive when the hand-sent inject was a different one', () => {
    const early = advance(toy, createWorld(toy, 1), clock('10:05'));
    const sent = apply(toy, early, { type: 'inject', title: 'Hint', text: 'Look at what changed at 10:05.', injectId: 'hint_changes' });
    if (!sent.ok) throw new Error(sent.error);
    expect(injectsOf(advance(toy, sent.world, clock('10:20')))).toHaveLength(2);
  });
});
