/** `/join/:code`: a name and an optional role. The team is picked on the next screen (or assigned by the host). */
import { useEffect, useState } from 'preact/hooks';
import { TEAM_ROLES, type TeamRole } from '../../server/protocol/views.ts';
import { formatJoinCode, normalizeJoinCode } from '../../server/protocol/join-code.ts';
import type { PageProps } from '../routes.ts';
import { errorText, request } from '../lib/socket.ts';
import { useSocket } from '../lib/use-socket.ts';
import { lastDisplayName, playerTokenFor, saveDisplayName, savePlayerToken } from '../lib/storage.ts';
import { navigate } from '../router/navigate.ts';
import { Link } from '../router/link.tsx';
import { TopBar } from '../components/top-bar.tsx';
import { ConnectionBanner } from '../components/connection-banner.tsx';
import { ROLE_LABELS } from '../components/role-labels.ts';
import { ProblemPage } from '../components/problem-page.tsx';

export default function JoinPage(props: PageProps) {
  const normal = normalizeJoinCode(props.params.code ?? '');
  const code = normal ? formatJoinCode(normal) : null;
  const [name, setName] = useState(lastDisplayName);
  const [role, setRole] = useState<TeamRole | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { socket, connection, attempts } = useSocket(() => undefined);

  // Already seated in this session on this browser: go straight back to the console.
  useEffect(() => {
    if (code && playerTokenFor(code)) navigate(`/play/${code}`, { replace: true });
  }, [code]);

  if (!code) {
    return (
      <ProblemPage title="That is not a join code">
        <p class="muted">A join code has 6 characters, like <span class="mono">K7QX-2M</span>.</p>
        <Link href="/" class="btn">Enter a code</Link>
      </ProblemPage>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Type the name your teammates know you by.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ack = await request(socket, 'player:join', { code, name: trimmed, teamId: null, role: role === '' ? null : role });
      if (!ack.ok) throw new Error(ack.error);
      savePlayerToken(code, ack.playerToken);
      saveDisplayName(trimmed);
      navigate(`/play/${code}`, { replace: true });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <TopBar context={<span class="mono">Session {code}</span>} />
      <ConnectionBanner connection={connection} attempts={attempts} />
      <main class="page-center">
        <form class="card narrow" onSubmit={submit} aria-labelledby="join-title">
          <h1 id="join-title">Join session <span class="mono accent">{code}</span></h1>
          <label class="field">
            <span>Display name</span>
            <input type="text" autoComplete="nickname" maxLength={40} required value={name} autoFocus
              onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Role <span class="muted">(optional — a team of one does everything)</span></span>
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as TeamRole | '')}>
              <option value="">No particular role</option>
              {TEAM_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          </label>
          {error && <p class="error" role="alert">{error}</p>}
          <button type="submit" class="btn btn-primary btn-large" disabled={busy || connection !== 'online'}>
            {busy ? 'Joining…' : 'Join'}
          </button>
          <p class="muted small">Next you pick a team, or wait for the facilitator to put you in one.</p>
        </form>
      </main>
    </div>
  );
}
