/**
 * What the projector shows before the start: the code in large type, the link and a QR code,
 * and who is in which team. The host moves people with a select per player (keyboard-friendly)
 * and, in the lobby, renames a team in place.
 */
import { useState } from 'preact/hooks';
import type { JoinLinks, LobbyState, PlayerInfo, TeamInfo } from '../../server/protocol/views.ts';
import { ROLE_LABELS } from '../components/role-labels.ts';
import { JoinQr } from './join-qr.tsx';

export function JoinPanel(props: { code: string; joinUrl: string; joinLinks?: JoinLinks; large: boolean }) {
  return (
    <section class={`join-panel${props.large ? ' large' : ''}`} aria-label="How to join">
      <JoinQr url={props.joinUrl} size={props.large ? 240 : 132} />
      <div class="join-text">
        <span class="muted">Join at</span>
        <a class="join-url mono" href={props.joinUrl} data-testid="join-url">{props.joinUrl}</a>
        <span class="muted">or enter the code</span>
        <span class="join-code mono" data-testid="join-code">{props.code}</span>
        {props.joinLinks && <JoinLinksNote links={props.joinLinks} />}
      </div>
    </section>
  );
}

/** Why the link is not the address in this browser's bar, and what else to try. */
function JoinLinksNote(props: { links: JoinLinks }) {
  const { source, alternatives } = props.links;
  return (
    <div class="join-note small" data-testid="join-note">
      {source === 'network-address' && <p>You opened this page on localhost, which phones cannot reach: the link and QR code use this machine's network address instead.</p>}
      {source === 'loopback-only' && <p class="warn-text">This server only listens on this machine: phones cannot join. Restart it with <code>HOST=0.0.0.0</code> or set <code>PUBLIC_URL</code>.</p>}
      {alternatives.length > 0 && (
        <details>
          <summary>Other addresses of this machine</summary>
          <ul class="plain-list">{alternatives.map((u) => <li key={u}><a class="mono" href={u}>{u}</a></li>)}</ul>
        </details>
      )}
    </div>
  );
}

/** `onRename` only in the lobby: once the clock runs the names stay put on the projector. */
export function TeamsBoard(props: { lobby: LobbyState; onMove: (playerId: string, teamId: string | null) => void; onRename?: (teamId: string, name: string) => Promise<boolean> }) {
  const { lobby } = props;
  const unassigned = lobby.players.filter((p) => p.teamId === null);
  return (
    <section class="panel" aria-labelledby="teams-heading">
      <header class="panel-head">
        <h2 id="teams-heading">Teams</h2>
        <span class="muted small" data-testid="player-count">{lobby.players.length} responder{lobby.players.length === 1 ? '' : 's'}</span>
      </header>
      <div class="panel-body teams-board" data-testid="teams-board">
        {lobby.teams.map((team) => (
          <div key={team.id} class="team-box">
            {props.onRename ? <RenamableTeamName team={team} onRename={props.onRename} /> : <h3>{team.name}</h3>}
            <PlayerList players={lobby.players.filter((p) => p.teamId === team.id)} lobby={lobby} onMove={props.onMove} />
          </div>
        ))}
        <div class="team-box unassigned">
          <h3>Waiting for a team</h3>
          <PlayerList players={unassigned} lobby={lobby} onMove={props.onMove} />
        </div>
      </div>
    </section>
  );
}

/** The team's heading with a Rename button that turns it into a one-line form (Escape cancels). */
function RenamableTeamName(props: { team: TeamInfo; onRename: (teamId: string, name: string) => Promise<boolean> }) {
  const { team } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (draft === null) {
    return (
      <div class="team-name-row">
        <h3>{team.name}</h3>
        <button type="button" class="link-btn small" aria-label={`Rename ${team.name}`} onClick={() => setDraft(team.name)}>Rename</button>
      </div>
    );
  }
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const done = await props.onRename(team.id, draft);
    setBusy(false);
    if (done) setDraft(null);
  };
  return (
    <form class="team-rename" onSubmit={save} onKeyDown={(e) => { if (e.key === 'Escape') setDraft(null); }}>
      <label class="sr-only" for={`rename-${team.id}`}>New name for {team.name}</label>
      <input id={`rename-${team.id}`} type="text" maxLength={40} required value={draft} autoFocus
        onInput={(e) => setDraft(e.currentTarget.value)} />
      <button type="submit" class="btn btn-small btn-primary" disabled={busy || draft.trim() === ''}>Save</button>
      <button type="button" class="btn btn-small" onClick={() => setDraft(null)}>Cancel</button>
    </form>
  );
}

function PlayerList(props: { players: PlayerInfo[]; lobby: LobbyState; onMove: (playerId: string, teamId: string | null) => void }) {
  if (props.players.length === 0) return <p class="muted small">Nobody</p>;
  return (
    <ul class="player-list">
      {props.players.map((p) => (
        <li key={p.id} class={p.connected ? '' : 'offline'}>
          <span class={`presence ${p.connected ? 'on' : 'off'}`} title={p.connected ? 'Connected' : 'Disconnected'} aria-hidden="true" />
          <span class="player-who">
            <span class="player-name">{p.name}</span>
            {p.role && <span class="muted small">{ROLE_LABELS[p.role]}</span>}
            {!p.connected && <span class="sr-only">(disconnected)</span>}
          </span>
          <label class="sr-only" for={`move-${p.id}`}>Move {p.name} to</label>
          <select id={`move-${p.id}`} class="move-select" value={p.teamId ?? ''}
            onChange={(e) => props.onMove(p.id, e.currentTarget.value === '' ? null : e.currentTarget.value)}>
            {props.lobby.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            <option value="">No team</option>
          </select>
        </li>
      ))}
    </ul>
  );
}
