/**
 * The facilitator's script for the room: situation, roles, rules. The lobby shows only those (it is
 * on the projector, beside the join code; in a disguised session in the aliases). Mission control
 * keeps what must not be revealed behind a deliberate "Show the answer" click.
 */
import { useState } from 'preact/hooks';

export interface BriefingText {
  situation: string;
  roles: string;
  rules: string;
}

export function BriefingPanel(props: { briefing: BriefingText; open: boolean; answer?: string }) {
  const { briefing, answer } = props;
  const [shown, setShown] = useState(false);
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
        {answer !== undefined && (
          <div class="briefing-answer">
            <h3 class="section-label">The answer (for you only)</h3>
            <button type="button" class="btn btn-small" aria-expanded={shown} aria-controls="briefing-answer" onClick={() => setShown((s) => !s)}>
              {shown ? 'Hide the answer' : 'Show the answer'}
            </button>
            {shown && <p id="briefing-answer" class="warn-text" data-testid="briefing-answer">{answer}</p>}
          </div>
        )}
      </div>
    </details>
  );
}
