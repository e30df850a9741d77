/**
 * `/room/:code`: the screen to project, laid out for the screen it is on. The clock large; the
 * join QR while the lobby is open; a card per team filling the width (1–12 teams); the injects
 * every team received. No score, rank or verdict while the session runs: the ranking appears
 * when it ends (from the debrief). Text scales with the viewport and is never under 28 px at
 * 1920×1080. Nothing here is the truth; a disguised session shows only its aliases until the end.
 */
import { useEffect, useState } from 'preact/hooks';
import type { RoomRank, RoomView } from '../../server/protocol/views.ts';
import type { PageProps } from '../routes.ts';
import { progressOf, receiveClock, type LocalClock } from '../lib/clock.ts';
import { useSimNow } from '../lib/use-sim-clock.ts';
import { formatHhmm, formatHhmmss } from '../lib/format.ts';
import { errorText } from '../lib/socket.ts';
import { JoinQr } from '../host/join-qr.tsx';
import { ProblemPage } from '../components/problem-page.tsx';
import { DisguiseBadge } from '../components/disguise-choice.tsx';
import { fetchRoomView } from '../room/room-api.ts';
import { roomColumns, roomRows } from '../room/room-layout.ts';
import { RoomTeamCard } from '../room/room-team-card.tsx';
import '../room/room.css';

const POLL_MS = 2000;
/** The newest injects fit one row at the bottom of the screen. */
const INJECTS_SHOWN = 3;
/** The reveal names the title and the first aliases; the debrief lists them all. */
const ALIASES_SHOWN = 6;

const STATUS_TEXT: Record<RoomView['clock']['status'], string> = { lobby: 'Not started', running: 'Running', paused: 'Paused', ended: 'Ended' };

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
  const results = new Map<string, RoomRank>((view.ranking ?? []).map((r) => [r.teamId, r]));
  // Once ranked, the cards read in order of place.
  const teams = view.ranking ? [...view.teams].sort((a, b) => (results.get(a.id)?.rank ?? 99) - (results.get(b.id)?.rank ?? 99)) : view.teams;
  const grid = `--room-cols: ${roomColumns(teams.length)}; --room-rows: ${roomRows(teams.length)}`;
  return (
    <div class={`room${view.joinUrl ? ' room-lobby' : ''}`} style={grid}>
      <header class="room-head">
        <div class="room-title">
          <h1>{view.scenario.title}</h1>
          <p class="room-sub">
            <span>Code <strong class="mono">{view.code}</strong></span>
            <DisguiseBadge disguised={view.disguised} />
            <span class={`status-pill status-${clock.state.status}`} data-testid="room-status">{STATUS_TEXT[clock.state.status]}</span>
          </p>
        </div>
        <div class="room-clock" data-testid="room-clock">
          <span class="room-clock-time mono" role="timer" aria-label="Simulated time, UTC">{formatHhmmss(now)} <small>UTC</small></span>
          <span class="room-clock-range mono">{formatHhmm(clock.state.start)}–{formatHhmm(clock.state.end)}</span>
          <progress max={100} value={pct} aria-label="Scenario progress" aria-valuetext={`${pct}%`} />
        </div>
      </header>
      {error && <p class="banner banner-warning room-banner" role="status">Reconnecting: {error}</p>}
      <main class="room-main">
        {view.joinUrl && (
          <section class="room-join" aria-label="How to join" data-testid="room-join">
            <JoinQr url={view.joinUrl} size={280} />
            <div>
              <p>Scan, or open <strong class="mono">{view.joinUrl}</strong></p>
              <p>Code <strong class="room-code mono">{view.code}</strong></p>
            </div>
          </section>
        )}
        {view.ranking && <h2 class="room-final" data-testid="room-final">Final ranking, from the debrief</h2>}
        <section class="room-teams" aria-label="Teams" data-testid="room-teams">
          {teams.map((t) => <RoomTeamCard key={t.id} team={t} spark={view.sparkline} now={now} result={results.get(t.id) ?? null} />)}
        </section>
        {view.reveal ? (
          <section class="room-news" aria-labelledby="reveal-heading" data-testid="room-reveal">
            <h2 id="reveal-heading">The disguise</h2>
            <p>“{view.reveal.title}” was {view.reveal.realTitle}: {view.reveal.aliases.slice(0, ALIASES_SHOWN).map((a) => `${a.alias} = ${a.real}`).join(', ')}{view.reveal.aliases.length > ALIASES_SHOWN ? ', and more in the debrief' : ''}.</p>
          </section>
        ) : (
          <section class="room-news" aria-labelledby="injects-heading">
            <h2 id="injects-heading">Injects</h2>
            {view.injects.length === 0 ? <p class="muted">None yet</p> : (
              <ol class="room-injects" data-testid="room-injects">
                {view.injects.slice(0, INJECTS_SHOWN).map((i) => <li key={`${i.at}-${i.title}`}><span class="mono">{formatHhmm(i.at)}</span> <strong>{i.title}</strong> {i.text}</li>)}
              </ol>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
