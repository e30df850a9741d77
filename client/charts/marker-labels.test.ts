import { describe, expect, it } from 'vitest';
import { layoutMarkerLabels, type LabelLayout } from './marker-labels.ts';

const CHART = { left: 0, right: 400 };
const boxes = (layout: LabelLayout, widths: number[]) => [...layout.placed].map(([i, p]) => ({ i, row: p.row, left: p.left, right: p.left + widths[i]! }));

function expectNoOverlap(layout: LabelLayout, widths: number[], gap = 4): void {
  const b = boxes(layout, widths);
  for (const one of b) {
    for (const other of b) {
      if (one === other || one.row !== other.row) continue;
      expect(one.right + gap <= other.left || other.right + gap <= one.left, `labels ${one.i} and ${other.i} overlap in row ${one.row}`).toBe(true);
    }
  }
}

describe('marker labels', () => {
  it('puts each label right of its line, attached to it, in the first row that has room', () => {
    const layout = layoutMarkerLabels([{ x: 50, width: 100 }, { x: 300, width: 80 }], CHART, 3, 4);
    expect([...layout.placed]).toEqual([[0, { row: 0, left: 54 }], [1, { row: 0, left: 304 }]]);
    expect(layout.legend).toEqual([]);
  });

  it('goes left of its line near the right edge, and to the next row when the first is taken', () => {
    const layout = layoutMarkerLabels([{ x: 360, width: 100 }, { x: 330, width: 60 }], CHART, 3, 4);
    // The first label in time (x 330) fits to the right; the later one (x 360) flips left of its line, a row down.
    expect(layout.placed.get(1)).toEqual({ row: 0, left: 334 });
    expect(layout.placed.get(0)).toEqual({ row: 1, left: 256 });
    expectNoOverlap(layout, [100, 60]);
  });

  it('keeps clear of reserved boxes (a threshold\'s label)', () => {
    const layout = layoutMarkerLabels([{ x: 300, width: 60 }], CHART, 2, 4, [{ row: 0, left: 340, right: 396 }]);
    expect(layout.placed.get(0)).toEqual({ row: 0, left: 236 });
    const blocked = layoutMarkerLabels([{ x: 300, width: 60 }], CHART, 1, 4, [{ row: 0, left: 200, right: 396 }]);
    expect(blocked.legend).toEqual([0]);
  });

  it('moves the labels that fit nowhere to the legend, numbered in time order; none overlaps', () => {
    // Six milestones within 60 px, each label 120 px wide, three rows.
    const labels = [0, 1, 2, 3, 4, 5].map((k) => ({ x: 100 + k * 12, width: 120 }));
    const layout = layoutMarkerLabels(labels, CHART, 3, 4);
    expect(layout.placed.size + layout.legend.length).toBe(6);
    expect(layout.legend.length).toBeGreaterThan(0);
    expect(layout.legend).toEqual([...layout.legend].sort((a, b) => labels[a]!.x - labels[b]!.x));
    expectNoOverlap(layout, labels.map((l) => l.width));
  });

  it('ignores lines off the chart', () => {
    const layout = layoutMarkerLabels([{ x: -10, width: 50 }, { x: 500, width: 50 }], CHART, 3, 4);
    expect(layout.placed.size).toBe(0);
    expect(layout.legend).toEqual([]);
  });
});
