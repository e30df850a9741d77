/**
 * Customer impact (every customer-facing signal, against the real responders and doing nothing),
 * penalties and the facilitator's adjustments, each with the rule that gives its points, so the
 * total can be checked by hand.
 */
import type { DebriefTeam } from '../../server/protocol/debrief.ts';
import { formatHhmm } from '../lib/format.ts';

export function ScoreBreakdown(props: { team: DebriefTeam }) {
  const { impact, penalties, adjustments } = props.team.score;
  return (
    <section class="debrief-section" aria-labelledby="debrief-breakdown">
      <h2 id="debrief-breakdown">Customer impact, risks and penalties</h2>
      <p>
        <strong class="mono">{impact.errorMinutes}</strong> weighted unit-minutes of customer impact
        {' '}(real responders: <span class="mono">{impact.referenceErrorMinutes}</span>, doing nothing: <span class="mono">{impact.noActionErrorMinutes}</span>):{' '}
        <strong class="mono">{impact.points}</strong> points <span class="muted small mono">= {impact.rule}</span>
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Customer impact per signal">
        <table class="debrief-table" data-testid="debrief-impact">
          <thead><tr><th>Signal</th><th class="num">Weight</th><th class="num">Team</th><th class="num">Real responders</th><th class="num">Doing nothing</th></tr></thead>
          <tbody>
            {impact.signals.map((s) => (
              <tr key={s.signal}>
                <td>{s.label} <span class="muted small">(healthy {s.op === 'above' ? '≤' : '≥'} {s.baseline})</span></td>
                <td class="num mono">{s.weight}</td><td class="num mono">{s.team}</td><td class="num mono">{s.reference}</td><td class="num mono">{s.noAction}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Risks taken and penalties</h3>
      {penalties.length === 0 ? <p class="muted">No penalties.</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Risks and penalties">
          <table class="debrief-table" data-testid="debrief-penalties">
            <thead><tr><th>Time</th><th>Why</th><th class="num">Points</th></tr></thead>
            <tbody>
              {penalties.map((p, i) => (
                <tr key={i} data-kind={p.kind}><td class="mono">{formatHhmm(p.at)}</td><td>{p.reason}</td><td class="num mono">−{p.points}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adjustments.length > 0 && (
        <>
          <h3>Facilitator adjustments</h3>
          <ul data-testid="debrief-adjustments">{adjustments.map((a) => <li key={a.seq}><span class="mono">{a.points > 0 ? `+${a.points}` : a.points}</span>{a.objective ? ` (${a.objective})` : ''}: {a.reason}</li>)}</ul>
        </>
      )}
    </section>
  );
}
