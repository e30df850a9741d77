/**
 * The facilitator's rewinds of a team, as interventions, each with its abandoned stretch drawn as
 * a faded branch off the timeline: what the team did and saw from the rewind target until it was
 * rewound. None of it is scored (docs/scoring.md "Rewinds").
 */
import type { DebriefTeam } from '../../server/protocol/debrief.ts';

export function AbandonedStretches(props: { team: DebriefTeam }) {
  const { team } = props;
  if (team.rewinds.length === 0) return null;
  return (
    <section class="debrief-section" aria-labelledby="debrief-rewinds" data-testid="debrief-rewinds">
      <h2 id="debrief-rewinds">Facilitator interventions: rewinds</h2>
      <p class="muted small">
        The facilitator rewound {team.name} {team.rewinds.length === 1 ? 'once' : `${team.rewinds.length} times`}. The faded
        branches are the abandoned lines: kept for the discussion, never scored. The score above is the final line's.
      </p>
      {team.rewinds.map((r, i) => (
        <div key={i} class="abandoned-branch" data-testid="abandoned-branch">
          <h3 class="section-label">At {r.clock} UTC, rewound to {r.toClock}: the line from {r.toClock} to {r.clock} was abandoned</h3>
          {r.abandoned.length === 0 ? <p class="muted small">Nothing happened on that stretch.</p> : (
            <ol class="abandoned-events">
              {r.abandoned.map((e, j) => (
                <li key={j}>
                  <span class="mono">{e.clock}</span> <span class="tag">{e.kind}</span> {e.kind === 'note' ? `${e.ref}: ${e.detail}` : e.title}
                  {e.kind === 'diagnosis' && e.correct !== null ? <span class="small"> ({e.correct ? 'correct' : 'wrong'})</span> : null}
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
