/**
 * Where the labels of a chart's vertical marker lines go. Each label stays attached to its line
 * (just right of it, or just left when it would run off the chart) in one of a few rows at the top;
 * it never overlaps another label or a reserved box (a threshold's label). A label that fits nowhere
 * goes to a legend under the chart instead, and its line gets a number that the legend repeats.
 * Pure (pixels in, placements out), so it is tested without a canvas.
 */

export interface MarkerLabel {
  /** The line's x position. */
  x: number;
  /** The label's width. */
  width: number;
}

/** A box labels must keep clear of, in one row. */
export interface ReservedBox {
  row: number;
  left: number;
  right: number;
}

export interface LabelLayout {
  /** By label index: the row and left edge of a placed label. */
  placed: Map<number, { row: number; left: number }>;
  /** Indexes of the labels moved to the legend, in x order (legend numbers start at 1). */
  legend: number[];
}

export function layoutMarkerLabels(labels: readonly MarkerLabel[], chart: { left: number; right: number }, rows: number, gap: number, reserved: readonly ReservedBox[] = []): LabelLayout {
  const taken: ReservedBox[] = [...reserved];
  const placed = new Map<number, { row: number; left: number }>();
  const legend: number[] = [];
  const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.x - labels[b]!.x || a - b);
  const free = (row: number, left: number, right: number) =>
    left >= chart.left && right <= chart.right && taken.every((t) => t.row !== row || right + gap <= t.left || left >= t.right + gap);
  for (const i of order) {
    const { x, width } = labels[i]!;
    if (x < chart.left || x > chart.right) continue;
    // Right of its line first (it reads forward in time), then left of it.
    const sides = [x + gap, x - gap - width];
    let spot: { row: number; left: number } | null = null;
    for (let row = 0; row < rows && !spot; row++) {
      const left = sides.find((l) => free(row, l, l + width));
      if (left !== undefined) spot = { row, left };
    }
    if (spot) {
      placed.set(i, spot);
      taken.push({ row: spot.row, left: spot.left, right: spot.left + width });
    } else {
      legend.push(i);
    }
  }
  return { placed, legend };
}
