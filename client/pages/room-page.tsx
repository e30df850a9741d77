/**
 * `/room/:code`: the screen to project. The clock and its progress, each team's headline, the
 * leaderboard by the debrief's score so far, injects as they land, the join QR while the lobby is
 * open. Everything is at least 18 px at 1920×1080, and nothing here is the truth.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RoomView } from '../../server/protocol/views.ts';
import type { PageProps } from '../routes.ts';
import { progressOf, receiveClock, type LocalClock } from '../lib/clock.ts';
import { useSimNow } from '../lib/use-sim-clock.ts';
import { formatHhmm, formatHhmmss } from '../lib/format.ts';
import { errorText } from '../lib/socket.ts';
import { JoinQr } from '../host/join-qr.tsx';
import { ProblemPage } from '../components/problem-page.tsx';
import { fetchRoomView } from '../room/room-api.ts';
import { RoomTeamCard } from '../room/room-team-card.tsx';

const POLL_MS = 2000;

export default function RoomPage(props: PageProps) {
  const code = props.params.code ?? '';
  const [view, setView] = useState<RoomView | null>(null);
  const [clock, setClock] = useState<LocalClock | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchRoomView(code, abort.signal);
        setView(next);
        setClock(receiveClock(next.clock, Date.now()));
        setError(null);
      } catch (err) {
        if (abort.signal.aborted) return;
        setError(errorText(err));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => { abort.abort(); clearTimeout(timer); };
  }, [code]);

  const now = useSimNow(clock, 500);

  if (!view && error) {
    return <ProblemPage title={`No room screen for ${code}`}><p class="muted">{error}</p></ProblemPage>;
  }
  if (!view || !clock || now === null) return <main class="page-center" aria-busy="true"><p class="muted">Opening the room screen…</p></main>;

  const pct = Math.round(progressOf(clock.state, now) * 100);
  const leaderboard = [...view.teams].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return (
    <div class="room page">
      <header class="room-head">
        <h1>{view.scenario.title}</h1>
        <div class="room-clock" data-testid="room-clock">
          <span class="room-clock-time mono" role="timer" aria-label="Simulated time, UTC">{formatHhmmss(now)} <small>UTC</small></span>
          <span class="room-clock-range mono">{formatHhmm(clock.state.start)}–{formatHhmm(clock.state.end)}</span>
          <progress max={100} value={pct} aria-label="Scenario progress" aria-valuetext={`${pct}%`} />
          <span class={`status-pill status-${clock.state.status}`}>{clock.state.status === 'lobby' ? 'Not started' : clock.state.status}</span>
        </div>
      </header>
      {error && <p class="banner banner-warning" role="status">Reconnecting: {error}</p>}
      <main class="room-main">
        {view.joinUrl && (
          <section class="room-join" aria-label="How to join" data-testid="room-join">
            <JoinQr url={view.joinUrl} size={320} />
            <div>
              <p>Scan, or open <strong class="mono">{view.joinUrl}</strong></p>
              <p>Code <strong class="room-code mono">{view.code}</strong></p>
            </div>
          </section>
        )}
        <section class="room-teams" aria-label="Teams">
          {view.teams.map((t) => <RoomTeamCard key={t.id} team={t} spark={view.sparkline} />)}
        </section>
        <aside class="room-side">
          <section aria-labelledby="leaderboard-heading">
            <h2 id="leaderboard-heading">Leaderboard</h2>
            <ol class="room-leaderboard" data-testid="room-leaderboard">
              {leaderboard.map((t) => <li key={t.id}><span class="room-rank">#{t.rank}</span> <span>{t.name}</span> <span class="mono">{Math.round(t.score)}</span></li>)}
            </ol>
            <p class="room-note">Score so far, as the debrief computes it.</p>
          </section>
          <section aria-labelledby="injects-heading">
            <h2 id="injects-heading">Injects</h2>
            {view.injects.length === 0 ? <p class="muted">None yet</p> : (
              <ol class="room-injects" data-testid="room-injects">
                {view.injects.map((i) => <li key={`${i.at}-${i.title}`}><span class="mono">{formatHhmm(i.at)}</span> <strong>{i.title}</strong><p>{i.text}</p></li>)}
              </ol>
            )}
          </section>
        </aside>
      </main>
    </div>
  );
}
