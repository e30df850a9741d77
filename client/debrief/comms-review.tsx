/**
 * Every status post the team published, judged against what was failing at that minute (state,
 * components, text), the silences while customers were hit, and — for the facilitator — a way to
 * mark a post accurate or inaccurate after reading it, with a reason.
 */
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';
import { formatHhmm } from '../lib/format.ts';
import { ReviewForm, type SendReview } from './review-form.tsx';

const VERDICT: Record<string, string> = {
  accurate: 'accurate', incomplete: 'incomplete', neutral: 'no points', early: 'before any customer was hit',
  'resolved-while-failing': 'Resolved while failing', 'premature-state': 'ahead of the diagnosis', 'no-component': 'no failing component named', inaccurate: 'inaccurate',
};

export function CommsReview(props: { debrief: Debrief; team: DebriefTeam; send: SendReview | null }) {
  const comms = props.team.score.comms;
  if (!comms) return null;
  const label = (id: string) => props.debrief.statusPage?.components.find((c) => c.id === id)?.label ?? id;
  return (
    <section class="debrief-section" aria-labelledby="debrief-comms" data-testid="debrief-comms">
      <h2 id="debrief-comms">Status posts, judged against what was true</h2>
      <p class="muted small">
        Customers were hit {comms.impactFrom === null ? 'at no point' : `from ${formatHhmm(comms.impactFrom)} ${comms.impactTo === null ? 'to the end' : `to ${formatHhmm(comms.impactTo)}`}`};
        an update is due every {comms.cadenceMinutes} minutes while they are. Communication: <strong class="mono">{comms.points}</strong> points.
      </p>
      {comms.posts.length === 0 ? <p class="muted">No status post was published.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Status posts">
          <table class="debrief-table" data-testid="debrief-posts">
            <thead><tr><th>Published</th><th>Post</th><th>Failing then</th><th>Verdict</th><th class="num">Points</th></tr></thead>
            <tbody>
              {comms.posts.map((p) => (
                <tr key={p.entry} data-verdict={p.verdict}>
                  <td class="mono">{formatHhmm(p.at)}</td>
                  <td>
                    <strong>{p.state}</strong> · {p.components.map(label).join(', ') || 'no component'}
                    <blockquote class="post-text">{p.message || '(no text)'}</blockquote>
                    {props.send && (
                      <ReviewForm id={`review-post-${p.entry}`} submitLabel="Mark" send={props.send}
                        fields={[{ name: 'verdict', label: 'Facilitator verdict', options: [{ value: 'accurate', label: 'Accurate' }, { value: 'inaccurate', label: 'Inaccurate' }] }, { name: 'reason', label: 'Reason', placeholder: 'what the text got right or wrong' }]}
                        build={(v) => ({ kind: 'status-post', teamId: props.team.id, entry: p.entry, verdict: v.verdict === 'inaccurate' ? 'inaccurate' : 'accurate', reason: v.reason ?? '' })} />
                    )}
                  </td>
                  <td>{p.failing.map(label).join(', ') || 'nothing'}</td>
                  <td>
                    {VERDICT[p.verdict] ?? p.verdict}
                    <ul class="small muted">{p.lines.map((l, i) => <li key={i}>{l.reason}</li>)}</ul>
                  </td>
                  <td class="num mono">{p.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {comms.gaps.length > 0 && (
        <ul class="small" data-testid="debrief-gaps">
          {comms.gaps.map((g) => <li key={g.from}>{g.reason} <span class="mono">({g.points})</span></li>)}
        </ul>
      )}
    </section>
  );
}
