/**
 * The public status page as customers see it: what the team has published (its runbook's `comms`
 * actions), whether the page itself is reachable (an "up" signal about the status page, if the
 * scenario has one), and the composer for the next update.
 */
import { useState } from 'preact/hooks';
import type { ActionRecord, PublicScenario, Runbook, Sample } from '../../server/protocol/views.ts';
import { formatHhmm } from '../lib/format.ts';
import { latestValue } from '../lib/series.ts';
import { CommandForm } from './command-form.tsx';
import { statusLine, textParam } from './param-field.tsx';
import type { TeamCommands } from './team-commands.ts';

export function StatusPageWidget(props: {
  scenario: PublicScenario;
  runbook: Runbook;
  actions: ActionRecord[];
  samples: Sample[];
  commands: TeamCommands;
  disabled: boolean;
}) {
  const { scenario, samples } = props;
  const comms = props.runbook.actions.filter((a) => a.kind === 'comms');
  const [chosen, setChosen] = useState(comms[0]?.id ?? '');
  const spec = comms.find((a) => a.id === chosen);
  const updates = props.actions
    .filter((a) => comms.some((c) => c.id === a.action))
    .sort((a, b) => b.requestedAt - a.requestedAt || b.entry - a.entry);
  const published = updates.filter((u) => u.status === 'done');
  const lastLine = (u: ActionRecord) => { const s = comms.find((c) => c.id === u.action); return s ? statusLine(s.params, u.params) : null; };
  const reachability = scenario.signals.filter((s) => s.unit === 'up' && /status/i.test(`${s.id} ${s.label} ${s.panel}`));

  return (
    <section class="panel status-page" aria-labelledby="status-heading">
      <header class="panel-head">
        <h2 id="status-heading">Public status page</h2>
        {reachability.map((s) => {
          const v = latestValue(samples, s.id);
          const up = v === null || v >= 0.5;
          return <span key={s.id} class={`badge ${up ? 'badge-ok' : 'badge-critical'}`} title={s.label}>{up ? 'page reachable' : 'page unreachable'}</span>;
        })}
      </header>
      <div class="panel-body">
        <div class={`status-banner ${published.length > 0 ? 'status-incident' : 'status-operational'}`} data-testid="status-banner">
          {published.length > 0 ? `Incident reported — ${lastLine(published[0]!) ?? 'investigating'}` : 'All Systems Operational'}
        </div>
        {published.length === 0 && <p class="muted small">Customers see no incident until your team posts an update.</p>}
        <ol class="status-updates" data-testid="status-updates" tabIndex={0} aria-label="Published updates">
          {updates.map((u) => {
            const s = comms.find((c) => c.id === u.action);
            const text = s ? textParam(s.params, u.params) : null;
            return (
              <li key={u.entry} class={u.status === 'done' ? 'published' : 'publishing'}>
                <span class="mono small">{u.status === 'done' ? formatHhmm(u.effectiveAt) : `publishing at ${formatHhmm(u.effectiveAt)}`}</span>
                {s && statusLine(s.params, u.params) && <p class="small"><strong>{statusLine(s.params, u.params)}</strong></p>}
                <p>{text ?? s?.title ?? u.action}</p>
              </li>
            );
          })}
        </ol>
        {comms.length > 1 && (
          <label class="field">
            <span>Channel</span>
            <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
              {comms.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </select>
          </label>
        )}
        {spec && (
          <div data-testid="status-composer">
            <CommandForm key={spec.id} id={`comms-${spec.id}`} params={spec.params} submitLabel="Post update" disabled={props.disabled}
              onSubmit={(params) => props.commands.act(spec.id, params)} />
          </div>
        )}
      </div>
    </section>
  );
}
