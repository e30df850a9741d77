import { describe, expect, it } from 'vitest';
import type { Sample } from '../engine/index.ts';
import { chooseDiagnosis, scoreOptions } from './choose-diagnosis.ts';
import { observedImpact, RECOVERY_HOLD_SECONDS } from './observed-objective.ts';
import { paramCombinations, MAX_PARAM_COMBINATIONS } from './param-choices.ts';
import { stem, tokens } from './text-tokens.ts';

const series = (values: number[], step = 60): Sample[] => values.map((v, i) => ({ t: i * step, values: { e: v } }));

describe('observed objective', () => {
  it('counts the area above the baseline and when the signal settles back under it', () => {
    const samples = series([0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = observedImpact(samples, 'e', 1, 0, 600, 2);
    expect(r.errorMinutes).toBe(18); // (10 − 1) × 2 one-minute intervals
    expect(r.recoveredAt).toBe(180);
    expect(r.settledAt).toBe(180);
    expect(r.cost).toBe(18 + 2 * 3);
  });

  it('does not call a recovery too close to the end a recovery', () => {
    const end = 600;
    const samples = series([0, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0]);
    expect(end - 480).toBeLessThan(RECOVERY_HOLD_SECONDS);
    const r = observedImpact(samples, 'e', 1, 0, end, 1);
    expect(r.recoveredAt).toBeNull();
    expect(r.settledAt).toBeNull();
    expect(r.cost).toBe(r.errorMinutes + 10);
  });

  it('calls an impact that never rose settled from the start, at no cost', () => {
    expect(observedImpact(series([0, 0.5, 0.2, 0]), 'e', 1, 60, 180, 5)).toEqual({ errorMinutes: 0, recoveredAt: null, settledAt: 60, cost: 0 });
  });
});

describe('diagnosis from evidence', () => {
  const options = {
    triggers: [{ id: 'push', label: 'A configuration push' }, { id: 'attack', label: 'A DDoS attack' }],
    components: [],
    mechanisms: [{ id: 'crash', label: 'Workers crash on a bad configuration value' }, { id: 'overload', label: 'Traffic overload saturates workers' }],
  };

  it('prefers the options whose distinguishing words the evidence covers', () => {
    const choice = chooseDiagnosis(options, ['Config push at 10:05 changed the value of max_conns', 'Workers crash: invalid value'], []);
    expect(choice.trigger.id).toBe('push');
    expect(choice.mechanism.id).toBe('crash');
    expect(choice.margin).toBeGreaterThan(0);
  });

  it('weighs words shared by every option as nothing', () => {
    // "workers" appears in both mechanisms: evidence about workers alone decides nothing.
    const [crash, overload] = scoreOptions(options.mechanisms, new Set(tokens('workers')), new Set());
    expect(crash!.score).toBe(0);
    expect(overload!.score).toBe(0);
  });

  it('counts the words of the fix that worked on top of the evidence', () => {
    const evidence = ['Traffic is normal; a configuration push happened; an attack was rumoured'];
    const withoutFix = chooseDiagnosis(options, evidence, []);
    const withFix = chooseDiagnosis(options, evidence, ['Roll back the configuration push']);
    expect(withFix.trigger.id).toBe('push');
    expect(withFix.trigger.score).toBeGreaterThan(withoutFix.trigger.score);
  });
});

describe('text tokens and parameter choices', () => {
  it('stem plurals and tenses to one word', () => {
    expect(['requests', 'request'].map(stem)).toEqual(['request', 'request']);
    expect(['raised', 'raising', 'raise'].map(stem)).toEqual(['rais', 'rais', 'rais']);
    expect(tokens("FL1's Lua rules-engine: the values")).toEqual(['fl1', 'lua', 'rule', 'engin', 'valu']);
    expect(tokens('rule value')).toEqual(['rule', 'valu']);
  });

  it('try every enum option, the ends and middle of a range, and cap the product', () => {
    expect(paramCombinations([
      { name: 'r', label: 'R', type: 'enum', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      { name: 'n', label: 'N', type: 'number', min: 0, max: 9, integer: true },
    ])).toEqual([{ r: 'a', n: 0 }, { r: 'a', n: 5 }, { r: 'a', n: 9 }, { r: 'b', n: 0 }, { r: 'b', n: 5 }, { r: 'b', n: 9 }]);
    const many = Array.from({ length: 4 }, (_, i) => ({ name: `p${i}`, label: 'P', type: 'enum' as const, options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] }));
    expect(paramCombinations(many)).toHaveLength(MAX_PARAM_COMBINATIONS);
    expect(paramCombinations([{ name: 'm', label: 'M', type: 'text', maxLength: 5 }], 'a long sentence')).toEqual([{ m: 'a lon' }]);
  });
});
