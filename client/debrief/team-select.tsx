/** Which team's debrief is shown (the comparison table always shows them all). */
import type { DebriefTeam } from '../../server/protocol/debrief.ts';

export function TeamSelect(props: { teams: DebriefTeam[]; value: string; onChange: (teamId: string) => void }) {
  return (
    <label class="inline-field debrief-team-select no-print">
      <span>Team</span>
      <select value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)} data-testid="debrief-team-select">
        {props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </select>
    </label>
  );
}
