/** `/`: host a new session (scenario, teams, speed, seed) or join one with a code. */
import { useEffect, useState } from 'preact/hooks';
import type { LateJoinerPolicy, ScenarioSummary } from '../../server/protocol/views.ts';
import { normalizeJoinCode, formatJoinCode } from '../../server/protocol/join-code.ts';
import { createSession, fetchScenarios } from '../lib/api.ts';
import { errorText } from '../lib/socket.ts';
import { saveHostSecret } from '../lib/storage.ts';
import { navigate } from '../router/navigate.ts';
import { TopBar } from '../components/top-bar.tsx';
import { ScenarioCard } from '../components/scenario-card.tsx';
import { formatDuration } from '../lib/format.ts';
import { ModeChoice } from '../components/mode-choice.tsx';
import { DisguiseChoice } from '../components/disguise-choice.tsx';
import { DEFAULT_SESSION_MODE, type SessionMode } from '../../server/protocol/session-mode.ts';

const SPEEDS = [1, 2, 5, 10, 15, 20, 30, 60];

export default function LandingPage() {
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const [teamCount, setTeamCount] = useState(2);
  const [speed, setSpeed] = useState(10);
  const [seed, setSeed] = useState('');
  const [lateJoiners, setLateJoiners] = useState<LateJoinerPolicy>('assigned');
  const [mode, setMode] = useState<SessionMode>(DEFAULT_SESSION_MODE);
  const [disguise, setDisguise] = useState(false);
  // Optional names, one per team; an empty one keeps "Team N".
  const [teamNames, setTeamNames] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetchScenarios(abort.signal).then(
      (list) => {
        setScenarios(list);
        setScenarioId((current) => current ?? list[0]?.id ?? null);
      },
      (err: unknown) => { if (!abort.signal.aborted) setListError(errorText(err)); },
    );
    return () => abort.abort();
  }, []);

  const chosen = scenarios?.find((s) => s.id === scenarioId) ?? null;

  const host = async (e: Event) => {
    e.preventDefault();
    if (!chosen) return;
    const seedValue = seed.trim() === '' ? undefined : Number(seed);
    if (seedValue !== undefined && (!Number.isInteger(seedValue) || seedValue < 0 || seedValue > 0xffffffff)) {
      setCreateError('The seed is a whole number between 0 and 4294967295, or empty for the scenario default.');
      return;
    }
    setCreating(true);
    setCreateError(null);
    try {
      const names = Array.from({ length: teamCount }, (_, i) => teamNames[i]?.trim() || `Team ${i + 1}`);
      const named = names.some((n, i) => n !== `Team ${i + 1}`);
      const disguised = disguise && chosen.disguisable;
      const created = await createSession({
        scenarioId: chosen.id, teamCount, speed, lateJoiners, mode, ...(disguised ? { disguise: true } : {}),
        ...(seedValue !== undefined ? { seed: seedValue } : {}), ...(named ? { teamNames: names } : {}),
      });
      saveHostSecret(created.code, created.hostSecret);
      navigate(`/host/${formatJoinCode(normalizeJoinCode(created.code) ?? created.code)}`);
    } catch (err) {
      setCreateError(errorText(err));
      setCreating(false);
    }
  };

  const join = (e: Event) => {
    e.preventDefault();
    const normal = normalizeJoinCode(code);
    if (!normal) {
      setCodeError('A join code has 6 characters, like K7QX-2M.');
      return;
    }
    navigate(`/join/${formatJoinCode(normal)}`);
  };

  return (
    <div class="page">
      <TopBar />
      <main class="landing">
        <section class="landing-intro">
          <h1>Run a live incident, together.</h1>
          <p class="muted">
            Teams work a faithful simulation of a real outage with the signals on-call engineers saw on the day:
            investigate, mitigate, communicate, diagnose — then compare against what really happened.
          </p>
        </section>

        <div class="landing-grid">
          <form class="card" onSubmit={host} aria-labelledby="host-heading">
            <h2 id="host-heading">Host a session</h2>
            <fieldset class="scenario-list">
              <legend>Scenario</legend>
              {!scenarios && !listError && <p class="muted" aria-busy="true">Loading scenarios…</p>}
              {listError && <p class="error" role="alert">{listError}</p>}
              {scenarios?.length === 0 && <p class="muted">No scenario is installed on this server.</p>}
              {scenarios?.map((s) => (
                <ScenarioCard key={s.id} scenario={s} selected={s.id === scenarioId} onSelect={() => setScenarioId(s.id)} />
              ))}
            </fieldset>

            <ModeChoice value={mode} onChange={setMode} />
            <DisguiseChoice scenario={chosen} value={disguise} onChange={setDisguise} />

            <div class="form-row">
              <label class="field">
                <span>Teams</span>
                <input type="number" min={1} max={12} step={1} value={teamCount} required
                  onInput={(e) => setTeamCount(Math.min(12, Math.max(1, Number(e.currentTarget.value) || 1)))} />
              </label>
              <label class="field">
                <span>Speed</span>
                <select value={speed} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
                  {SPEEDS.map((v) => <option key={v} value={v}>{v}× {v === 1 ? '(real time)' : ''}</option>)}
                </select>
              </label>
              <label class="field">
                <span>Seed <span class="muted">(optional)</span></span>
                <input type="text" inputMode="numeric" pattern="[0-9]*" placeholder="scenario default" value={seed}
                  onInput={(e) => setSeed(e.currentTarget.value)} />
              </label>
              <label class="field">
                <span>Late joiners</span>
                <select value={lateJoiners} onChange={(e) => setLateJoiners(e.currentTarget.value === 'open' ? 'open' : 'assigned')}>
                  <option value="assigned">wait for me to seat them</option>
                  <option value="open">pick their own team</option>
                </select>
              </label>
            </div>
            <details class="team-names">
              <summary>Name the teams <span class="muted">(optional)</span></summary>
              <div class="team-names-grid">
                {Array.from({ length: teamCount }, (_, i) => (
                  <label key={i} class="field">
                    <span>Team {i + 1}</span>
                    <input type="text" maxLength={40} placeholder={`Team ${i + 1}`} value={teamNames[i] ?? ''}
                      onInput={(e) => { const v = e.currentTarget.value; setTeamNames((list) => { const next = [...list]; next[i] = v; return next; }); }} />
                  </label>
                ))}
              </div>
            </details>
            {chosen && (
              <p class="muted small" data-testid="run-length">
                {chosen.durationMinutes} sim minutes at {speed}× take about <strong>{formatDuration((chosen.durationMinutes * 60) / speed)}</strong> of real time (pause and skip as you go).
              </p>
            )}
            {createError && <p class="error" role="alert">{createError}</p>}
            <button type="submit" class="btn btn-primary btn-large" disabled={!chosen || creating}>
              {creating ? 'Creating…' : 'Create session'}
            </button>
          </form>

          <form class="card join-card" onSubmit={join} aria-labelledby="join-heading">
            <h2 id="join-heading">Join a session</h2>
            <p class="muted">Your facilitator shows a code on the screen.</p>
            <label class="field">
              <span>Join code</span>
              <input class="code-input" type="text" autoComplete="off" autoCapitalize="characters" spellcheck={false}
                placeholder="K7QX-2M" maxLength={9} value={code} aria-invalid={codeError ? 'true' : undefined}
                onInput={(e) => { setCode(e.currentTarget.value.toUpperCase()); setCodeError(null); }} />
            </label>
            {codeError && <p class="error" role="alert">{codeError}</p>}
            <button type="submit" class="btn btn-primary btn-large">Join</button>
          </form>
        </div>
      </main>
    </div>
  );
}
