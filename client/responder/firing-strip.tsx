/**
 * What is paging the team right now, above the dashboards like Grafana's alert list: one line per
 * firing alert, critical first, with when it fired. Readable at a glance, no scrolling box.
 */
import type { FeedEntry } from '../../server/protocol/views.ts';
import { firingAlerts } from '../lib/alerts.ts';
import { formatHhmm } from '../lib/format.ts';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export function FiringStrip(props: { feed: FeedEntry[] }) {
  const firing = firingAlerts(props.feed).sort((a, b) => SEVERITY_ORDER[a.severity ?? 'info'] - SEVERITY_ORDER[b.severity ?? 'info'] || a.at - b.at);
  return (
    <section class={`firing-strip${firing.length > 0 ? ' has-firing' : ''}`} aria-label="Firing alerts" data-testid="firing-strip">
      {firing.length === 0 && <p class="firing-none">No alert firing</p>}
      {firing.length > 0 && (
        <ul>
          {firing.map((f) => (
            <li key={f.entry} class={`firing-item sev-${f.severity ?? 'info'}`}>
              <span class={`tag sev sev-${f.severity ?? 'info'}`}>{f.severity ?? 'info'}</span>
              <span class="firing-title">{f.title.replace(/^FIRING: /, '')}</span>
              <span class="firing-text">{f.text}</span>
              <span class="firing-since mono">since {formatHhmm(f.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
