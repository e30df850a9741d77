/**
 * A team's dashboard at the scrubber time, recomputed by the server from the session log. Asked
 * at most every REPLAY_DEBOUNCE_MS while the scrubber moves; an older answer never overwrites a newer one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TeamObservation } from '../../server/protocol/views.ts';
import { fetchReplay } from './debrief-api.ts';

const REPLAY_DEBOUNCE_MS = 120;

export function useReplay(sessionId: string, teamId: string, t: number, hostSecret: string | null): { observation: TeamObservation | null; error: string | null } {
  const [observation, setObservation] = useState<TeamObservation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchReplay(sessionId, teamId, t, hostSecret, abort.signal).then(
        (o) => { setObservation(o); setError(null); },
        (err: unknown) => { if (!abort.signal.aborted) setError(err instanceof Error ? err.message : String(err)); },
      );
    }, REPLAY_DEBOUNCE_MS);
    return () => { clearTimeout(timer); abort.abort(); };
  }, [sessionId, teamId, Math.round(t), hostSecret]);
  return { observation, error };
}
