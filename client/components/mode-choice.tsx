/** The host's choice of mode at creation: one radio per mode, each with the line that explains it. */
import { SESSION_MODES, SESSION_MODE_INFO, type SessionMode } from '../../server/protocol/session-mode.ts';
import './mode-choice.css';

export function ModeChoice(props: { value: SessionMode; onChange: (mode: SessionMode) => void }) {
  return (
    <fieldset class="scenario-list mode-choice" data-testid="mode-choice">
      <legend>Mode</legend>
      {SESSION_MODES.map((mode) => (
        <label key={mode} class={`scenario-card${props.value === mode ? ' selected' : ''}`} data-testid={`mode-${mode}`}>
          <input type="radio" name="mode" value={mode} checked={props.value === mode} onChange={() => props.onChange(mode)} />
          <span class="scenario-card-body">
            <strong class="scenario-title">{SESSION_MODE_INFO[mode].label}{mode === 'realistic' ? ' (recommended)' : ''}</strong>
            <span class="scenario-summary">{SESSION_MODE_INFO[mode].explanation}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The session's mode as a small badge (host and responder top bars); the explanation on hover. */
export function ModeBadge(props: { mode: SessionMode }) {
  const info = SESSION_MODE_INFO[props.mode];
  return <span class={`badge mode-${props.mode}`} title={info.explanation} data-testid="session-mode">{info.label} mode</span>;
}
