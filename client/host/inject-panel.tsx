/**
 * Fire an inject from the scenario's library or write one, to one team or all; hints cost points.
 * Each library inject says when it arrives by itself and where it has gone (per team, when); sending
 * one to a team that already received it asks first, so nobody gets "Executive on the bridge" twice
 * by a slip of the hand.
 */
import { useState } from 'preact/hooks';
import type { HostScenario } from '../../server/protocol/views.ts';
import type { HostInjectRequest } from '../../server/protocol/payloads.ts';
import { formatHhmm } from '../lib/format.ts';
import { alreadyReceived, describeReceived, injectDeliveries, type InjectDelivery, type TeamFeed } from './inject-status.ts';
import './inject-panel.css';

export function InjectPanel(props: { scenario: HostScenario; teams: readonly TeamFeed[]; disabled: boolean; onSend: (req: HostInjectRequest) => Promise<boolean> }) {
  const library = props.scenario.injects;
  const [source, setSource] = useState<string>(library[0]?.id ?? 'custom');
  const [teamId, setTeamId] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [hint, setHint] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const chosen = library.find((i) => i.id === source);
  const target = teamId === '' ? null : teamId;
  const again = chosen ? alreadyReceived(injectDeliveries(chosen.id, props.teams), target) : [];

  const send = async () => {
    setBusy(true);
    const ok = await props.onSend(chosen ? { teamId: target, injectId: chosen.id } : { teamId: target, title: title.trim(), text: text.trim(), hint });
    setBusy(false);
    setConfirming(false);
    if (ok && !chosen) {
      setTitle('');
      setText('');
      setHint(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (again.length > 0) setConfirming(true);
    else void send();
  };
  const choose = (next: string) => { setSource(next); setConfirming(false); };

  return (
    <section class="panel" aria-labelledby="inject-heading">
      <header class="panel-head"><h2 id="inject-heading">Injects</h2></header>
      <form class="panel-body" onSubmit={submit} data-testid="inject-panel">
        <fieldset class="inject-library">
          <legend>Inject</legend>
          <ul>
            {library.map((i) => (
              <li key={i.id} class={source === i.id ? 'chosen' : undefined}>
                <label class="inject-choice">
                  <input type="radio" name="inject" value={i.id} checked={source === i.id} onChange={() => choose(i.id)} aria-describedby={`inject-status-${i.id}`} />
                  <span class="inject-title">{i.hint && <span class="tag tag-hint">HINT</span>} {i.title}</span>
                </label>
                <span id={`inject-status-${i.id}`} class="inject-status small" data-testid={`inject-status-${i.id}`}>
                  {i.at && <span class="inject-when">arrives by itself at {i.at}</span>}
                  {i.skipTo && <span class="inject-when">skips the clock to {i.skipTo}</span>}
                  <DeliveryList deliveries={injectDeliveries(i.id, props.teams)} />
                </span>
              </li>
            ))}
            <li class={source === 'custom' ? 'chosen' : undefined}>
              <label class="inject-choice">
                <input type="radio" name="inject" value="custom" checked={source === 'custom'} onChange={() => choose('custom')} />
                <span class="inject-title">Write your own…</span>
              </label>
            </li>
          </ul>
        </fieldset>
        {chosen ? (
          <blockquote class="inject-preview">
            <strong>{chosen.title}</strong>
            <p>{chosen.text}</p>
            {chosen.hint && <span class="tag tag-hint">HINT — costs the team {props.scenario.hintPenalty} points</span>}
            {chosen.skipTo && <span class="tag" data-testid="inject-skip">Moves the clock to {chosen.skipTo} for every team</span>}
          </blockquote>
        ) : (
          <>
            <label class="field">
              <span>Title</span>
              <input type="text" maxLength={120} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>Text</span>
              <textarea rows={3} maxLength={2000} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            <label class="checkbox">
              <input type="checkbox" checked={hint} onChange={(e) => setHint(e.currentTarget.checked)} /> This is a hint (costs {props.scenario.hintPenalty} points)
            </label>
          </>
        )}
        <div class="control-row">
          <label class="inline-field">
            <span>To</span>
            <select value={teamId} onChange={(e) => { setTeamId(e.currentTarget.value); setConfirming(false); }}>
              <option value="">All teams</option>
              {props.teams.map(({ team }) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </label>
          {!confirming && <button type="submit" class="btn btn-primary" disabled={busy || props.disabled}>Send inject</button>}
        </div>
        {confirming && chosen && (
          <ResendQuestion title={chosen.title} received={again} busy={busy} everyTeam={target === null && props.teams.length > again.length}
            onSend={() => void send()} onCancel={() => setConfirming(false)} />
        )}
      </form>
    </section>
  );
}

/** "Team 1 · 11:42" for each team that has it, "Team 2 · not yet" for the others. */
export function DeliveryList(props: { deliveries: readonly InjectDelivery[] }) {
  return (
    <span class="inject-teams">
      {props.deliveries.map((d) => (
        <span key={d.teamId} class={`inject-team${d.at.length > 0 ? ' sent' : ''}`}>
          {d.teamName} · {d.at.length > 0 ? `sent ${d.at.map(formatHhmm).join(', ')}` : 'not yet'}
        </span>
      ))}
    </span>
  );
}

/** Asked before an inject reaches a team a second time. */
export function ResendQuestion(props: { title: string; received: readonly InjectDelivery[]; everyTeam: boolean; busy: boolean; onSend: () => void; onCancel: () => void }) {
  return (
    <div class="confirm-box" role="group" aria-label="Send it again?" data-testid="inject-resend-confirm">
      <p>
        <strong>{props.title}</strong> already reached {describeReceived(props.received)}.
        {props.everyTeam ? ' Send it to every team anyway? Those teams (and the room) would get it a second time.' : ' Send it again? The team (and the room) would get it a second time.'}
      </p>
      <div class="button-row">
        <button type="button" class="btn btn-warning" disabled={props.busy} onClick={props.onSend}>Send it again</button>
        <button type="button" class="btn" disabled={props.busy} onClick={props.onCancel}>Cancel</button>
      </div>
    </div>
  );
}
