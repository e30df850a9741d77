/**
 * One team on the room screen: during play its players, firing alerts, impact curve and public
 * status page (and, for a team the host rewound alone, its own clock and how far behind it runs);
 * once the session has ended, its place and score from the debrief. No grade before the end.
 */
import type { RoomRank, RoomTeam, RoomView } from '../../server/protocol/views.ts';
import { formatHhmm, formatValue } from '../lib/format.ts';
import { Sparkline } from './sparkline.tsx';

const minutes = (seconds: number) => Math.round(seconds / 60);

export function RoomTeamCard(props: { team: RoomTeam; spark: RoomView['sparkline']; now: number; result: RoomRank | null }) {
  const { team, spark, result } = props;
  const last = team.sparkline.at(-1);
  return (
    <article class={`room-team${team.behind > 0 ? ' behind' : ''}`} data-testid={`room-team-${team.id}`}>
      <header class="room-team-head">
        {result && <span class="room-rank" data-testid="room-rank" aria-label={`Place ${result.rank}`}>#{result.rank}</span>}
        <h2>{team.name}</h2>
        {result && <span class="room-score mono" data-testid="room-score">{Math.round(result.score)} pts</span>}
      </header>
      <p class="room-players" data-testid="room-players">
        {team.players.length === 0 ? <span class="muted">Nobody seated yet</span> : team.players.join(', ')}
      </p>
      {team.behind > 0 && (
        <p class="room-behind" data-testid="room-behind">
          Rewound: its clock <strong class="mono">{formatHhmm(props.now - team.behind)}</strong>, {minutes(team.behind)} min behind
        </p>
      )}
      <p class={`room-firing ${team.firing > 0 ? 'crit' : 'ok'}`}>{team.firing > 0 ? `${team.firing} alert${team.firing === 1 ? '' : 's'} firing` : 'No alert firing'}</p>
      <div class="room-spark">
        <Sparkline values={team.sparkline} label={`${spark.label} over the team's run so far`} />
        <span class="room-spark-label">{spark.label} <strong class="mono">{formatValue(last ?? null, spark.unit)}</strong></span>
      </div>
      <p class="room-status">
        <span class="room-label">Status page </span>
        {team.statusMessage
          ? <><span class="mono">{formatHhmm(team.statusMessage.at)}</span> {team.statusMessage.text}</>
          : <span class="muted">nothing posted</span>}
      </p>
      {result && <p class="room-vs" data-testid="room-vs">{result.vsReal >= 0 ? '+' : '−'}{Math.abs(Math.round(result.vsReal))} vs the real responders</p>}
    </article>
  );
}
