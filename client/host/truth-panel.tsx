/** The real incident, for the facilitator only: the real timeline up to now, and what is still to come. */
import type { HostScenario } from '../../server/protocol/views.ts';
import { parseHhmm } from '../lib/format.ts';

export function RealTimelinePanel(props: { scenario: HostScenario; now: number }) {
  const { scenario, now } = props;
  return (
    <section class="panel" aria-labelledby="real-heading">
      <header class="panel-head">
        <h2 id="real-heading">What really happened</h2>
        <span class="badge badge-host">host only</span>
      </header>
      {/* Focusable so keyboard users can scroll it too. */}
      <ol class="panel-body real-timeline scroll" data-testid="real-timeline" tabIndex={0} aria-labelledby="real-heading">
        {scenario.realTimeline.map((row, i) => {
          const at = parseHhmm(row.at);
          const past = at !== null && at <= now;
          return (
            <li key={i} class={past ? 'past' : 'future'}>
              <span class="mono">{row.at}</span>
              <span>{row.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
