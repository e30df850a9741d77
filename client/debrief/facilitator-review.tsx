/**
 * The facilitator's part of the debrief: the improvement plan (what, owner, due), point awards and
 * removals with a reason, and the review log (every entry, withdrawn ones marked). Everyone sees
 * the plan and the log; only the host (with its secret) gets the forms. Reviews are appended to
 * the session's log and scored (docs/scoring.md, "Facilitator review").
 */
import { OBJECTIVES } from '../../server/engine/objectives.ts';
import type { DebriefTeam } from '../../server/protocol/debrief.ts';
import { ReviewForm, type SendReview } from './review-form.tsx';

const OBJECTIVE_OPTIONS = [{ value: '', label: 'No objective' }, ...OBJECTIVES.map((o) => ({ value: o, label: o }))];
const objectiveOf = (v: string | undefined) => (OBJECTIVES as readonly string[]).includes(v ?? '') ? v as (typeof OBJECTIVES)[number] : null;

export function FacilitatorReview(props: { team: DebriefTeam; send: SendReview | null }) {
  const { team, send } = props;
  return (
    <section class="debrief-section" aria-labelledby="debrief-review" data-testid="debrief-review">
      <h2 id="debrief-review">Improvement plan and facilitator review</h2>
      {team.improvementPlan.length === 0 ? <p class="muted">No improvement item yet.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Improvement plan">
          <table class="debrief-table" data-testid="improvement-plan">
            <thead><tr><th>What</th><th>Owner</th><th>Due</th><th>Objective</th>{send && <th><span class="sr-only">Remove</span></th>}</tr></thead>
            <tbody>
              {team.improvementPlan.map((i) => (
                <tr key={i.seq}>
                  <td>{i.what}</td><td>{i.owner}</td><td>{i.due}</td><td>{i.objective ?? '—'}</td>
                  {send && <td><button type="button" class="btn btn-small no-print" onClick={() => void send({ kind: 'withdraw', teamId: team.id, review: i.seq, reason: 'removed from the plan' })}>Remove</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {send && (
        <>
          <h3>Add an improvement item</h3>
          <ReviewForm id="review-improvement" submitLabel="Add to the plan" send={send}
            fields={[{ name: 'what', label: 'What', placeholder: 'e.g. a runbook step to pin the last good config' }, { name: 'owner', label: 'Owner' }, { name: 'due', label: 'Due', placeholder: 'e.g. 2026-01-31' }, { name: 'objective', label: 'Objective', options: OBJECTIVE_OPTIONS }]}
            build={(v) => ({ kind: 'improvement', teamId: team.id, what: v.what ?? '', owner: v.owner ?? '', due: v.due ?? '', objective: objectiveOf(v.objective) })} />
          <h3>Award or remove points</h3>
          <ReviewForm id="review-points" submitLabel="Adjust the score" send={send}
            fields={[{ name: 'points', label: 'Points (negative removes)', type: 'number' }, { name: 'objective', label: 'Objective', options: OBJECTIVE_OPTIONS }, { name: 'reason', label: 'Reason' }]}
            build={(v) => ({ kind: 'points', teamId: team.id, points: Number(v.points), objective: objectiveOf(v.objective), reason: v.reason ?? '' })} />
        </>
      )}
      <h3>Review log</h3>
      {team.reviewLog.length === 0 ? <p class="muted">No review entry.</p> : (
        <ol class="review-log" data-testid="review-log">
          {team.reviewLog.map((r) => (
            <li key={r.seq} class={r.withdrawn ? 'withdrawn' : ''}>
              <span class="mono small">#{r.seq} {r.at.slice(0, 16).replace('T', ' ')} UTC</span> {r.text}{r.withdrawn ? ' (withdrawn)' : ''}
              {send && !r.withdrawn && r.kind !== 'withdraw' && r.kind !== 'improvement' && (
                <button type="button" class="btn btn-small no-print" onClick={() => void send({ kind: 'withdraw', teamId: team.id, review: r.seq, reason: 'withdrawn by the facilitator' })}>Withdraw</button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
