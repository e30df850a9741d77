/** The team's dashboards: one panel per `panel` of the scenario's signals. */
import { useMemo } from 'preact/hooks';
import type { PublicScenario, Sample } from '../../server/protocol/views.ts';
import { groupByPanel } from '../lib/series.ts';
import { SignalPanelView } from '../charts/signal-panel.tsx';
import { chartRange } from '../charts/chart-range.ts';

export function SignalDashboard(props: { scenario: PublicScenario; samples: Sample[]; start: number; now: number }) {
  const panels = useMemo(() => groupByPanel(props.scenario.signals), [props.scenario]);
  const range = chartRange(props.start, props.samples, props.now);
  return (
    <section class="dashboard" aria-label="Dashboards">
      {panels.map((p) => <SignalPanelView key={p.title} panel={p} samples={props.samples} xRange={range} />)}
    </section>
  );
}
