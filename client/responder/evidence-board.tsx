/**
 * Evidence the team uncovered, newest first, then the leads it pointed to as compact chips (what
 * was found, when, and by what): the findings are what a responder reads, so they come first and
 * are never pushed out of sight by a long list of leads. Each finding carries its id (F12): a
 * diagnosis cites findings by it. A running investigation says who runs it and can be cancelled.
 * Some of it is a red herring, as on the day.
 */
import type { ConsoleObservation, InheritedMark, InvestigationRecord, LeadView, RunbookInvestigation, TeamObservation } from '../../server/protocol/views.ts';
import { findingId } from '../../server/engine/finding-id.ts';
import { formatHhmm } from '../lib/format.ts';
import { describeParams } from './param-field.tsx';
import { InheritedTag } from '../branch/branch-mark.tsx';
import './runbook.css';

export function EvidenceBoard(props: {
  world: ConsoleObservation<TeamObservation>;
  now: number;
  /** Player names by id: who runs what. */
  names: ReadonlyMap<string, string>;
  youId: string;
  /** Absent: no cancel buttons (the clock is not running). */
  onCancel?: (entry: number) => void;
}) {
  const { world } = props;
  const items = [...world.investigations].sort((a, b) => b.completesAt - a.completesAt || b.entry - a.entry);
  const complete = items.filter((i) => i.status === 'complete').length;
  return (
    <section class="panel" aria-labelledby="evidence-heading">
      <header class="panel-head">
        <h2 id="evidence-heading">Evidence board</h2>
        <span class="muted small">{complete} finding{complete === 1 ? '' : 's'}</span>
      </header>
      <div class="panel-body evidence-grid" data-testid="evidence-board">
        {items.length === 0 && <p class="empty">Run an investigation from the runbook: its findings land here.</p>}
        {items.filter((i) => i.status !== 'cancelled').map((record) => (
          <EvidenceCard key={record.entry} specs={world.runbook.investigations} record={record} now={props.now}
            runBy={record.by === undefined ? null : record.by === props.youId ? 'you' : props.names.get(record.by) ?? 'a former teammate'} onCancel={props.onCancel} />
        ))}
        {world.leads.length > 0 && <LeadList leads={world.leads} />}
      </div>
    </section>
  );
}

/** The leads found so far, oldest first, as chips: each with when and what revealed it. */
export function LeadList(props: { leads: readonly (LeadView & InheritedMark)[] }) {
  return (
    <div class="lead-block">
      <h3 class="lead-heading" id="leads-heading">Leads <span class="muted">({props.leads.length})</span></h3>
      <ul class="lead-list" data-testid="leads" aria-labelledby="leads-heading">
        {[...props.leads].sort((a, b) => a.at - b.at).map((l) => (
          // What revealed it is a hover away (and read out), so a chip stays one short line.
          <li key={l.id} class="lead-chip" data-testid="lead" title={`Found ${formatHhmm(l.at)} by ${l.source}`}>
            <span class={`badge lead-kind kind-${l.kind}`}>{l.kind}</span>
            <strong>{l.label}</strong> <span class="muted mono">{formatHhmm(l.at)}</span><span class="sr-only">, found by {l.source}</span><InheritedTag item={l} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function EvidenceCard(props: {
  specs: readonly RunbookInvestigation[];
  record: InvestigationRecord & InheritedMark;
  now: number;
  runBy: string | null;
  onCancel: ((entry: number) => void) | undefined;
}) {
  const { record, now } = props;
  const id = findingId(record.entry);
  const spec = props.specs.find((i) => i.id === record.investigation);
  const params = spec ? describeParams(spec.params, record.params) : '';
  const title = spec?.title ?? record.investigation;
  if (record.status !== 'complete' || !record.evidence) {
    const span = Math.max(1, record.completesAt - record.requestedAt);
    const done = Math.min(span, Math.max(0, now - record.requestedAt));
    return (
      <article class="evidence-card running" aria-busy="true" data-testid="running-investigation">
        <header><strong>{title}</strong>{params && <span class="muted"> · {params}</span>}</header>
        <progress max={span} value={done} aria-label={`${title}: progress`} />
        <p class="muted small evidence-running">
          <span>Running since {formatHhmm(record.requestedAt)}{props.runBy ? ` by ${props.runBy}` : ''} — results at {formatHhmm(record.completesAt)}</span>
          {props.onCancel && (
            <button type="button" class="btn btn-small" onClick={() => props.onCancel!(record.entry)} aria-label={`Cancel ${title}${params ? ` (${params})` : ''}`}>Cancel</button>
          )}
        </p>
      </article>
    );
  }
  const { evidence } = record;
  return (
    <article class="evidence-card" data-testid="evidence-card" aria-label={`Finding ${id}: ${title}`}>
      <header>
        <span class="finding-id mono" data-testid="finding-id">{id}</span>
        <strong>{title}</strong>
        {params && <span class="muted"> · {params}</span>}
        <InheritedTag item={record} />
        <span class="evidence-time mono">{formatHhmm(record.completesAt)}</span>
      </header>
      <p class="evidence-summary">{evidence.summary}</p>
      {evidence.detail && <p class="evidence-detail">{evidence.detail}</p>}
      {evidence.table && (
        // Focusable: a wide table scrolls sideways in the narrow findings column, and keyboard users must reach it.
        <div class="table-wrap" tabIndex={0} role="region" aria-label={`${title}: evidence table`}>
          <table class="evidence-table">
            <thead><tr>{evidence.table.columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {evidence.table.rows.map((row, r) => (
                <tr key={r}>{row.map((cell, c) => <td key={c} class={typeof cell === 'number' ? 'num' : undefined}>{String(cell)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
