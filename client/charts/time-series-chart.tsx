/**
 * A Grafana-style time series on uPlot. The chart is created once per series layout and then fed
 * with setData: recreating a canvas chart every tick is what makes dashboards stutter.
 * Threshold lines (horizontal), ghost markers (vertical, dashed) and a branch's moment of
 * divergence (vertical, solid) are drawn by a small draw hook. Marker labels never overlap: one
 * that fits nowhere near its line goes to a numbered legend under the chart (marker-labels.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { SignalSpec } from '../../server/protocol/views.ts';
import { formatAxisValue, formatHhmm } from '../lib/format.ts';
import type { SeriesColumns } from '../lib/series.ts';
import { layoutMarkerLabels, type ReservedBox } from './marker-labels.ts';
import './charts.css';

export interface ChartSeries {
  label: string;
  color: string;
  /** Dashed (e.g. a branch's original run, which lies under the branch's line up to the divergence). */
  dashed?: boolean;
  /** Line width in CSS pixels (1.5 unless set): a wide translucent band reads as a backdrop. */
  width?: number;
  /** No area fill under the line (a backdrop's fill would tint the lines drawn over it). */
  noFill?: boolean;
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
  /** Multiplies every text size on the canvas (a projector needs about 2.5). */
  textScale?: number;
}

interface Extras {
  thresholds: ChartLine[];
  markers: ChartLine[];
  divergence: ChartLine | null;
  xRange: [number, number];
  unit: SignalSpec['unit'];
  onCursor?: ((index: number | null) => void) | undefined;
  /** The marker labels that went to the legend, with their numbers (set by the draw hook). */
  onLegend: (legend: string[]) => void;
  textScale: number;
}

const AXIS = '#8e8ea0';
const GRID = 'rgba(204, 204, 220, 0.08)';
const THRESHOLD = 'rgba(242, 73, 92, 0.85)';
const MARKER = 'rgba(184, 119, 217, 0.9)';
const LABEL_BACKING = 'rgba(20, 22, 26, 0.82)';
const DIVERGENCE = '#ff9830';
const axisFont = (scale: number) => `${11 * scale}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [legend, setLegend] = useState<string[]>([]);
  const onLegend = (next: string[]) => setLegend((held) => (held.join('\n') === next.join('\n') ? held : next));
  const extras = useRef<Extras>({ thresholds: [], markers: [], divergence: null, xRange: props.xRange, unit: props.unit, onLegend, textScale: 1 });
  extras.current = {
    thresholds: props.thresholds ?? [],
    markers: props.markers ?? [],
    divergence: props.divergence ?? null,
    xRange: props.xRange,
    unit: props.unit,
    onCursor: props.onCursor,
    onLegend,
    textScale: props.textScale ?? 1,
  };
  const layoutKey = `${props.unit}|${props.height}|${props.textScale ?? 1}|${props.series.map((s) => `${s.label}:${s.color}:${s.dashed ? 'dashed' : ''}:${s.width ?? ''}:${s.noFill ? 'nofill' : ''}`).join(',')}`;

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

  return (
    <>
      <div class="chart" ref={host} role="img" aria-label={props.label} />
      {legend.length > 0 && (
        <ol class="marker-legend" aria-label="Marked times not labelled on the chart">
          {legend.map((text, i) => <li key={`${i}:${text}`}><span class="marker-number" aria-hidden="true">{i + 1}</span> {text}</li>)}
        </ol>
      )}
    </>
  );
}

function options(props: TimeSeriesChartProps, extras: { current: Extras }, width: number): uPlot.Options {
  const scale = props.textScale ?? 1;
  const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: AXIS,
    font: axisFont(scale),
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
      // Larger text needs ticks further apart, or the times run into each other.
      { ...axis((_u, splits) => splits.map((t) => formatHhmm(t))), space: 50 * scale, size: 50 + 14 * (scale - 1) },
      {
        ...axis((_u, splits) => splits.map((v) => formatAxisValue(v, extras.current.unit))),
        size: 56 * scale,
        // An up/down signal has two meaningful ticks, not five that all read "up".
        ...(props.unit === 'up' ? { splits: () => [0, 1] } : {}),
      },
    ],
    // uPlot draws series in order: the last one given is on top.
    series: [
      {},
      ...props.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: s.width ?? 1.5,
        fill: s.dashed || s.noFill ? undefined : `${s.color.slice(0, 7)}14`,
        points: { show: false },
        ...(s.dashed ? { dash: [6, 4] } : {}),
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
  const text = extras.textScale;
  ctx.font = `${10 * text * px}px system-ui, sans-serif`;
  ctx.lineWidth = px;
  ctx.setLineDash([6 * px, 4 * px]);
  // Threshold labels sit at the right end, above their line: marker labels keep clear of them.
  const thresholdBoxes: ReservedBox[] = [];
  const footBoxes: ReservedBox[] = [];
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
    const right = left + width - 4 * px;
    ctx.fillText(line.label, right, y - 3 * px);
    const textWidth = ctx.measureText(line.label).width;
    const [above, below] = [y - 13 * text * px, y - 1 * px];
    for (const row of rowsCrossed(u, above, below, text)) thresholdBoxes.push({ row, left: right - textWidth, right });
    if (above < top + height && below > top + height - 13 * text * px) footBoxes.push({ row: 0, left: right - textWidth, right });
  }
  drawMarkers(u, extras, thresholdBoxes, footBoxes);
  if (extras.divergence) drawDivergence(u, extras.divergence);
  ctx.restore();
}

const ROWS = 3;
const ROW_PX = 11;

/** The top rows a box from y0 to y1 (canvas pixels) crosses. */
function rowsCrossed(u: uPlot, y0: number, y1: number, text: number): number[] {
  const rowPx = ROW_PX * text * uPlot.pxRatio;
  const rows: number[] = [];
  for (let row = 0; row < ROWS; row++) {
    const top = u.bbox.top + row * rowPx;
    if (y1 > top && y0 < top + rowPx) rows.push(row);
  }
  return rows;
}

/** Dashed vertical lines, each labelled beside itself in a top row, or numbered and listed in the legend. */
function drawMarkers(u: uPlot, extras: Extras, reserved: ReservedBox[], foot: ReservedBox[]): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const px = uPlot.pxRatio;
  ctx.setLineDash([3 * px, 3 * px]);
  const lines = [...extras.markers].sort((a, b) => a.value - b.value);
  const xs = lines.map((line) => u.valToPos(line.value, 'x', true));
  for (const x of xs) strokeVertical(u, x, MARKER);
  const chart = { left, right: left + width };
  const layout = layoutMarkerLabels(lines.map((line, i) => ({ x: xs[i]!, width: ctx.measureText(line.label).width })), chart, ROWS, 4 * px, reserved);
  const text = extras.textScale;
  for (const [i, spot] of layout.placed) labelText(u, lines[i]!.label, spot.left, top + (10 + spot.row * ROW_PX) * text * px, text);
  // A line whose label went to the legend carries its number at its foot, where no label goes.
  const numbers = layout.legend.map((i, n) => ({ x: xs[i]!, width: ctx.measureText(String(n + 1)).width, text: String(n + 1) }));
  const numbered = layoutMarkerLabels(numbers, chart, 1, 2 * px, foot);
  for (const [n, spot] of numbered.placed) labelText(u, numbers[n]!.text, spot.left, top + height - 4 * px, text);
  extras.onLegend(layout.legend.map((i) => lines[i]!.label));
}

/** Marker text on a dark backing, so it stays readable where it crosses the curves. */
function labelText(u: uPlot, text: string, x: number, baseline: number, scale: number): void {
  const { ctx } = u;
  const px = uPlot.pxRatio;
  ctx.fillStyle = LABEL_BACKING;
  ctx.fillRect(x - 1 * px, baseline - 9 * scale * px, ctx.measureText(text).width + 2 * px, 11 * scale * px);
  ctx.fillStyle = MARKER;
  ctx.textAlign = 'left';
  ctx.fillText(text, x, baseline);
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

/** Strokes a vertical line at x, in the current dash and width, when it is on the chart. */
function strokeVertical(u: uPlot, x: number, color: string): boolean {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  if (x < left || x > left + width) return false;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  return true;
}

/**
 * Strokes a vertical line at the line's time; returns where its label starts (to the left of the
 * line near the right edge), or null when it is off the chart.
 */
function verticalLine(u: uPlot, line: ChartLine, color: string, gap: number): number | null {
  const x = u.valToPos(line.value, 'x', true);
  if (!strokeVertical(u, x, color)) return null;
  const offset = gap * uPlot.pxRatio;
  const textWidth = u.ctx.measureText(line.label).width;
  return x + offset + textWidth <= u.bbox.left + u.bbox.width ? x + offset : x - offset - textWidth;
}
