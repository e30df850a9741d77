/** Impact and penalties, each with the rule that gives its points, so the total can be checked by hand. */
import type { DebriefTeam } from '../../server/protocol/debrief.ts';
import { formatHhmm } from '../lib/format.ts';

export function ScoreBreakdown(props: { team: DebriefTeam }) {
  const { impact, penalties } = props.team.score;
  return (
    <section class="debrief-section" aria-labelledby="debrief-breakdown">
      <h2 id="debrief-breakdown">Impact and penalties</h2>
      <p>
        <strong class="mono">{impact.errorMinutes}</strong> error-minutes of <code>{impact.signal}</code> above {impact.baseline}
        {' '}(real responders: <span class="mono">{impact.referenceErrorMinutes}</span>):{' '}
        <strong class="mono">{impact.points}</strong> points <span class="muted small mono">= {impact.rule}</span>
      </p>
      {penalties.length === 0 ? <p class="muted">No penalties.</p> : (
        <table class="debrief-table" data-testid="debrief-penalties">
          <thead><tr><th>Time</th><th>Why</th><th class="num">Points</th></tr></thead>
          <tbody>
            {penalties.map((p, i) => (
              <tr key={i}><td class="mono">{formatHhmm(p.at)}</td><td>{p.reason}</td><td class="num mono">−{p.points}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
