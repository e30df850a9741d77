/**
 * A Grafana-style time series on uPlot. The chart is created once per series layout and then fed
 * with setData: recreating a canvas chart every tick is what makes dashboards stutter.
 * Threshold lines (horizontal), ghost markers (vertical, dashed) and a branch's moment of
 * divergence (vertical, solid) are drawn by a small draw hook.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { SignalSpec } from '../../server/protocol/views.ts';
import { formatAxisValue, formatHhmm } from '../lib/format.ts';
import type { SeriesColumns } from '../lib/series.ts';

export interface ChartSeries {
  label: string;
  color: string;
  /** Dashed (e.g. a branch's original run, which lies under the branch's line up to the divergence). */
  dashed?: boolean;
}

export interface ChartLine {
  value: number;
  label: string;
}

export interface TimeSeriesChartProps {
  series: ChartSeries[];
  data: SeriesColumns;
  unit: SignalSpec['unit'];
  xRange: [number, number];
  height: number;
  /** What a screen reader hears instead of the canvas. */
  label: string;
  thresholds?: ChartLine[];
  /** Vertical dashed lines at sim times (the real timeline's milestones). */
  markers?: ChartLine[];
  /** A branch's moment of divergence: one solid vertical line, labelled at the foot of the chart. */
  divergence?: ChartLine | undefined;
  /** The sample index under the mouse, or null when the cursor leaves. */
  onCursor?: (index: number | null) => void;
}

interface Extras {
  thresholds: ChartLine[];
  markers: ChartLine[];
  divergence: ChartLine | null;
  xRange: [number, number];
  unit: SignalSpec['unit'];
  onCursor?: ((index: number | null) => void) | undefined;
}

const AXIS = '#8e8ea0';
const GRID = 'rgba(204, 204, 220, 0.08)';
const THRESHOLD = 'rgba(242, 73, 92, 0.85)';
const MARKER = 'rgba(184, 119, 217, 0.9)';
const DIVERGENCE = '#ff9830';
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const extras = useRef<Extras>({ thresholds: [], markers: [], divergence: null, xRange: props.xRange, unit: props.unit });
  extras.current = {
    thresholds: props.thresholds ?? [],
    markers: props.markers ?? [],
    divergence: props.divergence ?? null,
    xRange: props.xRange,
    unit: props.unit,
    onCursor: props.onCursor,
  };
  const layoutKey = `${props.unit}|${props.height}|${props.series.map((s) => `${s.label}:${s.color}:${s.dashed ? 'dashed' : ''}`).join(',')}`;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const u = new uPlot(options(props, extras, Math.max(100, el.clientWidth)), props.data, el);
    chart.current = u;
    const resize = new ResizeObserver(() => {
      const width = Math.max(100, el.clientWidth);
      if (width !== u.width) u.setSize({ width, height: props.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [layoutKey]);

  useEffect(() => {
    chart.current?.setData(props.data);
  }, [props.data, props.xRange[0], props.xRange[1]]);

  const linesKey = JSON.stringify([props.thresholds, props.markers, props.divergence]);
  useEffect(() => {
    chart.current?.redraw(false);
  }, [linesKey]);

  return <div class="chart" ref={host} role="img" aria-label={props.label} />;
}

function options(props: TimeSeriesChartProps, extras: { current: Extras }, width: number): uPlot.Options {
  const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: AXIS,
    font: FONT,
    grid: { stroke: GRID, width: 1 },
    ticks: { stroke: GRID, width: 1, size: 4 },
    values,
  });
  return {
    width,
    height: props.height,
    legend: { show: false },
    // Sim time is seconds since 00:00 UTC: tick on UTC boundaries whatever the viewer's zone is.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    cursor: { points: { size: 6 }, drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => extras.current.xRange },
      y: { range: (_u, min, max) => yRange(min, max, extras.current) },
    },
    axes: [
      axis((_u, splits) => splits.map((t) => formatHhmm(t))),
      {
        ...axis((_u, splits) => splits.map((v) => formatAxisValue(v, extras.current.unit))),
        size: 56,
        // An up/down signal has two meaningful ticks, not five that all read "up".
        ...(props.unit === 'up' ? { splits: () => [0, 1] } : {}),
      },
    ],
    series: [
      {},
      ...props.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        fill: `${s.color}14`,
        points: { show: false },
        ...(s.dashed ? { dash: [6, 4], fill: undefined } : {}),
      })),
    ],
    hooks: {
      draw: [(u) => drawLines(u, extras.current)],
      setCursor: [(u) => extras.current.onCursor?.(u.cursor.idx ?? null)],
    },
  };
}

function yRange(min: number | null, max: number | null, extras: Extras): uPlot.Range.MinMax {
  if (extras.unit === 'up') return [0, 1.15];
  const top = Math.max(max ?? 0, ...extras.thresholds.map((t) => t.value));
  const bottom = Math.min(0, min ?? 0);
  const hi = top <= bottom ? bottom + 1 : top + (top - bottom) * 0.12;
  return [bottom, hi];
}

function drawLines(u: uPlot, extras: Extras): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const px = uPlot.pxRatio;
  ctx.save();
  ctx.font = `${10 * px}px system-ui, sans-serif`;
  ctx.lineWidth = px;
  ctx.setLineDash([6 * px, 4 * px]);
  for (const line of extras.thresholds) {
    const y = u.valToPos(line.value, 'y', true);
    if (y < top || y > top + height) continue;
    ctx.strokeStyle = THRESHOLD;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.fillStyle = THRESHOLD;
    ctx.textAlign = 'right';
    ctx.fillText(line.label, left + width - 4 * px, y - 3 * px);
  }
  ctx.setLineDash([3 * px, 3 * px]);
  // Labels go on up to three rows; one that would overlap every row is left out (its line stays).
  const rowEnds = [-Infinity, -Infinity, -Infinity];
  const sorted = [...extras.markers].sort((a, b) => a.value - b.value);
  for (const line of sorted) {
    const startX = verticalLine(u, line, MARKER, 3);
    if (startX === null) continue;
    const textWidth = ctx.measureText(line.label).width;
    const row = rowEnds.findIndex((end) => startX > end + 4 * px);
    if (row === -1 || startX < left) continue;
    rowEnds[row] = startX + textWidth;
    ctx.fillStyle = MARKER;
    ctx.textAlign = 'left';
    ctx.fillText(line.label, startX, top + (10 + row * 11) * px);
  }
  if (extras.divergence) drawDivergence(u, extras.divergence);
  ctx.restore();
}

/** Solid and wider than the dashed markers, labelled at the bottom where their labels never go. */
function drawDivergence(u: uPlot, line: ChartLine): void {
  const px = uPlot.pxRatio;
  u.ctx.setLineDash([]);
  u.ctx.lineWidth = 2 * px;
  const startX = verticalLine(u, line, DIVERGENCE, 4);
  if (startX === null) return;
  u.ctx.fillStyle = DIVERGENCE;
  u.ctx.textAlign = 'left';
  u.ctx.fillText(line.label, startX, u.bbox.top + u.bbox.height - 4 * px);
}

/**
 * Strokes a vertical line at the line's time, in the current dash and width; returns where its
 * label starts (to the left of the line near the right edge), or null when it is off the chart.
 */
function verticalLine(u: uPlot, line: ChartLine, color: string, gap: number): number | null {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const x = u.valToPos(line.value, 'x', true);
  if (x < left || x > left + width) return null;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  const offset = gap * uPlot.pxRatio;
  const textWidth = ctx.measureText(line.label).width;
  return x + offset + textWidth <= left + width ? x + offset : x - offset - textWidth;
}
