/** Start, pause, resume, speed, skip and end, with the sim-time progress and real time left. */
import { useState } from 'preact/hooks';
import type { ClockState } from '../../server/protocol/views.ts';
import type { ClockControl } from '../../server/protocol/payloads.ts';
import { progressOf, realSecondsLeft } from '../lib/clock.ts';
import { formatDuration, formatHhmm } from '../lib/format.ts';

const SPEEDS = [1, 2, 5, 10, 15, 20, 30, 60];
const SKIPS = [5, 15, 30];

export function ClockControls(props: { clock: ClockState; now: number; onControl: (control: ClockControl) => Promise<boolean>; pending?: string[] }) {
  const { clock, now } = props;
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const run = async (control: ClockControl) => {
    setBusy(true);
    await props.onControl(control);
    setBusy(false);
  };
  const span = clock.end - clock.start;
  const elapsed = Math.min(span, Math.max(0, now - clock.start));
  const pct = Math.round(progressOf(clock, now) * 100);
  const over = clock.status === 'ended';

  return (
    <section class="panel" aria-labelledby="clock-heading" data-testid="clock-controls">
      <header class="panel-head">
        <h2 id="clock-heading">Clock</h2>
        <span class="muted small mono">{formatHhmm(clock.start)}–{formatHhmm(clock.end)} UTC</span>
      </header>
      <div class="panel-body">
        <div class="progress-row">
          <progress max={span} value={elapsed} aria-label="Sim time elapsed" aria-valuetext={`${formatHhmm(now)} UTC, ${pct}% of the scenario`} />
          <span class="mono small">{pct}%</span>
        </div>
        <p class="small" aria-live="polite">
          {over ? 'Session over.' : (
            <>
              <strong class="mono">{formatDuration(realSecondsLeft(clock, now))}</strong> of real time left at {clock.speed}×
              {clock.status === 'paused' && ' (paused)'}
            </>
          )}
        </p>
        <div class="button-row">
          {clock.status === 'lobby' && <button type="button" class="btn btn-primary btn-large" disabled={busy} onClick={() => run({ action: 'start' })}>Start the clock</button>}
          {clock.status === 'running' && <button type="button" class="btn btn-warning" disabled={busy} onClick={() => run({ action: 'pause' })}>Pause</button>}
          {clock.status === 'paused' && <button type="button" class="btn btn-primary" disabled={busy} onClick={() => run({ action: 'resume' })}>Resume</button>}
        </div>
        {!over && (
          <>
            <div class="control-row">
              <label class="inline-field">
                <span>Speed</span>
                <select value={clock.speed} disabled={busy} onChange={(e) => run({ action: 'speed', speed: Number(e.currentTarget.value) })}>
                  {(SPEEDS.includes(clock.speed) ? SPEEDS : [...SPEEDS, clock.speed].sort((a, b) => a - b)).map((s) => <option key={s} value={s}>{s}×</option>)}
                </select>
              </label>
              <span class="inline-field" role="group" aria-label="Skip ahead">
                <span>Skip</span>
                {SKIPS.map((m) => (
                  <button key={m} type="button" class="btn btn-small" disabled={busy || clock.status === 'lobby'} onClick={() => run({ action: 'skip', minutes: m })}>+{m}m</button>
                ))}
              </span>
            </div>
            <div class="button-row end-row">
              {!confirmEnd && <button type="button" class="btn btn-danger-outline" disabled={busy} onClick={() => setConfirmEnd(true)}>End session…</button>}
              {confirmEnd && (
                <>
                  <span class="small">End for every team and open the debrief?</span>
                  {(props.pending ?? []).length > 0 && (
                    <div class="end-warning small" role="alert" data-testid="end-warning">
                      <strong>Still confirming — ending now scores these as not reached:</strong>
                      <ul>{(props.pending ?? []).map((p) => <li key={p}>{p}</li>)}</ul>
                    </div>
                  )}
                  <button type="button" class="btn btn-danger" disabled={busy} onClick={() => { setConfirmEnd(false); void run({ action: 'end' }); }}>End now</button>
                  <button type="button" class="btn" onClick={() => setConfirmEnd(false)}>Cancel</button>
                </>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
