/**
 * Disguised play: the host's choice at creation, and the badge that says a session is disguised
 * (host, responders, room). Only a scenario that declares fictional names can be disguised.
 */
import type { ScenarioSummary } from '../../server/protocol/views.ts';
import './disguise.css';

export const DISGUISE_EXPLANATION = 'Company, product, service and host names and the date are replaced by fictional ones for responders and the room; you see both, and the debrief reveals them.';

export function DisguiseChoice(props: { scenario: ScenarioSummary | null; value: boolean; onChange: (disguised: boolean) => void }) {
  const possible = props.scenario?.disguisable ?? false;
  return (
    <fieldset class="disguise-choice" data-testid="disguise-choice">
      <legend>Disguise</legend>
      <label class={`scenario-card${props.value && possible ? ' selected' : ''}`}>
        <input type="checkbox" checked={props.value && possible} disabled={!possible} onChange={(e) => props.onChange(e.currentTarget.checked)} />
        <span class="scenario-card-body">
          <strong class="scenario-title">Play it disguised</strong>
          <span class="scenario-summary">
            {possible ? `For players who already know this outage. ${DISGUISE_EXPLANATION}` : 'This scenario declares no fictional names, so it plays under its real ones.'}
          </span>
        </span>
      </label>
    </fieldset>
  );
}

export function DisguiseBadge(props: { disguised: boolean }) {
  if (!props.disguised) return null;
  return <span class="badge badge-disguise" title={DISGUISE_EXPLANATION} data-testid="disguised-badge">Disguised</span>;
}
