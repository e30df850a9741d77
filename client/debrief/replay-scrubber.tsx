/** The replay scrubber: a range over the session's sim time, with play / pause. */
import { useEffect, useState } from 'preact/hooks';
import { formatHhmm } from '../lib/format.ts';

/** Sim seconds per animation frame while playing (about a sim hour every 6 s). */
const PLAY_STEP = 60;
const PLAY_INTERVAL_MS = 100;

export function ReplayScrubber(props: { start: number; end: number; step: number; t: number; onChange: (t: number) => void }) {
  const { start, end, step, t, onChange } = props;
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = Math.min(end, t + PLAY_STEP);
      onChange(next);
      if (next >= end) setPlaying(false);
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, t, end]);
  return (
    <div class="debrief-scrubber no-print" data-testid="replay-scrubber">
      <button type="button" class="btn btn-small" onClick={() => { if (t >= end) onChange(start); setPlaying(!playing); }} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <label class="debrief-scrubber-range">
        <span class="sr-only">Replay time</span>
        <input type="range" min={start} max={end} step={step} value={t} data-testid="replay-range"
          onInput={(e) => { setPlaying(false); onChange(Number((e.currentTarget as HTMLInputElement).value)); }} />
      </label>
      <span class="mono debrief-scrubber-time" data-testid="replay-time">{formatHhmm(t)} UTC</span>
      <button type="button" class="btn btn-small" onClick={() => { setPlaying(false); onChange(end); }} disabled={t >= end}>End</button>
    </div>
  );
}
