/**
 * The team's actions, evidence, diagnoses and notes, beside the real timeline; lines after the
 * scrubber are dimmed. A branch's timeline has a third column, the original team from the moment
 * of divergence on, and a row marking that moment; the branch's lines before it are inherited.
 */
import type { Debrief, DebriefEvent, DebriefTeam } from '../../server/protocol/debrief.ts';
import { timelineRows } from './timeline-rows.ts';
import { divergenceLabel, type BranchView } from './branch-view.ts';

const KIND: Record<DebriefEvent['kind'], string> = {
  action: 'ACTION', investigation: 'EVIDENCE', diagnosis: 'DIAGNOSIS', inject: 'INJECT', alert: 'ALERT', note: 'NOTE',
};

function result(e: DebriefEvent): string {
  if (e.kind === 'diagnosis') return e.correct ? 'correct' : 'wrong';
  if (e.kind === 'action') return e.settlesClock ? `effective ${e.settlesClock}${e.outcome ? `: ${e.outcome}` : ''}` : 'still pending at the end';
  if (e.kind === 'investigation') return e.settlesClock ? `${e.settlesClock}: ${e.outcome ?? ''}` : 'still running at the end';
  return e.detail;
}

function EventCell(props: { event: DebriefEvent | null; inherited: boolean }) {
  const e = props.event;
  if (!e) return <td />;
  return (
    <td>
      <span class={`tag debrief-kind-${e.kind}`}>{KIND[e.kind]}</span>{' '}
      <strong>{e.kind === 'note' ? `${e.ref}: ${e.detail}` : e.title}</strong>
      {(e.kind === 'action' || e.kind === 'investigation' || e.kind === 'diagnosis') && e.detail ? <span class="muted small"> ({e.detail})</span> : null}
      {props.inherited && <span class="tag tag-inherited" data-testid="inherited-tag">inherited</span>}
      {e.kind !== 'note' && <div class={`small ${e.correct === false ? 'error' : 'muted'}`}>{result(e)}{e.penalty > 0 ? ` · −${e.penalty} points` : ''}</div>}
    </td>
  );
}

export function TimelineView(props: { debrief: Debrief; team: DebriefTeam; t: number; branch: BranchView | null }) {
  const { branch } = props;
  const rows = timelineRows(props.team.timeline, props.debrief.realTimeline, props.t,
    branch ? { at: branch.at, clock: branch.clock, original: branch.parentRun?.timeline ?? [] } : undefined);
  return (
    <section class="debrief-section" aria-labelledby="debrief-timeline">
      <h2 id="debrief-timeline">Timeline beside the real one</h2>
      <div class="table-wrap">
        <table class="debrief-table debrief-timeline" data-testid="debrief-timeline">
          <thead>
            <tr>
              <th>UTC</th><th>{branch ? `${props.team.name} (branch)` : props.team.name}</th>
              {branch && <th>{branch.parentLabel}</th>}
              <th>What really happened</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => r.divergence && branch ? (
              <tr key={i} class={`row-${r.state} row-divergence`} data-kind="divergence" data-testid="timeline-divergence">
                <td class="mono">{r.clock}</td>
                <td colSpan={3}>
                  <strong>{divergenceLabel(branch)}</strong>
                  <span class="small"> — above, the original run the branch inherited; from here, the branch and the original team each went their own way</span>
                </td>
              </tr>
            ) : (
              <tr key={i} class={`row-${r.state}`} data-kind={r.team?.kind ?? r.original?.kind ?? 'real'} data-lane={r.original ? 'original' : r.team ? 'team' : 'real'}>
                <td class="mono">{r.clock}</td>
                <EventCell event={r.team} inherited={r.team?.inherited === true} />
                {branch && <EventCell event={r.original} inherited={false} />}
                <td>{r.real}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
