/** Each milestone: the real time, the team's, how far ahead or behind it was, and the rule that gives its points. */
import type { DebriefTeam } from '../../server/protocol/debrief.ts';
import { aheadLabel } from './ahead-label.ts';

export function MilestonesTable(props: { team: DebriefTeam }) {
  return (
    <section class="debrief-section" aria-labelledby="debrief-milestones">
      <h2 id="debrief-milestones">Milestones against the real times</h2>
      <table class="debrief-table" data-testid="debrief-milestones">
        <thead><tr><th>Milestone</th><th>Real</th><th>Team</th><th>Ahead / behind</th><th class="num">Points</th></tr></thead>
        <tbody>
          {props.team.milestones.map((m) => (
            <tr key={m.id}>
              <td>
                {m.label}
                {m.credit === 'moot' && <div class="small">Made moot by the team's own action: met at its best value</div>}
                {m.credit === 'after-fix' && <div class="small">Credited from when the team's fix took effect</div>}
                {m.relapses?.map((r) => <div key={r} class="milestone-relapse">{r}: relapsed before the end, no credit</div>)}
                <div class="muted small mono">{m.rule}</div>
              </td>
              <td class="mono">{m.realClock}</td>
              <td class="mono">{m.teamClock ?? '–'}</td>
              <td><span class={`verdict-${m.verdict}`}>{aheadLabel(m.minutesAhead)}</span></td>
              <td class="num mono" title={`${m.weight} at the real time`}>{m.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
