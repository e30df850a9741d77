import { describe, expect, it } from 'vitest';
import type { Debrief } from '../../server/protocol/debrief.ts';
import { overlayColumns, valueAt } from './overlay-columns.ts';

const debrief = { times: [0, 30, 60, 90], reference: { curves: { e: [1, 2, 3, 4] } } } as unknown as Debrief;

describe('overlayColumns', () => {
  it('puts the ghost first (drawn underneath) and the team, cut after t, last (drawn on top)', () => {
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 45)).toEqual([[0, 30, 60, 90], [1, 2, 3, 4], [5, 6, null, null]]);
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 90)[2]).toEqual([5, 6, 7, 8]);
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'missing', 90)[1]).toEqual([null, null, null, null]);
  });

  it('puts a branch\'s original run, whole, between the ghost and the team', () => {
    expect(overlayColumns(debrief, [5, 6, 7, 8], 'e', 45, [9, 9, 9])).toEqual([[0, 30, 60, 90], [1, 2, 3, 4], [9, 9, 9, null], [5, 6, null, null]]);
  });

  it('reads the value in force at t, with its time', () => {
    expect(valueAt([0, 30, 60], [1, 2, 3], 59)).toEqual({ value: 2, at: 30 });
    expect(valueAt([0, 30, 60], [1, 2, 3], -1)).toBeNull();
    expect(valueAt([0, 30, 60], [1, 2, 3], 1000)).toEqual({ value: 3, at: 60 });
  });

  it('gives a curve that stops early (a rewound team) its last value, at its own time', () => {
    expect(valueAt([0, 30, 60, 90], [1, 0], 90)).toEqual({ value: 0, at: 30 });
    expect(valueAt([0, 30, 60, 90], [], 90)).toBeNull();
  });
});
