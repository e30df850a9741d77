/**
 * One debrief curve: the team's signal up to the scrubber time over the real responders' run
 * (the ghost), with the real milestones as dashed lines and the scrubber time as a line too.
 */
import { useMemo } from 'preact/hooks';
import type { Debrief, DebriefSignal, DebriefTeam } from '../../server/protocol/debrief.ts';
import { TimeSeriesChart } from '../charts/time-series-chart.tsx';
import { formatHhmm, formatValue } from '../lib/format.ts';
import { overlayColumns, valueAt } from './overlay-columns.ts';

export const TEAM_COLOR = '#73bf69';
export const GHOST_COLOR = '#8e8ea0';

export function CurveOverlay(props: { debrief: Debrief; team: DebriefTeam; signal: DebriefSignal; t: number }) {
  const { debrief, team, signal, t } = props;
  const teamCurve = team.curves[signal.id] ?? [];
  const data = useMemo(() => overlayColumns(debrief, teamCurve, signal.id, t), [debrief, team, signal.id, t]);
  const series = useMemo(() => [{ label: team.name, color: TEAM_COLOR }, { label: 'Real responders', color: GHOST_COLOR }], [team.name]);
  const markers = useMemo(() => [
    ...debrief.milestones.map((m) => ({ value: m.real, label: m.label })),
    { value: t, label: `▶ ${formatHhmm(t)}` },
  ], [debrief, t]);
  const thresholds = useMemo(() => signal.thresholds.map((x) => ({ value: x.value, label: x.label })), [signal]);
  const teamNow = valueAt(debrief.times, teamCurve, t);
  const ghostNow = valueAt(debrief.times, debrief.reference.curves[signal.id] ?? [], t);
  return (
    <section class="signal-panel debrief-curve" data-testid={`debrief-curve-${signal.id}`}>
      <header class="signal-panel-head">
        <h3>{signal.label}{signal.impact ? <span class="badge debrief-impact-badge">impact</span> : null}</h3>
        <span class="muted small mono">{formatHhmm(t)}</span>
      </header>
      <TimeSeriesChart series={series} data={data} unit={signal.unit} xRange={[debrief.times[0] ?? 0, debrief.endedAt]} height={170}
        label={`${signal.label}: ${team.name} ${formatValue(teamNow, signal.unit)}, real responders ${formatValue(ghostNow, signal.unit)} at ${formatHhmm(t)}`}
        thresholds={thresholds} markers={markers} />
      <ul class="legend">
        <li><span class="swatch" style={{ background: TEAM_COLOR }} aria-hidden="true" /><span class="legend-label">{team.name}</span>
          <span class="legend-value mono" data-testid={`curve-value-${signal.id}`}>{formatValue(teamNow, signal.unit)}</span></li>
        <li><span class="swatch" style={{ background: GHOST_COLOR }} aria-hidden="true" /><span class="legend-label">Real responders</span>
          <span class="legend-value mono">{formatValue(ghostNow, signal.unit)}</span></li>
      </ul>
    </section>
  );
}
