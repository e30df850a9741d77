/** One team's headline on the room screen: place, score, firing alerts, curve, status page, milestones. */
import type { RoomTeam, RoomView } from '../../server/protocol/views.ts';
import { formatHhmm, formatValue } from '../lib/format.ts';
import { Sparkline } from './sparkline.tsx';

export function RoomTeamCard(props: { team: RoomTeam; spark: RoomView['sparkline'] }) {
  const { team, spark } = props;
  const last = team.sparkline.at(-1);
  return (
    <article class="room-team" data-testid={`room-team-${team.id}`}>
      <header class="room-team-head">
        <span class="room-rank" aria-label={`Place ${team.rank}`}>#{team.rank}</span>
        <h2>{team.name}</h2>
        <span class="room-score mono" data-testid="room-score">{Math.round(team.score)} pts</span>
      </header>
      <p class={`room-firing ${team.firing > 0 ? 'crit' : 'ok'}`}>{team.firing > 0 ? `${team.firing} alert${team.firing === 1 ? '' : 's'} firing` : 'No alert firing'}</p>
      <div class="room-spark">
        <Sparkline values={team.sparkline} label={`${spark.label} over the run so far`} />
        <span class="room-spark-label">{spark.label} <strong class="mono">{formatValue(last ?? null, spark.unit)}</strong></span>
      </div>
      <div class="room-status">
        <span class="room-label">Status page</span>
        {team.statusMessage
          ? <p><span class="mono">{formatHhmm(team.statusMessage.at)}</span> {team.statusMessage.text}</p>
          : <p class="muted">All Systems Operational (nothing posted)</p>}
      </div>
      <div>
        <span class="room-label">Milestones reached</span>
        {team.milestonesReached.length === 0 ? <p class="muted">None yet</p> : (
          <ul class="room-milestones">
            {team.milestonesReached.map((m) => <li key={m.label}><span class="mono">{formatHhmm(m.at)}</span> {m.label}</li>)}
          </ul>
        )}
      </div>
    </article>
  );
}
