import { describe, expect, it } from 'vitest';
import type { Debrief } from '../../server/protocol/debrief.ts';
import { overlayColumns, valueAt } from './overlay-columns.ts';

const debrief = { times: [0, 30, 60, 90], reference: { curves: { e: [1, 2, 3, 4] } } } as unknown as Debrief;

describe('overlayColumns', () => {
  it('cuts the team curve after t and keeps the ghost whole', () => {
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 45)).toEqual([[0, 30, 60, 90], [5, 6, null, null], [1, 2, 3, 4]]);
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 90)[1]).toEqual([5, 6, 7, 8]);
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'missing', 90)[2]).toEqual([null, null, null, null]);
  });

  it('puts a branch\'s original run, whole, between the team and the ghost', () => {
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 45, [9, 9, 9])).toEqual([[0, 30, 60, 90], [5, 6, null, null], [9, 9, 9, null], [1, 2, 3, 4]]);
  });

  it('reads the value in force at t', () => {
    expect(valueAt([0, 30, 60], [1, 2, 3], 59)).toBe(2);
    expect(valueAt([0, 30, 60], [1, 2, 3], -1)).toBeNull();
    expect(valueAt([0, 30, 60], [1, 2, 3], 1000)).toBe(3);
  });
});
