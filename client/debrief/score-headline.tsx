/** The team's headline: score, rank, and how it compares with the real responders. */
import type { Debrief, DebriefTeam } from '../../server/protocol/debrief.ts';

export function ScoreHeadline(props: { debrief: Debrief; team: DebriefTeam }) {
  const { debrief, team } = props;
  const delta = team.vsReference;
  // The real responders over the team's own window (shorter for a team rewound alone).
  const reference = Math.round((team.score.total - delta) * 10) / 10;
  return (
    <section class="debrief-headline" aria-label="Score" data-testid="debrief-headline">
      <div class="debrief-score">
        <span class="debrief-score-value mono" data-testid="debrief-score">{team.score.total}</span>
        <span class="muted">points</span>
      </div>
      <div class="debrief-rank">
        <strong data-testid="debrief-rank">Rank {team.rank} of {debrief.teams.length}</strong>
        <span class={delta >= 0 ? 'delta-good' : 'delta-bad'}>
          {delta === 0 ? 'level with' : delta > 0 ? `${delta} points ahead of` : `${-delta} points behind`} the real responders ({reference}{team.endedAt < debrief.endedAt ? ` to ${team.endedClock}` : ''})
        </span>
        <span class="muted small mono">{team.score.formula}</span>
      </div>
    </section>
  );
}
