/**
 * In a team's column of mission control, once the server says the team is stuck (impact on, no new
 * lead for a while, every investigation run: server/engine/stuck.ts): how long, why, and a hint to
 * send from there, with its price. A hint the team already had asks before it goes again.
 */
import { useState } from 'preact/hooks';
import type { HostScenario, StuckState, TeamInfo } from '../../server/protocol/views.ts';
import type { HostInjectRequest } from '../../server/protocol/payloads.ts';
import { formatHhmm } from '../lib/format.ts';
import { alreadyReceived, injectDeliveries, type TeamFeed } from './inject-status.ts';
import { ResendQuestion } from './inject-panel.tsx';
import './stuck-team.css';

const CUSTOM = 'custom';

export function StuckTeam(props: {
  scenario: HostScenario;
  team: TeamInfo;
  world: TeamFeed['world'] & { stuck?: StuckState | null };
  /** The team's own sim time. */
  now: number;
  disabled: boolean;
  onSend: (req: HostInjectRequest) => Promise<boolean>;
}) {
  const { stuck } = props.world;
  const self: TeamFeed[] = [{ team: props.team, world: props.world }];
  const hints = props.scenario.injects.filter((i) => i.hint);
  const fresh = hints.find((h) => alreadyReceived(injectDeliveries(h.id, self), null).length === 0);
  const [choice, setChoice] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (!stuck) return null;

  const chosenId = choice ?? fresh?.id ?? hints[0]?.id ?? CUSTOM;
  const chosen = hints.find((h) => h.id === chosenId);
  const again = chosen ? alreadyReceived(injectDeliveries(chosen.id, self), null) : [];
  const quiet = Math.max(0, Math.floor((props.now - stuck.quietSince) / 60));
  const price = props.scenario.hintPenalty;

  const send = async () => {
    setBusy(true);
    const ok = await props.onSend(chosen
      ? { teamId: props.team.id, injectId: chosen.id }
      : { teamId: props.team.id, title: 'Hint', text: text.trim(), hint: true });
    setBusy(false);
    setConfirming(false);
    if (ok) {
      setChoice(null);
      setText('');
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    if (again.length > 0) setConfirming(true);
    else void send();
  };
  const fieldId = `stuck-hint-${props.team.id}`;

  return (
    <section class="stuck-team" aria-label={`${props.team.name} is stuck`} data-testid={`stuck-${props.team.id}`}>
      <p class="stuck-head" role="status">
        <strong>Stuck since <span class="mono">{formatHhmm(stuck.since)}</span></strong>: no new lead for {quiet} min
        (the last at <span class="mono">{formatHhmm(stuck.quietSince)}</span>), the impact goes on, and it has run every one of its {stuck.investigations} investigations.
      </p>
      <form class="stuck-hint" onSubmit={submit}>
        <label class="field" for={fieldId}>
          <span>Hint</span>
          <select id={fieldId} value={chosenId} disabled={busy || props.disabled} onChange={(e) => { setChoice(e.currentTarget.value); setConfirming(false); }} data-testid={`stuck-hint-${props.team.id}`}>
            {hints.map((h) => {
              const sent = injectDeliveries(h.id, self)[0]?.at ?? [];
              return <option key={h.id} value={h.id}>{h.title}{sent.length > 0 ? ` (sent ${sent.map(formatHhmm).join(', ')})` : ''}</option>;
            })}
            <option value={CUSTOM}>Write your own…</option>
          </select>
        </label>
        {chosen ? <p class="stuck-hint-text small">{chosen.text}</p> : (
          <label class="field">
            <span>Your hint</span>
            <textarea rows={2} maxLength={2000} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
        )}
        {!confirming && (
          <button type="submit" class="btn btn-warning" disabled={busy || props.disabled}>
            Send hint to {props.team.name} (costs {price} points)
          </button>
        )}
        {confirming && chosen && (
          <ResendQuestion title={chosen.title} received={again} busy={busy} everyTeam={false} onSend={() => void send()} onCancel={() => setConfirming(false)} />
        )}
      </form>
    </section>
  );
}
