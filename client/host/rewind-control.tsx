/**
 * Mission control's rewind: one team or every team back to an earlier sim time, for a teaching
 * moment. Asks for confirmation first and says what happens (docs/scoring.md "Rewinds").
 */
import { useState } from 'preact/hooks';
import type { ClockState, TeamInfo } from '../../server/protocol/views.ts';
import { formatHhmm, formatHhmmss, parseHhmm } from '../lib/format.ts';

export function RewindControl(props: {
  teams: TeamInfo[];
  clock: ClockState;
  /** The session clock now (each team reads it minus its lag). */
  now: number;
  disabled: boolean;
  onRewind: (teamId: string | null, to: string) => Promise<boolean>;
}) {
  const [teamId, setTeamId] = useState('');
  const [to, setTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const team = props.teams.find((t) => t.id === teamId);
  const who = team ? team.name : 'every team';
  // The latest time the chosen teams have all reached: a rewind can only go back from there.
  const lags = props.clock.teamLags ?? {};
  const chosen = team ? [team.id] : props.teams.map((t) => t.id);
  const reached = Math.min(...chosen.map((id) => props.now - (lags[id] ?? 0)));
  const target = parseHhmm(to);
  const problem = to.trim() === '' ? null
    : target === null ? 'Write the time as HH:MM (UTC), e.g. 12:00.'
    : target < props.clock.start ? `The scenario starts at ${formatHhmm(props.clock.start)}.`
    : target >= reached ? `Pick a time before ${formatHhmmss(reached)}, where ${who === 'every team' ? 'the teams are' : `${who} is`}.`
    : null;

  const rewind = async () => {
    setBusy(true);
    const ok = await props.onRewind(team ? team.id : null, to.trim());
    setBusy(false);
    setConfirming(false);
    if (ok) setTo('');
  };

  return (
    <section class="panel" aria-labelledby="rewind-heading" data-testid="rewind-control">
      <header class="panel-head"><h2 id="rewind-heading">Rewind</h2></header>
      <div class="panel-body">
        <p class="muted small">
          Take a team back to an earlier moment to look again. What it did after that time stops counting but stays in the
          log; the debrief shows it faded. The session pauses; resume when you are ready.
        </p>
        <div class="control-row">
          <label class="inline-field">
            <span>Team</span>
            <select value={teamId} disabled={busy} onChange={(e) => { setTeamId(e.currentTarget.value); setConfirming(false); }} data-testid="rewind-team">
              <option value="">All teams</option>
              {props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
          <label class="inline-field">
            <span>To (UTC)</span>
            <input type="text" inputMode="numeric" size={6} placeholder="HH:MM" value={to} disabled={busy}
              aria-invalid={problem !== null} aria-describedby="rewind-problem"
              onInput={(e) => { setTo(e.currentTarget.value); setConfirming(false); }} data-testid="rewind-to" />
          </label>
          {!confirming && (
            <button type="button" class="btn btn-warning" disabled={busy || props.disabled || target === null || problem !== null}
              onClick={() => setConfirming(true)}>Rewind…</button>
          )}
        </div>
        <p id="rewind-problem" class="warn-text small" aria-live="polite">{problem}</p>
        {confirming && target !== null && (
          <div class="confirm-box" role="group" aria-label="Confirm the rewind" data-testid="rewind-confirm">
            <p>
              Rewind <strong>{who}</strong> to <strong>{formatHhmm(target)}</strong> UTC? Everything {who} did after{' '}
              {formatHhmm(target)} stops counting{team && props.teams.length > 1 ? `, and ${who}'s clock then runs behind the other teams'` : ''}.
              The session pauses.
            </p>
            <div class="button-row">
              <button type="button" class="btn btn-warning" disabled={busy} onClick={() => void rewind()}>Rewind {who} to {formatHhmm(target)}</button>
              <button type="button" class="btn" disabled={busy} onClick={() => setConfirming(false)}>Cancel</button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
