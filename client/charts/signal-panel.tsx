/**
 * One Grafana-style panel: a chart of the signals sharing a `panel`, and a legend that gives every
 * series' latest value as text (or the value under the cursor, with its time).
 */
import { useMemo, useState } from 'preact/hooks';
import type { Sample } from '../../server/protocol/views.ts';
import { formatHhmm, formatValue } from '../lib/format.ts';
import { latestValue, seriesColor, toColumns, type SignalPanel } from '../lib/series.ts';
import { TimeSeriesChart, type ChartLine } from './time-series-chart.tsx';

export function SignalPanelView(props: {
  panel: SignalPanel;
  samples: Sample[];
  xRange: [number, number];
  height?: number;
  markers?: ChartLine[];
  compact?: boolean;
  /** Distinguishes the same panel drawn for several teams (host view). */
  idSuffix?: string;
}) {
  const { panel, samples } = props;
  const ids = panel.signals.map((s) => s.id);
  const data = useMemo(() => toColumns(samples, ids), [samples, ids.join(',')]);
  const [cursor, setCursor] = useState<number | null>(null);
  const unit = panel.signals[0]?.unit ?? 'count';
  const thresholds = useMemo(
    () => panel.signals.flatMap((s) => s.thresholds.map((t) => ({ value: t.value, label: panel.signals.length > 1 && !t.label.includes(s.label) ? `${s.label}: ${t.label}` : t.label }))),
    [panel],
  );
  const series = useMemo(() => panel.signals.map((s, i) => ({ label: s.label, color: seriesColor(i) })), [panel]);
  const hovered = cursor !== null ? samples[cursor] : undefined;
  const headingId = `panel-${slug(panel.title)}${props.idSuffix ?? ''}`;

  return (
    <section class={`signal-panel${props.compact ? ' compact' : ''}`} aria-labelledby={headingId} data-testid="signal-panel">
      <header class="signal-panel-head">
        <h3 id={headingId} title={panel.signals.map((s) => `${s.label}: ${s.description}`).join('\n')}>{panel.title}</h3>
        <span class="muted small mono">{hovered ? formatHhmm(hovered.t) : 'now'}</span>
      </header>
      <TimeSeriesChart series={series} data={data} unit={unit} xRange={props.xRange} height={props.height ?? 160}
        label={`${panel.title}, ${panel.signals.map((s) => `${s.label} ${formatValue(latestValue(samples, s.id), s.unit)}`).join(', ')}`}
        thresholds={thresholds} markers={props.markers} onCursor={setCursor} />
      <ul class="legend">
        {panel.signals.map((s, i) => {
          const value = hovered ? hovered.values[s.id] : latestValue(samples, s.id);
          return (
            <li key={s.id} title={s.description}>
              <span class="swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
              <span class="legend-label">{s.label}</span>
              <span class="legend-value mono" data-testid={`value-${s.id}`}>{formatValue(value, s.unit)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
