/** Alerts (FIRING / RESOLVED), customer reports, third-party notices and injects, newest first. */
import { useState } from 'preact/hooks';
import type { FeedEntry, InheritedMark } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import { firingAlerts } from '../lib/alerts.ts';
import { InheritedTag } from '../branch/branch-mark.tsx';

type Filter = 'all' | 'alerts' | 'reports' | 'injects';

const FILTERS: { id: Filter; label: string; kinds: FeedEntry['kind'][] }[] = [
  { id: 'all', label: 'All', kinds: ['alert', 'alert-resolved', 'customer-report', 'notice', 'inject'] },
  { id: 'alerts', label: 'Alerts', kinds: ['alert', 'alert-resolved'] },
  { id: 'reports', label: 'Reports', kinds: ['customer-report', 'notice'] },
  { id: 'injects', label: 'Injects', kinds: ['inject'] },
];

export function AlertFeed(props: { feed: (FeedEntry & InheritedMark)[] }) {
  const [filter, setFilter] = useState<Filter>('all');
  const kinds = FILTERS.find((f) => f.id === filter)?.kinds ?? [];
  const entries = props.feed.filter((f) => kinds.includes(f.kind)).sort((a, b) => b.at - a.at || b.entry - a.entry);
  const firing = firingAlerts(props.feed);
  return (
    <section class="panel" aria-labelledby="feed-heading">
      <header class="panel-head">
        <h2 id="feed-heading">Alerts &amp; reports</h2>
        <span class={`badge ${firing.length > 0 ? 'badge-critical' : 'badge-ok'}`} aria-live="polite" data-testid="firing-count">
          {firing.length > 0 ? `${firing.length} firing` : 'none firing'}
        </span>
      </header>
      <div class="segmented" role="group" aria-label="Filter the feed">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>{f.label}</button>
        ))}
      </div>
      <ol class="feed-list panel-body scroll" aria-live="polite" aria-relevant="additions" data-testid="alert-feed" tabIndex={0} aria-labelledby="feed-heading">
        {entries.length === 0 && <li class="empty">Quiet so far.</li>}
        {entries.map((f) => <FeedItem key={f.entry} entry={f} />)}
      </ol>
    </section>
  );
}

function FeedItem(props: { entry: FeedEntry & InheritedMark }) {
  const f = props.entry;
  const tag = f.kind === 'alert' ? 'FIRING' : f.kind === 'alert-resolved' ? 'RESOLVED' : f.kind === 'customer-report' ? 'CUSTOMER' : f.kind === 'inject' ? 'INJECT' : 'NOTICE';
  return (
    <li class={`feed-item feed-${f.kind}${f.severity ? ` sev-${f.severity}` : ''}`}>
      <div class="feed-head">
        <span class={`tag tag-${f.kind}`}>{tag}</span>
        {f.severity && f.kind === 'alert' && <span class={`tag sev sev-${f.severity}`}>{f.severity}</span>}
        {f.hint && <span class="tag tag-hint" title="A hint: it costs points in the debrief">HINT</span>}
        <InheritedTag item={f} />
        <span class="feed-time mono">{formatHhmm(f.at)}</span>
      </div>
      <div class="feed-title">{f.title}</div>
      {f.text && <p class="feed-text">{f.text}</p>}
    </li>
  );
}
