/**
 * Declare what happened, as a claim with its evidence: the trigger (a change or event the team has
 * found, or a generic hypothesis), the failing component or artefact (only what the team found),
 * the generic failure class, and up to six findings from the evidence board that back it, plus free
 * text. The options are the team's runbook's (sorted by label, so order gives nothing away); the
 * console never says whether the diagnosis is right or supported.
 */
import { useState } from 'preact/hooks';
import type { DiagnosisOptionView, InvestigationRecord, RunbookInvestigation, TeamObservation } from '../../server/protocol/views.ts';
import { describeRequest } from '../../server/engine/describe-request.ts';
import { findingId, MAX_CITED_FINDINGS } from '../../server/engine/finding-id.ts';
import { formatHhmm } from '../lib/format.ts';
import type { TeamCommands } from './team-commands.ts';

export function DiagnosisForm(props: { world: TeamObservation; commands: TeamCommands; disabled: boolean }) {
  const { triggers, components, mechanisms } = props.world.runbook.diagnosis;
  const diagnoses = props.world.diagnoses;
  const found = new Set(props.world.leads.map((l) => l.id));
  const ownLeads = triggers.filter((o) => found.has(o.id));
  const hypotheses = triggers.filter((o) => !found.has(o.id));
  const findings = props.world.investigations.filter((i) => i.status === 'complete').sort((a, b) => b.completesAt - a.completesAt || b.entry - a.entry);
  const [trigger, setTrigger] = useState('');
  const [component, setComponent] = useState('');
  const [mechanism, setMechanism] = useState('');
  const [cited, setCited] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (list: DiagnosisOptionView[], id: string | null) => (id === null ? '' : list.find((o) => o.id === id)?.label ?? id);
  const needsComponent = components.length > 0;
  const ready = trigger !== '' && mechanism !== '' && (!needsComponent || component !== '');
  const full = cited.length >= MAX_CITED_FINDINGS;

  const toggle = (id: string, on: boolean) => setCited((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    const ok = await props.commands.diagnose({ trigger, mechanism, evidence: cited, text: text.trim(), ...(needsComponent ? { component } : {}) });
    setBusy(false);
    if (ok) { setText(''); setCited([]); }
  };

  return (
    <section class="panel" aria-labelledby="diagnosis-heading">
      <header class="panel-head"><h2 id="diagnosis-heading">Diagnosis</h2></header>
      <div class="panel-body">
        <form onSubmit={submit} data-testid="diagnosis-form">
          <label class="field">
            <span>What triggered it</span>
            <select value={trigger} required onChange={(e) => setTrigger(e.currentTarget.value)} data-testid="diagnosis-trigger">
              <option value="" disabled>Choose a trigger…</option>
              {ownLeads.length > 0 && <optgroup label="Found by your team">{options(ownLeads)}</optgroup>}
              <optgroup label={ownLeads.length > 0 ? 'Other hypotheses' : 'Hypotheses'}>{options(hypotheses)}</optgroup>
            </select>
          </label>
          <label class="field">
            <span>What failed (component or artefact)</span>
            <select value={component} required={needsComponent} disabled={!needsComponent} onChange={(e) => setComponent(e.currentTarget.value)} data-testid="diagnosis-component">
              <option value="" disabled>{needsComponent ? 'Choose what failed…' : 'Nothing found yet: investigate first'}</option>
              {options(components)}
            </select>
          </label>
          <label class="field">
            <span>Through which mechanism</span>
            <select value={mechanism} required onChange={(e) => setMechanism(e.currentTarget.value)} data-testid="diagnosis-mechanism">
              <option value="" disabled>Choose a mechanism…</option>
              {options(mechanisms)}
            </select>
          </label>
          <fieldset class="field cite-findings" data-testid="diagnosis-evidence">
            <legend>Findings that back it <span class="muted">({cited.length} of at most {MAX_CITED_FINDINGS})</span></legend>
            {findings.length === 0 ? <p class="empty">No findings yet: they land on the evidence board.</p> : (
              <ul class="cite-list">
                {findings.map((f) => <CiteOption key={f.entry} record={f} specs={props.world.runbook.investigations} checked={cited.includes(findingId(f.entry))} full={full} onToggle={toggle} />)}
              </ul>
            )}
          </fieldset>
          <label class="field">
            <span>In your words <span class="muted">(optional)</span></span>
            <textarea rows={2} maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <button type="submit" class="btn btn-danger" disabled={busy || props.disabled || !ready}>
            {busy ? 'Declaring…' : 'Declare diagnosis'}
          </button>
          <p class="muted small">Cite the findings that show each part. A wrong or unsupported diagnosis costs points; you learn how it went in the debrief.</p>
        </form>
        {diagnoses.length > 0 && (
          <ol class="diagnosis-list" data-testid="diagnoses">
            {[...diagnoses].sort((a, b) => b.at - a.at).map((d) => (
              <li key={d.entry}>
                <span class="mono small">{formatHhmm(d.at)}</span>{' '}
                <strong>{label(triggers, d.trigger)}</strong>
                {d.component !== null && <> · {label(components, d.component)}</>} → {label(mechanisms, d.mechanism)}
                <div class="muted small" data-testid="diagnosis-cites">{d.evidence.length > 0 ? `Citing ${d.evidence.join(', ')}` : 'No findings cited'}</div>
                {d.text && <p class="muted small">{d.text}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function CiteOption(props: { record: InvestigationRecord; specs: readonly RunbookInvestigation[]; checked: boolean; full: boolean; onToggle: (id: string, on: boolean) => void }) {
  const id = findingId(props.record.entry);
  return (
    <li>
      <label class="cite-option">
        <input type="checkbox" checked={props.checked} disabled={!props.checked && props.full} data-testid={`cite-${id}`}
          onChange={(e) => props.onToggle(id, e.currentTarget.checked)} />
        <span class="finding-id mono">{id}</span>
        <span>{describeRequest(props.specs, props.record.investigation, props.record.params)}</span>
        <span class="muted small mono">{formatHhmm(props.record.completesAt)}</span>
      </label>
    </li>
  );
}

const options = (list: readonly DiagnosisOptionView[]) => list.map((o) => <option key={o.id} value={o.id}>{o.label}</option>);
