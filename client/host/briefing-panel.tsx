/** The facilitator's script for the room, before the start: situation, roles, rules, what not to reveal. */
import type { HostScenario } from '../../server/protocol/views.ts';

export function BriefingPanel(props: { briefing: NonNullable<HostScenario['briefing']>; open: boolean }) {
  const { briefing } = props;
  return (
    <details class="panel briefing" open={props.open} data-testid="briefing">
      <summary><h2>Briefing to read to the room</h2></summary>
      <div class="panel-body">
        <h3 class="section-label">Situation</h3>
        <p>{briefing.situation}</p>
        <h3 class="section-label">Roles</h3>
        <p>{briefing.roles}</p>
        <h3 class="section-label">Rules</h3>
        <p>{briefing.rules}</p>
        <h3 class="section-label">Do not reveal</h3>
        <p class="warn-text">{briefing.doNotReveal}</p>
      </div>
    </details>
  );
}
