/** The team's actions, evidence, diagnoses and notes, beside the real timeline; lines after the scrubber are dimmed. */
import type { Debrief, DebriefEvent, DebriefTeam } from '../../server/protocol/debrief.ts';
import { timelineRows } from './timeline-rows.ts';

const KIND: Record<DebriefEvent['kind'], string> = {
  action: 'ACTION', investigation: 'EVIDENCE', diagnosis: 'DIAGNOSIS', inject: 'INJECT', alert: 'ALERT', note: 'NOTE',
};

function result(e: DebriefEvent): string {
  if (e.kind === 'diagnosis') return e.correct ? 'correct' : 'wrong';
  if (e.kind === 'action') return e.settlesClock ? `effective ${e.settlesClock}${e.outcome ? `: ${e.outcome}` : ''}` : 'still pending at the end';
  if (e.kind === 'investigation') return e.settlesClock ? `${e.settlesClock}: ${e.outcome ?? ''}` : 'still running at the end';
  return e.detail;
}

export function TimelineView(props: { debrief: Debrief; team: DebriefTeam; t: number }) {
  const rows = timelineRows(props.team.timeline, props.debrief.realTimeline, props.t);
  return (
    <section class="debrief-section" aria-labelledby="debrief-timeline">
      <h2 id="debrief-timeline">Timeline beside the real one</h2>
      <div class="table-wrap">
        <table class="debrief-table debrief-timeline" data-testid="debrief-timeline">
          <thead><tr><th>UTC</th><th>{props.team.name}</th><th>What really happened</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} class={`row-${r.state}`} data-kind={r.team?.kind ?? 'real'}>
                <td class="mono">{r.clock}</td>
                <td>
                  {r.team && (
                    <>
                      <span class={`tag debrief-kind-${r.team.kind}`}>{KIND[r.team.kind]}</span>{' '}
                      <strong>{r.team.kind === 'note' ? `${r.team.ref}: ${r.team.detail}` : r.team.title}</strong>
                      {(r.team.kind === 'action' || r.team.kind === 'investigation' || r.team.kind === 'diagnosis') && r.team.detail ? <span class="muted small"> ({r.team.detail})</span> : null}
                      {r.team.kind !== 'note' && <div class={`small ${r.team.correct === false ? 'error' : 'muted'}`}>{result(r.team)}{r.team.penalty > 0 ? ` · −${r.team.penalty} points` : ''}</div>}
                    </>
                  )}
                </td>
                <td>{r.real}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
