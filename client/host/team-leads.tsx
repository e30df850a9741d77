/** A team's leads in mission control: what it has found, when, and by what evidence or alert. */
import type { InheritedMark, LeadView } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import { InheritedTag } from '../branch/branch-mark.tsx';

export function TeamLeads(props: { leads: readonly (LeadView & InheritedMark)[] }) {
  const leads = [...props.leads].sort((a, b) => a.at - b.at);
  return (
    <>
      <h4 class="section-label">Leads ({leads.length})</h4>
      {leads.length === 0 ? <p class="muted small">Nothing found yet</p> : (
        <ul class="compact-list" data-testid="team-leads">
          {leads.map((l) => (
            <li key={l.id}>
              <span class="mono small">{formatHhmm(l.at)}</span> <strong>{l.label}</strong>
              <span class="muted small"> · {l.kind}, found by {l.source}</span><InheritedTag item={l} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
