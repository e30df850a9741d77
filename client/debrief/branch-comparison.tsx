/**
 * A branch side by side with where it came from: the original team's run, the branch, and the
 * real responders, milestone by milestone. Milestones the branch inherited (reached before the
 * divergence) are marked so; the original run is cut at the same end as the branch.
 */
import type { Debrief, DebriefRun, DebriefTeam } from '../../server/protocol/debrief.ts';
import { aheadLabel } from './ahead-label.ts';
import { formatHhmm } from '../lib/format.ts';
import type { BranchView } from './branch-view.ts';

interface Row {
  key: string;
  name: string;
  run: DebriefRun;
  ghost: boolean;
}

export function BranchComparison(props: { debrief: Debrief; team: DebriefTeam; branch: BranchView }) {
  const { debrief, team, branch } = props;
  const rows: Row[] = [
    ...(branch.parentRun ? [{ key: 'original', name: branch.parentLabel, run: branch.parentRun, ghost: false }] : []),
    { key: 'branch', name: `${team.name} (this branch)`, run: team, ghost: false },
    { key: 'real', name: 'Real responders', run: debrief.reference, ghost: true },
  ];
  return (
    <section class="debrief-section" aria-labelledby="branch-comparison-heading">
      <h2 id="branch-comparison-heading">From {branch.clock}: the original run, this branch and the real responders</h2>
      <p class="muted small">
        The branch started from {branch.parentLabel} at <strong class="divergence-text">{branch.clock}</strong>.
        Milestones reached before then are inherited (<span class="tag tag-inherited">inherited</span>).
        {!branch.parentRun && ' The original session is no longer stored, so its run cannot be shown.'}
        {branch.parentEnd !== null && ` The original session ended at ${formatHhmm(branch.parentEnd)}: its run, score and error-minutes stop there (scored against the real responders cut as early), so set its score beside this branch's with care.`}
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="branch-comparison-heading">
        <table class="debrief-table" data-testid="branch-comparison">
          <thead>
            <tr>
              <th>Run</th><th class="num">Score</th><th class="num">vs real</th>
              {debrief.milestones.map((m) => <th key={m.id}>{m.label}<br /><span class="muted small">real {m.realClock}</span></th>)}
              <th class="num">Error-min</th><th class="num">Penalties</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} class={`${row.ghost ? 'ghost-row' : ''}${row.key === 'branch' ? ' selected-row' : ''}`} data-testid={`branch-comparison-${row.key}`}>
                <td>{row.ghost && <span class="badge">ghost</span>} {row.name}</td>
                <td class="num mono">{row.run.score.total}</td>
                <td class="num mono">{row.ghost || (row.key === 'original' && branch.parentEnd !== null) ? '–' : signed(round1(row.run.score.total - debrief.reference.score.total))}</td>
                {debrief.milestones.map((m) => {
                  const reached = row.run.milestones.find((x) => x.id === m.id);
                  return (
                    <td key={m.id} class="mono">
                      {reached?.teamClock ?? '–'} <span class="muted small">{reached?.teamClock && !row.ghost ? aheadLabel(reached.minutesAhead, true) : ''}</span>
                      {reached?.inherited && row.key === 'branch' && <span class="tag tag-inherited">inherited</span>}
                    </td>
                  );
                })}
                <td class="num mono">{row.run.score.impact.errorMinutes}</td>
                <td class="num mono">{row.run.score.subtotals.penalties === 0 ? '0' : `−${Math.abs(row.run.score.subtotals.penalties)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const round1 = (n: number) => Math.round(n * 10) / 10;
