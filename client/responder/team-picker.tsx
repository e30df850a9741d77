/** For a responder without a team: pick one, or wait for the facilitator to assign you. */
import { useState } from 'preact/hooks';
import type { LobbyState } from '../../server/protocol/views.ts';
import { ROLE_LABELS } from '../components/role-labels.ts';

export function TeamPicker(props: { lobby: LobbyState; youId: string; onChoose: (teamId: string) => Promise<boolean> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const choose = async (teamId: string) => {
    setBusy(teamId);
    await props.onChoose(teamId);
    setBusy(null);
  };
  return (
    <main class="page-center">
      <section class="card wide" aria-labelledby="pick-heading" data-testid="team-picker">
        <h1 id="pick-heading">Pick your team</h1>
        <p class="muted">Or wait here: the facilitator can put you in a team. Each team works its own copy of the incident.</p>
        <ul class="team-choices">
          {props.lobby.teams.map((team) => {
            const members = props.lobby.players.filter((p) => p.teamId === team.id);
            return (
              <li key={team.id} class="team-choice">
                <div class="team-choice-head">
                  <strong>{team.name}</strong>
                  <span class="muted small">{members.length} {members.length === 1 ? 'responder' : 'responders'}</span>
                </div>
                <ul class="member-list">
                  {members.length === 0 && <li class="muted small">Nobody yet</li>}
                  {members.map((m) => (
                    <li key={m.id} class={m.connected ? '' : 'offline'}>
                      {m.name}{m.role && <span class="muted small"> · {ROLE_LABELS[m.role]}</span>}
                    </li>
                  ))}
                </ul>
                <button type="button" class="btn btn-primary" disabled={busy !== null} onClick={() => choose(team.id)}>
                  {busy === team.id ? 'Joining…' : `Join ${team.name}`}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </main>
  );
}
