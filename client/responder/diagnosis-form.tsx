/**
 * Declare what happened: a trigger (one of the changes and events the team has found, or a generic
 * hypothesis) × a generic failure class, plus free text. The options are the team's runbook's, so
 * they name nothing the team has not found; the console never says if the diagnosis is right.
 */
import { useState } from 'preact/hooks';
import type { DiagnosisOptionView, TeamObservation } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import type { TeamCommands } from './team-commands.ts';

export function DiagnosisForm(props: { world: TeamObservation; commands: TeamCommands; disabled: boolean }) {
  const { triggers, mechanisms } = props.world.runbook.diagnosis;
  const diagnoses = props.world.diagnoses;
  const found = new Set(props.world.leads.map((l) => l.id));
  const ownLeads = triggers.filter((o) => found.has(o.id));
  const hypotheses = triggers.filter((o) => !found.has(o.id));
  const [trigger, setTrigger] = useState('');
  const [mechanism, setMechanism] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (list: DiagnosisOptionView[], id: string) => list.find((o) => o.id === id)?.label ?? id;

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
              {ownLeads.length > 0 && <optgroup label="Found by your team">{options(ownLeads)}</optgroup>}
              <optgroup label={ownLeads.length > 0 ? 'Other hypotheses' : 'Hypotheses'}>{options(hypotheses)}</optgroup>
            </select>
          </label>
          <label class="field">
            <span>Through which mechanism</span>
            <select value={mechanism} required onChange={(e) => setMechanism(e.currentTarget.value)}>
              <option value="" disabled>Choose a mechanism…</option>
              {options(mechanisms)}
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
        {diagnoses.length > 0 && (
          <ol class="diagnosis-list" data-testid="diagnoses">
            {[...diagnoses].sort((a, b) => b.at - a.at).map((d) => (
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

const options = (list: readonly DiagnosisOptionView[]) => list.map((o) => <option key={o.id} value={o.id}>{o.label}</option>);
