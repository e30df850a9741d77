import { describe, expect, it } from 'vitest';
import { roomColumns, roomRows } from './room-layout.ts';

describe('room screen grid', () => {
  it('fills every row but the last, with at most four columns, for 1 to 12 teams', () => {
    const grids = Array.from({ length: 12 }, (_, i) => [i + 1, roomColumns(i + 1), roomRows(i + 1)]);
    expect(grids).toEqual([
      [1, 1, 1], [2, 2, 1], [3, 3, 1], [4, 2, 2], [5, 3, 2], [6, 3, 2],
      [7, 4, 2], [8, 4, 2], [9, 4, 3], [10, 4, 3], [11, 4, 3], [12, 4, 3],
    ]);
    for (const [n, cols, rows] of grids) expect(cols! * rows! - n!).toBeLessThan(cols!);
  });
});
