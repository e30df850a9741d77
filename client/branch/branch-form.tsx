/**
 * "Try another path from here": pick a team and a sim time; the server starts a new session whose
 * team holds exactly that team's world at that time, clock paused. Shared by the debrief (team and
 * time follow the team shown and the scrubber) and mission control (team and "HH:MM" picked).
 * The server judges the time (it must lie within what was played): its refusal is shown as worded.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BranchedSession } from '../../server/protocol/events.ts';
import type { TeamInfo } from '../../server/protocol/views.ts';
import { errorText } from '../lib/socket.ts';
import { formatHhmm, parseHhmm } from '../lib/format.ts';
import { openBranchHostConsole } from './branch-api.ts';
import './branch.css';

export function BranchForm(props: {
  teams: readonly TeamInfo[];
  teamId: string;
  /** Sim seconds the time field starts at, and follows until the reader types in it (the scrubber, the live clock). */
  at: number;
  create: (teamId: string, at: string) => Promise<BranchedSession>;
}) {
  // Folded until asked for: on neither page is it the main task.
  const [open, setOpen] = useState(false);
  const [teamId, setTeamId] = useState(props.teamId);
  const [typed, setTyped] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setTeamId(props.teamId), [props.teamId]);
  const time = typed ?? formatHhmm(props.at);

  const team = props.teams.find((t) => t.id === teamId);
  const submit = async (e: Event) => {
    e.preventDefault();
    const at = parseHhmm(time);
    if (at === null) {
      setError('Write the time as HH:MM in UTC, e.g. 12:00.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      openBranchHostConsole(await props.create(teamId, formatHhmm(at)));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div class="branch-box no-print" data-testid="branch-box">
      <button type="button" class="btn btn-small" aria-expanded={open} aria-controls="branch-form" onClick={() => { setOpen(!open); setTyped(null); setError(null); }} data-testid="branch-open">
        Try another path from here…
      </button>
      {open && (
        <form id="branch-form" class="branch-form" onSubmit={submit} aria-label="Try another path from here" data-testid="branch-form">
          <p class="muted small">
            A new session starts where {team?.name ?? 'the team'} stood at {time || '…'} UTC: the same world, its evidence, leads and chat carried over
            and marked inherited, the clock paused. You host it; anyone with its join code plays it.
          </p>
          <div class="branch-fields">
            <label class="inline-field">
              <span>Team</span>
              <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)} data-testid="branch-team">
                {props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </label>
            <label class="inline-field">
              <span>At (UTC)</span>
              <input type="text" class="mono branch-time" inputMode="numeric" maxLength={5} placeholder="HH:MM" value={time}
                aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'branch-error' : undefined}
                onInput={(e) => { setTyped(e.currentTarget.value); setError(null); }} data-testid="branch-time" />
            </label>
            <button type="submit" class="btn btn-primary btn-small" disabled={busy || !team}>{busy ? 'Creating…' : 'Create the branch'}</button>
          </div>
          {error && <p id="branch-error" class="error small" role="alert" data-testid="branch-error">{error}</p>}
        </form>
      )}
    </div>
  );
}
