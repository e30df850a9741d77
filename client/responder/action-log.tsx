/** The team's log: what was asked, when, and where it stands. Teammates' commands appear live. */
import type { ActionRecord, InheritedMark, InvestigationRecord, Runbook } from '../../server/protocol/views.ts';
import { findingId } from '../../server/engine/finding-id.ts';
import { formatHhmm } from '../lib/format.ts';
import { describeParams, textParam } from './param-field.tsx';
import { InheritedTag } from '../branch/branch-mark.tsx';

type Row =
  | { kind: 'action'; at: number; entry: number; record: ActionRecord & InheritedMark }
  | { kind: 'investigation'; at: number; entry: number; record: InvestigationRecord & InheritedMark };

export function ActionLog(props: { runbook: Runbook; actions: (ActionRecord & InheritedMark)[]; investigations: (InvestigationRecord & InheritedMark)[] }) {
  const { runbook } = props;
  const rows: Row[] = [
    ...props.actions.map((r): Row => ({ kind: 'action', at: r.requestedAt, entry: r.entry, record: r })),
    ...props.investigations.map((r): Row => ({ kind: 'investigation', at: r.requestedAt, entry: r.entry, record: r })),
  ].sort((a, b) => b.at - a.at || b.entry - a.entry);

  return (
    <section class="panel" aria-labelledby="log-heading">
      <header class="panel-head">
        <h2 id="log-heading">Action log</h2>
        <span class="muted small">{rows.length} {rows.length === 1 ? 'entry' : 'entries'}</span>
      </header>
      <div class="panel-body">
        {rows.length === 0 && <p class="empty">Nothing done yet. Investigations and actions your team takes show up here.</p>}
        <ol class="log-list" data-testid="action-log">
          {rows.map((row) => (row.kind === 'action' ? <ActionRow key={`a${row.entry}`} runbook={runbook} record={row.record} /> : (
            <InvestigationRow key={`i${row.entry}`} runbook={runbook} record={row.record} />
          )))}
        </ol>
      </div>
    </section>
  );
}

function ActionRow(props: { runbook: Runbook; record: ActionRecord & InheritedMark }) {
  const { record } = props;
  const spec = props.runbook.actions.find((a) => a.id === record.action);
  // A status update shows its message once, quoted; other actions list their parameters.
  const isUpdate = spec?.kind === 'comms';
  const text = spec && isUpdate ? textParam(spec.params, record.params) : null;
  const params = spec && !isUpdate ? describeParams(spec.params, record.params) : '';
  const done = record.status === 'done';
  return (
    <li class="log-row" data-status={done ? 'done' : 'pending'}>
      <span class="log-time mono">{formatHhmm(record.requestedAt)}</span>
      <div class="log-main">
        <div>
          <span class="log-kind">{isUpdate ? 'Status update' : 'Action'}</span>{' '}
          <strong>{spec?.title ?? record.action}</strong>
          {params && <span class="muted"> · {params}</span>}
          <InheritedTag item={record} />
        </div>
        {text && <div class="log-text">“{text}”</div>}
        <div class={`log-status ${done ? 'ok' : 'pending'}`}>
          {done ? `In effect since ${formatHhmm(record.effectiveAt)}` : `Pending — takes effect ${formatHhmm(record.effectiveAt)}`}
        </div>
        {record.outcome && <div class="log-outcome">{record.outcome}</div>}
      </div>
    </li>
  );
}

function InvestigationRow(props: { runbook: Runbook; record: InvestigationRecord & InheritedMark }) {
  const { record } = props;
  const spec = props.runbook.investigations.find((i) => i.id === record.investigation);
  const params = spec ? describeParams(spec.params, record.params) : '';
  const done = record.status === 'complete';
  const status = record.status === 'cancelled'
    ? `Cancelled ${formatHhmm(record.cancelledAt ?? record.requestedAt)}: it returned nothing`
    : done ? `Complete ${formatHhmm(record.completesAt)} — see ${findingId(record.entry)} on the evidence board` : `Running — results at ${formatHhmm(record.completesAt)}`;
  return (
    <li class="log-row" data-status={record.status === 'running' ? 'pending' : 'done'}>
      <span class="log-time mono">{formatHhmm(record.requestedAt)}</span>
      <div class="log-main">
        <div>
          <span class="log-kind">Investigation</span> <strong>{spec?.title ?? record.investigation}</strong>
          {params && <span class="muted"> · {params}</span>}
          <InheritedTag item={record} />
        </div>
        <div class={`log-status ${record.status === 'running' ? 'pending' : record.status === 'complete' ? 'ok' : 'cancelled'}`}>{status}</div>
      </div>
    </li>
  );
}
