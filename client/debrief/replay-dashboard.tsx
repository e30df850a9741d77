/**
 * The team's dashboard as it was at the scrubber time, recomputed by the server from the log
 * (the team's own view: its signals, alerts, actions in flight, evidence in hand, diagnoses).
 */
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';
import type { TeamObservation } from '../../server/protocol/views.ts';
import { formatHhmm, formatValue } from '../lib/format.ts';

export function ReplayDashboard(props: { debrief: Debrief; team: DebriefTeam; t: number; observation: TeamObservation | null; error: string | null }) {
  const { debrief, observation: o } = props;
  const last = o?.samples.at(-1);
  const actionTitle = (id: string) => props.team.timeline.find((e) => e.kind === 'action' && e.ref === id)?.title ?? id;
  const diagnosisTitle = (ref: string) => props.team.timeline.find((e) => e.kind === 'diagnosis' && e.ref === ref)?.title ?? `Diagnosis: ${ref}`;
  const investigationTitle = (id: string) => props.team.timeline.find((e) => e.kind === 'investigation' && e.ref === id)?.title ?? id;
  return (
    <section class="debrief-section no-print" aria-labelledby="debrief-replay" data-testid="replay-dashboard">
      <h2 id="debrief-replay">{props.team.name}'s dashboard at <span class="mono" data-testid="replay-dashboard-time">{o ? formatHhmm(o.t) : '…'}</span></h2>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {!o ? <p class="muted">Loading the replay…</p> : (
        <div class="debrief-replay-grid">
          <div>
            <h3>Signals</h3>
            <ul class="compact-list">
              {debrief.signals.map((s) => <li key={s.id}>{s.label}: <span class="mono" data-testid={`replay-value-${s.id}`}>{formatValue(last?.values[s.id], s.unit)}</span></li>)}
            </ul>
          </div>
          <div>
            <h3>Feed</h3>
            <ul class="compact-list" data-testid="replay-feed">
              {o.feed.length === 0 ? <li class="empty">Nothing yet</li> : o.feed.slice(-6).reverse().map((f) => (
                <li key={f.entry}><span class="mono">{formatHhmm(f.at)}</span> {f.title}</li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Actions</h3>
            <ul class="compact-list" data-testid="replay-actions">
              {o.actions.length === 0 ? <li class="empty">None yet</li> : o.actions.map((a) => (
                <li key={a.entry}><span class="mono">{formatHhmm(a.requestedAt)}</span> {actionTitle(a.action)} <span class={`badge ${a.status === 'done' ? 'badge-ok' : ''}`}>{a.status}</span></li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Evidence and diagnoses</h3>
            <ul class="compact-list" data-testid="replay-evidence">
              {o.investigations.map((i) => (
                <li key={i.entry}><span class="mono">{formatHhmm(i.requestedAt)}</span> {investigationTitle(i.investigation)}: {i.evidence ? i.evidence.summary : <em class="muted">running</em>}</li>
              ))}
              {o.diagnoses.map((d) => <li key={d.entry}><span class="mono">{formatHhmm(d.at)}</span> {diagnosisTitle(`${d.trigger}/${d.mechanism}`)}</li>)}
              {o.investigations.length + o.diagnoses.length === 0 && <li class="empty">None yet</li>}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
