/**
 * `/host/:code`: the facilitator's console. Attaches with the host secret this browser stored at
 * creation, on every (re)connection; the lobby view becomes mission control once the clock starts.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DebriefLinks, HostSnapshot, JoinLinks } from '../../server/protocol/views.ts';
import type { ClockControl, HostInjectRequest } from '../../server/protocol/payloads.ts';
import { formatJoinCode, normalizeJoinCode } from '../../server/protocol/join-code.ts';
import type { PageProps } from '../routes.ts';
import { advanceTo, receiveClock, type LocalClock } from '../lib/clock.ts';
import { applyHostChat, applyHostDeltas } from '../lib/merge-delta.ts';
import { errorText, request, type AppSocket } from '../lib/socket.ts';
import { useSocket } from '../lib/use-socket.ts';
import { useSimNow } from '../lib/use-sim-clock.ts';
import { useNotices } from '../lib/use-notices.ts';
import { hostSecretFor } from '../lib/storage.ts';
import { Link } from '../router/link.tsx';
import { TopBar } from '../components/top-bar.tsx';
import { ConnectionBanner } from '../components/connection-banner.tsx';
import { SimClock } from '../components/sim-clock.tsx';
import { SessionEndedBanner } from '../components/session-ended-banner.tsx';
import { NoticeStack } from '../components/notice-toast.tsx';
import { JoinPanel, TeamsBoard } from '../host/lobby-panel.tsx';
import { ClockControls } from '../host/clock-controls.tsx';
import { InjectPanel } from '../host/inject-panel.tsx';
import { RewindControl } from '../host/rewind-control.tsx';
import { MissionControl } from '../host/mission-control.tsx';
import { RealTimelinePanel } from '../host/truth-panel.tsx';
import { ProblemPage } from '../components/problem-page.tsx';
import { ModeBadge } from '../components/mode-choice.tsx';
import { adoptCoHostKey, CoHostPanel } from '../host/co-host.tsx';
import { BriefingPanel } from '../host/briefing-panel.tsx';
import { DisguisePanel } from '../host/disguise-panel.tsx';
import { DisguiseBadge } from '../components/disguise-choice.tsx';
import { describePending, pendingMilestones } from '../host/pending-milestones.ts';
import { BranchPanel } from '../host/branch-panel.tsx';
import { BranchOf } from '../branch/branch-mark.tsx';
import { formatHhmm } from '../lib/format.ts';
import type { BranchedSession } from '../../server/protocol/events.ts';

export default function HostPage(props: PageProps) {
  const normal = normalizeJoinCode(props.params.code ?? '');
  const code = normal ? formatJoinCode(normal) : (props.params.code ?? '');
  adoptCoHostKey(code);
  const secret = hostSecretFor(code);
  const [snapshot, setSnapshot] = useState<HostSnapshot | null>(null);
  const [clock, setClock] = useState<LocalClock | null>(null);
  const [fatal, setFatal] = useState<string | null>(secret ? null : 'This browser does not hold the host key for this session. Open the host console from the browser that created it.');
  const [ended, setEnded] = useState<DebriefLinks | null>(null);
  // Only attach and resync answers carry them; pushed snapshots keep the last ones.
  const [joinLinks, setJoinLinks] = useState<JoinLinks | null>(null);
  const { notices, push, dismiss } = useNotices();

  const adopt = useCallback((snap: HostSnapshot) => {
    setSnapshot(snap);
    if (snap.joinLinks) setJoinLinks(snap.joinLinks);
    setClock(receiveClock(snap.clock, Date.now()));
  }, []);

  const attach = useCallback(async (socket: AppSocket) => {
    if (!secret) return;
    try {
      const ack = await request(socket, 'host:attach', { code, hostSecret: secret });
      if (ack.ok) {
        setFatal(null);
        adopt(ack.snapshot);
      } else {
        setFatal(ack.error);
      }
    } catch (err) {
      push('warning', `Could not attach yet: ${errorText(err)}`);
    }
  }, [code, secret]);

  const { socket, connection, attempts } = useSocket(attach);

  useEffect(() => {
    socket.on('session:clock', (c) => {
      setClock(receiveClock(c, Date.now()));
      setSnapshot((s) => (s ? { ...s, clock: c } : s));
    });
    // The lobby carries team names: a rename reaches the team columns too.
    socket.on('session:lobby', (lobby) => setSnapshot((s) => (s ? {
      ...s, lobby, teams: s.teams.map((t) => ({ ...t, team: lobby.teams.find((l) => l.id === t.team.id) ?? t.team })),
    } : s)));
    socket.on('session:snapshot', (snap) => { if (snap.kind === 'host') adopt(snap); });
    socket.on('host:delta', (deltas) => {
      setSnapshot((s) => (s ? applyHostDeltas(s, deltas) : s));
      const t = Math.max(...deltas.map((d) => d.t));
      if (Number.isFinite(t)) setClock((c) => (c ? advanceTo(c, t, Date.now()) : c));
    });
    socket.on('host:chat', (message) => setSnapshot((s) => (s ? applyHostChat(s, message) : s)));
    socket.on('session:ended', (links) => setEnded(links));
    socket.on('session:notice', (n) => push(n.level, n.text));
    // Rewound worlds are not deltas: take the whole state again (every host console, co-hosts too).
    socket.on('team:rewound', () => {
      void request(socket, 'session:resync', {}).then((ack) => { if (ack.ok && ack.snapshot.kind === 'host') adopt(ack.snapshot); }, () => {});
    });
  }, [socket]);

  const now = useSimNow(clock);

  const control = async (c: ClockControl): Promise<boolean> => {
    try {
      const ack = await request(socket, 'host:clock', c);
      if (!ack.ok) {
        push('error', ack.error);
        return false;
      }
      setClock(receiveClock(ack.clock, Date.now()));
      return true;
    } catch (err) {
      push('error', errorText(err));
      return false;
    }
  };

  const move = async (playerId: string, teamId: string | null) => {
    try {
      const ack = await request(socket, 'host:move-player', { playerId, teamId });
      if (!ack.ok) push('error', ack.error);
    } catch (err) {
      push('error', errorText(err));
    }
  };

  const rename = async (teamId: string, name: string): Promise<boolean> => {
    try {
      const ack = await request(socket, 'host:rename-team', { teamId, name });
      if (!ack.ok) push('error', ack.error);
      return ack.ok;
    } catch (err) {
      push('error', errorText(err));
      return false;
    }
  };

  const inject = async (req: HostInjectRequest): Promise<boolean> => {
    try {
      const ack = await request(socket, 'host:inject', req);
      if (!ack.ok) {
        push('error', ack.error);
        return false;
      }
      push('info', `Inject delivered to ${ack.delivered} team${ack.delivered === 1 ? '' : 's'}`);
      return true;
    } catch (err) {
      push('error', errorText(err));
      return false;
    }
  };

  const rewind = async (teamId: string | null, to: string): Promise<boolean> => {
    try {
      const ack = await request(socket, 'host:rewind', { teamId, to });
      if (!ack.ok) {
        push('error', ack.error);
        return false;
      }
      setClock(receiveClock(ack.clock, Date.now()));
      const who = teamId === null ? 'Every team' : (snapshot?.lobby.teams.find((t) => t.id === teamId)?.name ?? teamId);
      push('info', `${who} rewound to ${to}. The session is paused: resume when you are ready.`);
      return true;
    } catch (err) {
      push('error', errorText(err));
      return false;
    }
  };

  const branchFrom = async (teamId: string, at: string): Promise<BranchedSession> => {
    const ack = await request(socket, 'host:branch', { teamId, at });
    if (!ack.ok) throw new Error(ack.error);
    const { ok: _ok, ...branch } = ack;
    return branch;
  };

  if (fatal && !snapshot) {
    return (
      <ProblemPage title={`Cannot open the host console for ${code}`}>
        <p class="muted">{fatal}</p>
        <div class="button-row">
          <Link href="/" class="btn btn-primary">Create a session</Link>
          <Link href={`/join/${code}`} class="btn">Join as a responder</Link>
        </div>
      </ProblemPage>
    );
  }

  const status = clock?.state.status;
  // Read aloud beside the join code: never the answer, and in a disguised session in the aliases.
  const lobbyBriefing = snapshot?.disguise ? snapshot.disguise.briefing : snapshot?.scenario.briefing;
  // A branch opens paused with nobody in it yet: its code and QR come first, unfolded.
  const joinDetails = snapshot && (
    <details class="panel join-details" open={snapshot.branch !== undefined}>
      <summary>{snapshot.branch ? 'Join link & QR code for this branch' : 'Join link & QR code for latecomers'}</summary>
      <JoinPanel code={code} joinUrl={snapshot.joinUrl} joinLinks={joinLinks ?? undefined} large={false} />
    </details>
  );
  return (
    <div class="page">
      <TopBar
        context={snapshot && (
          <>
            {/* The lobby is on the projector: a disguised session shows its fictional title there. */}
            <span class="context-title">{status === 'lobby' && snapshot.disguise ? snapshot.disguise.title : snapshot.scenario.title}</span>
            <span class="badge badge-host">Facilitator</span>
            <ModeBadge mode={snapshot.mode} />
            <DisguiseBadge disguised={snapshot.disguise !== undefined} />
            <BranchOf branch={snapshot.branch} />
            <span class="mono muted">{code}</span>
          </>
        )}
      >
        {clock && now !== null && <SimClock clock={clock.state} now={now} large />}
      </TopBar>
      <ConnectionBanner connection={connection} attempts={attempts} />
      {snapshot?.branch && status === 'paused' && (
        <div class="banner banner-info" role="status" data-testid="branch-banner">
          A new session from {snapshot.lobby.teams[0]?.name ?? 'the team'}'s world at {formatHhmm(snapshot.branch.at)}, carried over and marked inherited; the clock is paused there.
          Let responders join with the code {code}, then resume.
        </div>
      )}
      {snapshot && (ended !== null || status === 'ended') && <SessionEndedBanner links={ended} sessionId={snapshot.sessionId} />}
      {!snapshot && <main class="page-center" aria-busy="true"><p class="muted">Attaching to the session…</p></main>}
      {snapshot && clock && now !== null && status === 'lobby' && (
        <main class="host-lobby">
          <h1 class="sr-only">Facilitator console: lobby</h1>
          <JoinPanel code={code} joinUrl={snapshot.joinUrl} joinLinks={joinLinks ?? undefined} large />
          <div class="host-lobby-side">
            {lobbyBriefing && <BriefingPanel briefing={lobbyBriefing} open />}
            <ClockControls clock={clock.state} now={now} onControl={control} />
            <TeamsBoard lobby={snapshot.lobby} onMove={move} onRename={rename} />
            {secret && <CoHostPanel code={code} secret={secret} />}
          </div>
        </main>
      )}
      {snapshot && clock && now !== null && status !== 'lobby' && (
        <main class="host-console">
          <h1 class="sr-only">Facilitator console: mission control</h1>
          <aside class="host-side">
            {snapshot.branch && joinDetails}
            <ClockControls clock={clock.state} now={now} onControl={control} pending={pendingMilestones(snapshot).map(describePending)} />
            {snapshot.scenario.briefing && <BriefingPanel briefing={snapshot.scenario.briefing} open={false} answer={snapshot.scenario.briefing.doNotReveal} />}
            {snapshot.disguise && <DisguisePanel disguise={snapshot.disguise} />}
            <InjectPanel scenario={snapshot.scenario} teams={snapshot.teams} disabled={status === 'ended'} onSend={inject} />
            {status !== 'ended' && <RewindControl teams={snapshot.lobby.teams} clock={clock.state} now={now} disabled={false} onRewind={rewind} />}
            <BranchPanel teams={snapshot.lobby.teams} now={now} create={branchFrom} />
            <RealTimelinePanel scenario={snapshot.scenario} now={now} />
            <TeamsBoard lobby={snapshot.lobby} onMove={move} />
            {secret && <CoHostPanel code={code} secret={secret} />}
            {!snapshot.branch && joinDetails}
          </aside>
          <MissionControl snapshot={snapshot} now={now} onInject={inject} />
        </main>
      )}
      <NoticeStack notices={notices} onDismiss={dismiss} />
    </div>
  );
}
