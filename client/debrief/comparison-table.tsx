/** Every team against the others and against the real responders (the unranked ghost row). */
import type { Debrief } from '../../server/protocol/debrief.ts';
import { aheadLabel } from './ahead-label.ts';

export function ComparisonTable(props: { debrief: Debrief; selected: string }) {
  const { debrief } = props;
  return (
    <section class="debrief-section debrief-comparison-section" aria-labelledby="debrief-comparison">
      <h2 id="debrief-comparison">All teams and the real responders</h2>
      <p class="muted small">Teams ranked within {debrief.mode} mode; the real responders' run is the same in either mode.</p>
      {/* Focusable: on a phone it scrolls sideways, and keyboard users must be able to scroll it. */}
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="debrief-comparison">
        <table class="debrief-table" data-testid="debrief-comparison">
          <thead>
            <tr>
              <th>Rank</th><th>Team</th><th class="num">Score</th><th class="num">vs real</th>
              {debrief.milestones.map((m) => <th key={m.id}>{m.label}<br /><span class="muted small">real {m.realClock}</span></th>)}
              <th class="num">Error-min</th><th class="num">Penalties</th>
            </tr>
          </thead>
          <tbody>
            {debrief.comparison.map((row) => (
              <tr key={row.teamId ?? 'ghost'} class={`${row.ghost ? 'ghost-row' : ''}${row.teamId === props.selected ? ' selected-row' : ''}`} data-testid={row.ghost ? 'ghost-row' : `comparison-${row.teamId}`}>
                <td>{row.ghost ? <span class="badge">ghost</span> : row.rank}</td>
                <td>{row.name}</td>
                <td class="num mono">{row.total}</td>
                <td class="num mono">{row.ghost ? '–' : row.vsReference > 0 ? `+${row.vsReference}` : row.vsReference}</td>
                {row.milestones.map((m) => (
                  <td key={m.id} class="mono">{m.clock ?? '–'} <span class="muted small">{m.clock ? aheadLabel(m.minutesAhead, true) : ''}</span></td>
                ))}
                <td class="num mono">{row.errorMinutes}</td>
                <td class="num mono">{row.penalties === 0 ? '0' : `−${row.penalties}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
