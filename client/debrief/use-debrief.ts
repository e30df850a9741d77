/** Loads a session's debrief once; a refusal (session still running, unknown session) is shown as is. */
import { useEffect, useState } from 'preact/hooks';
import type { Debrief } from '../../server/protocol/debrief.ts';
import { DebriefLoadError, fetchDebrief } from './debrief-api.ts';

export type DebriefState =
  | { kind: 'loading' }
  | { kind: 'ready'; debrief: Debrief }
  | { kind: 'error'; status: number; message: string };

/** `version`: bump it to fetch the debrief again (after the facilitator adds a review). */
export function useDebrief(sessionId: string, hostSecret: string | null, version = 0): DebriefState {
  const [state, setState] = useState<DebriefState>({ kind: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    fetchDebrief(sessionId, hostSecret, abort.signal).then(
      (debrief) => setState({ kind: 'ready', debrief }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setState(err instanceof DebriefLoadError
          ? { kind: 'error', status: err.status, message: err.message }
          : { kind: 'error', status: 0, message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => abort.abort();
  }, [sessionId, hostSecret, version]);
  return state;
}
