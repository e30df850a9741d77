/**
 * The after-action review (HSEEP, NIST SP 800-84): per objective, what was expected, what the team
 * did, its strengths and areas for improvement, a rating and its share of the score.
 */
import type { DebriefObjective, DebriefTeam } from '../../server/protocol/debrief.ts';

const RATING_CLASS: Record<DebriefObjective['rating'], string> = { P: 'badge-ok', S: 'badge-warn', M: 'badge-critical', U: 'badge-critical' };

function List(props: { title: string; items: readonly string[]; empty: string }) {
  return (
    <div class="aar-list">
      <h4>{props.title}</h4>
      {props.items.length === 0 ? <p class="muted small">{props.empty}</p> : <ul>{props.items.map((x, i) => <li key={i}>{x}</li>)}</ul>}
    </div>
  );
}

export function AfterActionReview(props: { team: DebriefTeam }) {
  const { aar } = props.team;
  return (
    <section class="debrief-section" aria-labelledby="debrief-aar" data-testid="debrief-aar">
      <h2 id="debrief-aar">After-action review</h2>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Ratings by objective">
        <table class="debrief-table">
          <thead><tr><th>Objective</th><th>Rating</th><th class="num">Points</th></tr></thead>
          <tbody>
            {aar.map((o) => (
              <tr key={o.id} data-objective={o.id}>
                <td><a href={`#aar-${o.id}`}>{o.label}</a></td>
                <td><span class={`badge ${RATING_CLASS[o.rating]}`}>{o.rating}</span> {o.ratingLabel}</td>
                <td class="num mono">{o.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {aar.map((o) => (
        <article key={o.id} class="aar-objective" id={`aar-${o.id}`} aria-labelledby={`aar-${o.id}-title`}>
          <h3 id={`aar-${o.id}-title`}>{o.label} <span class={`badge ${RATING_CLASS[o.rating]}`}>{o.rating}: {o.ratingLabel}</span> <span class="muted small mono">{o.points} points</span></h3>
          <div class="aar-grid">
            <List title="Expected" items={o.expected} empty="—" />
            <List title="What the team did" items={o.observed} empty="Nothing." />
            <List title="Strengths" items={o.strengths} empty="None noted." />
            <List title="Areas for improvement" items={o.improvements} empty="None noted." />
          </div>
        </article>
      ))}
    </section>
  );
}
