/** What really happened, and where the team's world stood when the session ended. */
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';

export function WhatHappened(props: { debrief: Debrief; team: DebriefTeam }) {
  const { truth } = props.team;
  return (
    <section class="debrief-section" aria-labelledby="debrief-what-happened">
      <h2 id="debrief-what-happened">What really happened</h2>
      {props.debrief.whatHappened.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}
      <h3>Your world at {props.team.endedClock}: {truth.headline}</h3>
      {truth.facts.length > 0 && (
        <dl class="debrief-facts">
          {truth.facts.map((f) => [<dt key={`t-${f.label}`}>{f.label}</dt>, <dd key={`d-${f.label}`}>{f.value}</dd>])}
        </dl>
      )}
    </section>
  );
}
