/**
 * The team's responders, as PagerDuty lists who is on an incident: each one free or busy, with what
 * and until when, and a cancel button on a running investigation (any teammate may stop one).
 */
import type { Responder } from './attention.ts';
import { formatHhmm } from '../lib/format.ts';

export function OnCallPanel(props: { responders: readonly Responder[]; now: number; disabled: boolean; onCancel: (entry: number) => void }) {
  const busy = props.responders.filter((r) => r.task).length;
  return (
    <section class="panel" aria-labelledby="on-call-heading" data-testid="on-call">
      <header class="panel-head">
        <h2 id="on-call-heading">On call</h2>
        <span class="muted small">{busy} of {props.responders.length} busy</span>
      </header>
      <ul class="panel-body on-call-list">
        {props.responders.map((r) => (
          <li key={r.id} class="on-call-row" data-testid="responder" data-busy={r.task ? 'true' : 'false'}>
            <span class={`presence ${r.connected ? 'on' : 'off'}`} aria-hidden="true" />
            <span class="on-call-name">{r.name}{r.you && <span class="muted"> (you)</span>}</span>
            {r.task ? (
              <span class="on-call-task">
                <span class="badge badge-busy">busy</span>{' '}
                <span>{r.task.title}</span>{' '}
                <span class="muted small mono">until {formatHhmm(r.task.until)} ({Math.max(1, Math.ceil((r.task.until - props.now) / 60))} min)</span>
              </span>
            ) : <span class="badge badge-ok">free</span>}
            {r.task?.kind === 'investigation' && (
              <button type="button" class="btn btn-small" disabled={props.disabled} onClick={() => props.onCancel(r.task!.entry)}
                aria-label={`Cancel ${r.task.title}, run by ${r.you ? 'you' : r.name}`}>Cancel</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The console's one-line reminder when the player's own hands are full. */
export function BusyNote(props: { you: Responder | undefined }) {
  const task = props.you?.task;
  if (!task) return null;
  return (
    <p class="busy-note" role="status" data-testid="you-busy">
      You are busy with “{task.title}” until {formatHhmm(task.until)}. {task.kind === 'investigation' ? 'Cancel it, or ask a teammate.' : 'Ask a teammate meanwhile.'}
    </p>
  );
}
