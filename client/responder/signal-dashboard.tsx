/**
 * The team's dashboards laid out as Grafana does: panels in a grid (2–3 across on a desktop) in
 * collapsible rows, the row of panels that page people first. Rows come from the scenario's own
 * alert thresholds, so no scenario needs a layout of its own.
 */
import { useMemo } from 'preact/hooks';
import type { PublicScenario, Sample } from '../../server/protocol/views.ts';
import { groupByPanel, type SignalPanel } from '../lib/series.ts';
import { SignalPanelView } from '../charts/signal-panel.tsx';
import { chartRange } from '../charts/chart-range.ts';

interface DashboardRow {
  title: string;
  panels: SignalPanel[];
}

/** Panels with a paging threshold first ("Service health"), then everything else. */
export function dashboardRows(scenario: PublicScenario): DashboardRow[] {
  const panels = groupByPanel(scenario.signals);
  const paging = panels.filter((p) => p.signals.some((s) => s.thresholds.length > 0));
  const rest = panels.filter((p) => !paging.includes(p));
  return [
    { title: 'Service health', panels: paging },
    { title: 'Supporting signals', panels: rest },
  ].filter((r) => r.panels.length > 0);
}

export function SignalDashboard(props: { scenario: PublicScenario; samples: Sample[]; start: number; now: number }) {
  const rows = useMemo(() => dashboardRows(props.scenario), [props.scenario]);
  const range = chartRange(props.start, props.samples, props.now);
  return (
    <section class="dashboard" aria-label="Dashboards" data-testid="dashboards">
      {rows.map((row) => (
        <details key={row.title} class="dashboard-row" open>
          <summary><span class="dashboard-row-title">{row.title}</span> <span class="muted small">{row.panels.length} panel{row.panels.length === 1 ? '' : 's'}</span></summary>
          <div class="dashboard-grid">
            {row.panels.map((p) => <SignalPanelView key={p.title} panel={p} samples={props.samples} xRange={range} />)}
          </div>
        </details>
      ))}
    </section>
  );
}
