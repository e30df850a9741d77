/** Declare what happened: trigger × mechanism, plus free text. The console never says if it is right. */
import { useState } from 'preact/hooks';
import type { PublicScenario, TeamDiagnosis } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import type { TeamCommands } from './team-commands.ts';

export function DiagnosisForm(props: { scenario: PublicScenario; diagnoses: TeamDiagnosis[]; commands: TeamCommands; disabled: boolean }) {
  const { triggers, mechanisms } = props.scenario.diagnosis;
  const [trigger, setTrigger] = useState('');
  const [mechanism, setMechanism] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (list: { id: string; label: string }[], id: string) => list.find((o) => o.id === id)?.label ?? id;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!trigger || !mechanism) return;
    setBusy(true);
    const ok = await props.commands.diagnose(trigger, mechanism, text.trim());
    setBusy(false);
    if (ok) setText('');
  };

  return (
    <section class="panel" aria-labelledby="diagnosis-heading">
      <header class="panel-head"><h2 id="diagnosis-heading">Diagnosis</h2></header>
      <div class="panel-body">
        <form onSubmit={submit} data-testid="diagnosis-form">
          <label class="field">
            <span>What triggered it</span>
            <select value={trigger} required onChange={(e) => setTrigger(e.currentTarget.value)}>
              <option value="" disabled>Choose a trigger…</option>
              {triggers.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          </label>
          <label class="field">
            <span>Through which mechanism</span>
            <select value={mechanism} required onChange={(e) => setMechanism(e.currentTarget.value)}>
              <option value="" disabled>Choose a mechanism…</option>
              {mechanisms.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          </label>
          <label class="field">
            <span>In your words <span class="muted">(optional)</span></span>
            <textarea rows={2} maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <button type="submit" class="btn btn-danger" disabled={busy || props.disabled || !trigger || !mechanism}>
            {busy ? 'Declaring…' : 'Declare diagnosis'}
          </button>
          <p class="muted small">A wrong diagnosis costs points. You learn whether it was right in the debrief.</p>
        </form>
        {props.diagnoses.length > 0 && (
          <ol class="diagnosis-list" data-testid="diagnoses">
            {[...props.diagnoses].sort((a, b) => b.at - a.at).map((d) => (
              <li key={d.entry}>
                <span class="mono small">{formatHhmm(d.at)}</span>{' '}
                <strong>{label(triggers, d.trigger)}</strong> → {label(mechanisms, d.mechanism)}
                {d.text && <p class="muted small">{d.text}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
