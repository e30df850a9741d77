/**
 * Every diagnosis the team declared: the claim, its free text, the verdict ("right but
 * unsupported" when its findings do not back it), what supported each part (the observations the
 * attached findings showed), what it cost — and, for the facilitator, a right/wrong mark with a reason.
 */
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';
import { formatHhmm } from '../lib/format.ts';
import { ReviewForm, type SendReview } from './review-form.tsx';

const VERDICT = { right: 'Right, supported', 'right-unsupported': 'Right but unsupported', 'partly-right': 'Partly right', wrong: 'Wrong' } as const;

export function DiagnosesReview(props: { debrief: Debrief; team: DebriefTeam; send: SendReview | null }) {
  const { diagnoses } = props.team.score;
  return (
    <section class="debrief-section" aria-labelledby="debrief-diagnoses" data-testid="debrief-diagnoses">
      <h2 id="debrief-diagnoses">Diagnoses and what supported them</h2>
      {diagnoses.length === 0 ? <p class="muted">No diagnosis was declared.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Diagnoses">
          <table class="debrief-table">
            <thead><tr><th>Time</th><th>Claim</th><th>Verdict</th><th>Evidence</th><th class="num">Points</th></tr></thead>
            <tbody>
              {diagnoses.map((d) => (
                <tr key={d.entry} data-verdict={d.verdict}>
                  <td class="mono">{formatHhmm(d.at)}</td>
                  <td>
                    <span class="mono small">{[d.trigger, d.component, d.mechanism].filter((x) => x !== null).join(' / ')}</span>
                    {d.text && <blockquote class="post-text">{d.text}</blockquote>}
                    {props.send && (
                      <ReviewForm id={`review-diagnosis-${d.entry}`} submitLabel="Mark" send={props.send}
                        fields={[{ name: 'verdict', label: 'Facilitator mark', options: [{ value: 'right', label: 'Right' }, { value: 'wrong', label: 'Wrong' }] }, { name: 'reason', label: 'Reason', placeholder: 'what the text shows' }]}
                        build={(v) => ({ kind: 'diagnosis', teamId: props.team.id, entry: d.entry, verdict: v.verdict === 'wrong' ? 'wrong' : 'right', reason: v.reason ?? '' })} />
                    )}
                  </td>
                  <td>
                    <strong>{VERDICT[d.verdict]}</strong>{d.credited ? ' (credited)' : ''}
                    {d.facilitator && <div class="small">Facilitator: {d.facilitator.reason}</div>}
                    <ul class="small">
                      {d.parts.map((p) => (
                        <li key={p.part}>{p.part}: {p.right ? 'right' : 'wrong'}, {p.supported ? `supported by ${p.shownBy.join('; ') || 'nothing required'}` : 'unsupported'}</li>
                      ))}
                    </ul>
                  </td>
                  <td class="small">
                    {d.cited.length === 0 ? 'No finding attached.' : (
                      <ul>{d.cited.map((f) => <li key={f.id}><span class="mono">{f.id}</span> {f.title}: {f.shows.length > 0 ? f.shows.join('; ') : 'showed nothing that counts'}</li>)}</ul>
                    )}
                  </td>
                  <td class="num mono">{d.penalty === 0 ? 0 : `−${d.penalty}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
