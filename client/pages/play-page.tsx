/**
 * `/play/:code`: the responder's page. Resumes the seat with the stored player token on every
 * (re)connection, then folds clock, lobby, deltas and chat into the snapshot.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DebriefLinks, TeamRole, TeamSnapshot } from '../../server/protocol/views.ts';
import { formatJoinCode, normalizeJoinCode } from '../../server/protocol/join-code.ts';
import type { PageProps } from '../routes.ts';
import { advanceTo, receiveClock, teamClock, type LocalClock } from '../lib/clock.ts';
import type { RewoundNotice } from '../../server/protocol/events.ts';
import { RewindBanner } from '../responder/rewind-banner.tsx';
import { applyTeamDelta, mergeChat } from '../lib/merge-delta.ts';
import { errorText, request, requestWithRetry, type AppSocket } from '../lib/socket.ts';
import { useSocket } from '../lib/use-socket.ts';
import { useSimNow } from '../lib/use-sim-clock.ts';
import { useNotices } from '../lib/use-notices.ts';
import { newClientActionId } from '../lib/client-ids.ts';
import { forgetPlayerToken, playerTokenFor } from '../lib/storage.ts';
import { navigate } from '../router/navigate.ts';
import { Link } from '../router/link.tsx';
import { TopBar } from '../components/top-bar.tsx';
import { ConnectionBanner } from '../components/connection-banner.tsx';
import { SimClock } from '../components/sim-clock.tsx';
import { SessionEndedBanner } from '../components/session-ended-banner.tsx';
import { NoticeStack } from '../components/notice-toast.tsx';
import { ConsoleSkipLinks, ResponderConsole } from '../responder/responder-console.tsx';
import { TeamPicker } from '../responder/team-picker.tsx';
import { RoleSelect } from '../responder/role-select.tsx';
import type { TeamCommands } from '../responder/team-commands.ts';
import { ProblemPage } from '../components/problem-page.tsx';
import { ModeBadge } from '../components/mode-choice.tsx';
import { DisguiseBadge } from '../components/disguise-choice.tsx';
import { AlertNotifyToggle, useTitleCount } from '../responder/alert-notifier.tsx';
import { firingAlerts } from '../lib/alerts.ts';
import { BranchOf } from '../branch/branch-mark.tsx';

export default function PlayPage(props: PageProps) {
  const normal = normalizeJoinCode(props.params.code ?? '');
  const code = normal ? formatJoinCode(normal) : (props.params.code ?? '');
  const [snapshot, setSnapshot] = useState<TeamSnapshot | null>(null);
  const [clock, setClock] = useState<LocalClock | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [ended, setEnded] = useState<DebriefLinks | null>(null);
  const [rewound, setRewound] = useState<RewoundNotice | null>(null);
  const { notices, push, dismiss } = useNotices();

  const token = playerTokenFor(code);
  useEffect(() => {
    if (!token) navigate(`/join/${code}`, { replace: true });
  }, [token]);

  // The seat's team, readable from socket handlers without re-binding them.
  const teamId = useRef<string | null>(null);
  const adopt = useCallback((snap: TeamSnapshot) => {
    teamId.current = snap.team?.id ?? null;
    setSnapshot(snap);
    setClock(receiveClock(teamClock(snap.clock, teamId.current), Date.now()));
  }, []);

  const resume = useCallback(async (socket: AppSocket) => {
    if (!token) return;
    try {
      const ack = await request(socket, 'player:resume', { code, playerToken: token });
      if (ack.ok) {
        setFatal(null);
        adopt(ack.snapshot);
      } else {
        setFatal(ack.error);
      }
    } catch (err) {
      push('warning', `Could not resume your seat yet: ${errorText(err)}`);
    }
  }, [code, token]);

  const { socket, connection, attempts } = useSocket(resume);

  const resync = useCallback(async (s: AppSocket) => {
    try {
      const ack = await request(s, 'session:resync', {});
      if (ack.ok && ack.snapshot.kind === 'team') adopt(ack.snapshot);
    } catch {
      // The next reconnect or delta tries again.
    }
  }, []);

  useEffect(() => {
    // Our team's own time: it runs behind the session clock once the host rewound it alone.
    socket.on('session:clock', (c) => setClock(receiveClock(teamClock(c, teamId.current), Date.now())));
    // The fresh snapshot that follows carries the rewound world; this only says why it jumped.
    socket.on('team:rewound', (notice) => setRewound(notice));
    socket.on('session:lobby', (lobby) => setSnapshot((s) => {
      if (!s) return s;
      const you = lobby.players.find((p) => p.id === s.you.id) ?? s.you;
      const team = s.team && (lobby.teams.find((t) => t.id === s.team?.id) ?? s.team);
      return { ...s, lobby, you, team };
    }));
    socket.on('session:snapshot', (snap) => { if (snap.kind === 'team') adopt(snap); });
    socket.on('team:delta', (delta) => {
      // A delta for another team means our seat changed under us: fetch the whole state again.
      if (delta.teamId !== teamId.current) {
        void resync(socket);
        return;
      }
      setSnapshot((s) => (s ? applyTeamDelta(s, delta) : s));
      setClock((c) => (c ? advanceTo(c, delta.t, Date.now()) : c));
    });
    socket.on('team:chat', (message) => setSnapshot((s) => (s ? { ...s, chat: mergeChat(s.chat, message) } : s)));
    socket.on('session:ended', (links) => setEnded(links));
    socket.on('session:notice', (n) => push(n.level, n.text));
  }, [socket]);

  const now = useSimNow(clock);
  const firing = snapshot?.world ? firingAlerts(snapshot.world.feed).length : 0;
  useTitleCount(firing, `${code} · Incident Tabletop`);

  // One place that turns an acknowledgement into feedback for the person who clicked.
  const command = useCallback(async (run: () => Promise<{ ok: boolean; error?: string }>, success: string): Promise<boolean> => {
    try {
      const ack = await run();
      if (!ack.ok) {
        push('error', ack.error ?? 'Refused');
        return false;
      }
      if (success) push('info', success);
      return true;
    } catch (err) {
      push('error', errorText(err));
      return false;
    }
  }, []);

  const commands = useMemo<TeamCommands>(() => ({
    investigate: (investigation, params) => command(() => requestWithRetry(socket, 'team:investigate', { clientActionId: newClientActionId(), investigation, params }), 'Investigation started'),
    act: (action, params) => command(() => requestWithRetry(socket, 'team:act', { clientActionId: newClientActionId(), action, params }), 'Action requested'),
    cancel: (entry) => command(() => requestWithRetry(socket, 'team:cancel', { clientActionId: newClientActionId(), entry }), 'Investigation cancelled'),
    // The acknowledgement says it was recorded, never whether it is right.
    diagnose: (claim) => command(() => requestWithRetry(socket, 'team:diagnose', { clientActionId: newClientActionId(), ...claim }), 'Diagnosis recorded'),
    chat: (text, pinned) => command(() => requestWithRetry(socket, 'team:chat', { clientActionId: newClientActionId(), text, pinned }), ''),
  }), [socket]);

  const chooseTeam = (teamId: string) => command(async () => {
    const ack = await request(socket, 'player:choose-team', { teamId });
    // The server pushes a snapshot for the new seat; ask as well in case it crossed our ack.
    if (ack.ok) await resync(socket);
    return ack;
  }, '');

  const setRole = (role: TeamRole | null) => command(() => request(socket, 'player:set-role', { role }), 'Role updated');

  const rejoin = () => {
    forgetPlayerToken(code);
    navigate(`/join/${code}`, { replace: true });
  };

  if (fatal) {
    return (
      <ProblemPage title="Your seat could not be restored">
        <p class="muted">{fatal}</p>
        <div class="button-row">
          <button type="button" class="btn btn-primary" onClick={rejoin}>Join again</button>
          <Link href="/" class="btn">Back to the start</Link>
        </div>
      </ProblemPage>
    );
  }

  const sessionEnded = ended !== null || clock?.state.status === 'ended';
  return (
    <div class="page app-shell">
      {snapshot?.team && snapshot.world && <ConsoleSkipLinks />}
      <TopBar
        context={snapshot && (
          <>
            <span class="context-title">{snapshot.scenario.title}</span>
            <span class="context-team">
              <span data-testid="team-name">{snapshot.team?.name ?? 'No team yet'}</span>
              <span class="context-sep"> · </span>
              <span class="you" data-testid="you">{snapshot.you.name}</span>
            </span>
            <ModeBadge mode={snapshot.mode} />
            <DisguiseBadge disguised={snapshot.disguised === true} />
            <BranchOf branch={snapshot.branch} />
            <span class="mono muted context-code">{code}</span>
          </>
        )}
      >
        {snapshot?.world && (
          <span class={`badge ${firing > 0 ? 'badge-critical' : 'badge-ok'}`} data-testid="top-firing">{firing > 0 ? `${firing} firing` : 'none firing'}</span>
        )}
        {snapshot?.world && <AlertNotifyToggle feed={snapshot.world.feed} />}
        {snapshot && <RoleSelect role={snapshot.you.role} onChange={setRole} />}
        {clock && now !== null && <SimClock clock={clock.state} now={now} />}
      </TopBar>
      <ConnectionBanner connection={connection} attempts={attempts} />
      {snapshot && sessionEnded && <SessionEndedBanner links={ended} sessionId={snapshot.sessionId} teamId={snapshot.team?.id ?? null} />}
      {snapshot && clock?.state.status === 'lobby' && snapshot.team && (
        <div class="banner banner-info" role="status">Waiting for the facilitator to start the clock. Look around: dashboards fill in once it runs.</div>
      )}
      {snapshot && rewound && clock?.state.status !== 'ended' && (
        <RewindBanner notice={rewound} paused={clock?.state.status === 'paused'} onDismiss={() => setRewound(null)} />
      )}
      {snapshot && clock?.state.status === 'paused' && (
        <div class="banner banner-paused" role="status">The facilitator paused the clock.</div>
      )}
      {!snapshot && <main class="page-center" aria-busy="true"><p class="muted">Restoring your seat…</p></main>}
      {snapshot && !snapshot.team && <TeamPicker lobby={snapshot.lobby} youId={snapshot.you.id} onChoose={chooseTeam} />}
      {snapshot && snapshot.team && snapshot.world && clock && now !== null && (
        <ResponderConsole scenario={snapshot.scenario} clock={clock.state} now={now} world={snapshot.world}
          chat={snapshot.chat} youId={snapshot.you.id} players={snapshot.lobby.players.filter((p) => p.teamId === snapshot.team?.id)} commands={commands} />
      )}
      <NoticeStack notices={notices} onDismiss={dismiss} />
    </div>
  );
}
