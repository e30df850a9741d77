/**
 * One debrief curve: the team's signal up to the scrubber time over the real responders' run
 * (the ghost), with the real milestones as dashed lines and the scrubber time as a line too. A
 * branch adds the original team's run and a solid line where the two diverged. The ghost is a wide
 * translucent band under everything; the team is a bold line on top, visible where they coincide.
 */
import { useMemo } from 'preact/hooks';
import type { Debrief, DebriefSignal, DebriefTeam } from '../../server/protocol/debrief.ts';
import { TimeSeriesChart } from '../charts/time-series-chart.tsx';
import { formatHhmm, formatValue } from '../lib/format.ts';
import { overlayColumns, valueAt } from './overlay-columns.ts';
import { divergenceLabel, type BranchView } from './branch-view.ts';

export const TEAM_COLOR = '#73bf69';
export const GHOST_COLOR = '#8e8ea0';
const GHOST_BAND = `${GHOST_COLOR}80`;
export const ORIGINAL_COLOR = '#5794f2';

export function CurveOverlay(props: { debrief: Debrief; team: DebriefTeam; signal: DebriefSignal; t: number; branch: BranchView | null; large?: boolean }) {
  const { debrief, team, signal, t, branch } = props;
  const teamCurve = team.curves[signal.id] ?? [];
  const parentCurve = branch?.parentRun ? (branch.parentRun.curves[signal.id] ?? []) : undefined;
  const data = useMemo(() => overlayColumns(debrief, teamCurve, signal.id, t, parentCurve), [debrief, team, signal.id, t, branch]);
  // In the legend's order (the team first); drawn in the reverse order, so the team is on top.
  const lines = useMemo(() => [
    { label: branch ? `${team.name} (branch)` : team.name, color: TEAM_COLOR, curve: teamCurve, width: 2.5 },
    ...(branch && parentCurve ? [{ label: branch.parentLabel, color: ORIGINAL_COLOR, curve: parentCurve, dashed: true }] : []),
    { label: 'Real responders', color: GHOST_BAND, curve: debrief.reference.curves[signal.id] ?? [], width: 7, noFill: true },
  ], [debrief, team, signal.id, branch]);
  const series = useMemo(() => lines.map(({ label, color, dashed, width, noFill }) => ({ label, color, dashed, width, noFill })).reverse(), [lines]);
  const markers = useMemo(() => [
    ...debrief.milestones.map((m) => ({ value: m.real, label: m.label })),
    { value: t, label: `▶ ${formatHhmm(t)}` },
  ], [debrief, t]);
  const divergence = useMemo(() => (branch ? { value: branch.at, label: divergenceLabel(branch) } : undefined), [branch]);
  const thresholds = useMemo(() => signal.thresholds.map((x) => ({ value: x.value, label: x.label })), [signal]);
  const step = (debrief.times[1] ?? 0) - (debrief.times[0] ?? 0);
  const values = lines.map((l) => legendValue(valueAt(debrief.times, l.curve, t), t, step, signal.unit));
  const spoken = lines.map((l, i) => `${l.label} ${values[i]}`).join(', ');
  return (
    <section class="signal-panel debrief-curve" data-testid={`debrief-curve-${signal.id}`}>
      <header class="signal-panel-head">
        <h3>{signal.label}{signal.impact ? <span class="badge debrief-impact-badge">impact</span> : null}</h3>
        <span class="muted small mono">{formatHhmm(t)}</span>
      </header>
      <TimeSeriesChart series={series} data={data} unit={signal.unit} xRange={[debrief.times[0] ?? 0, debrief.endedAt]} height={props.large ? 330 : 170} textScale={props.large ? 2.6 : 1}
        label={`${signal.label}: ${spoken} at ${formatHhmm(t)}${branch ? `; the branch diverged from the original run at ${branch.clock}` : ''}`}
        thresholds={thresholds} markers={markers} divergence={divergence} />
      <ul class="legend">
        {lines.map((l, i) => (
          <li key={l.label}><span class={`swatch${l.noFill ? ' swatch-band' : l.width ? ' swatch-bold' : ''}`} style={{ background: l.dashed ? `repeating-linear-gradient(90deg, ${l.color} 0 4px, transparent 4px 7px)` : l.color }} aria-hidden="true" /><span class="legend-label">{l.label}</span>
            <span class="legend-value mono" data-testid={i === 0 ? `curve-value-${signal.id}` : undefined}>{values[i]}</span></li>
        ))}
        {branch && (
          <li data-testid="divergence-mark"><span class="swatch divergence-swatch" aria-hidden="true" /><span class="legend-label">{divergenceLabel(branch)}</span></li>
        )}
      </ul>
    </section>
  );
}

/** A legend value is never blank: a curve that stopped before t (a rewound team) gives its last value and when. */
function legendValue(found: { value: number; at: number } | null, t: number, step: number, unit: DebriefSignal['unit']): string {
  if (!found) return 'no data yet';
  const value = formatValue(found.value, unit);
  return t - found.at > step ? `${value} at ${formatHhmm(found.at)}` : value;
}
