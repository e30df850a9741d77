/** One scenario to pick on the landing page: a radio with the story, never the cause. */
import type { ScenarioSummary } from '../../server/protocol/views.ts';
import { formatMinutes } from '../lib/format.ts';

export function ScenarioCard(props: { scenario: ScenarioSummary; selected: boolean; onSelect: () => void }) {
  const s = props.scenario;
  return (
    <label class={`scenario-card${props.selected ? ' selected' : ''}`} data-testid={`scenario-${s.id}`}>
      <input type="radio" name="scenario" value={s.id} checked={props.selected} onChange={props.onSelect} />
      <span class="scenario-card-body">
        <span class="scenario-card-head">
          <strong class="scenario-title">{s.title}</strong>
          <span class={`badge difficulty-${s.difficulty}`}>{s.difficulty}</span>
        </span>
        <span class="scenario-meta mono">
          {s.date} · {s.start}–{s.end} UTC · {formatMinutes(s.durationMinutes)}
          {s.suggestedSpeed !== null && <> · suggested {s.suggestedSpeed}×</>}
        </span>
        <span class="scenario-summary">{s.summary}</span>
      </span>
    </label>
  );
}
