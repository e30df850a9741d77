/** The displayed sim time, re-rendered a few times a second while the clock runs. */
import { useEffect, useState } from 'preact/hooks';
import { simNow, type LocalClock } from './clock.ts';

export function useSimNow(clock: LocalClock | null, intervalMs = 250): number | null {
  const [now, setNow] = useState(() => Date.now());
  const running = clock?.state.status === 'running';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [running, intervalMs]);
  return clock ? simNow(clock, Math.max(now, clock.receivedAt)) : null;
}
