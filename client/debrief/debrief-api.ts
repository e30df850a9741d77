/** The debrief's HTTP calls: the document itself, and a team's dashboard at a sim time (replay). */
import type { Debrief } from '../../server/protocol/debrief.ts';
import type { TeamObservation } from '../../server/protocol/views.ts';
import type { ReviewRequest } from '../../server/protocol/review.ts';

export class DebriefLoadError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;

export const debriefLinks = (sessionId: string) => ({
  json: `${base(sessionId)}/debrief.json`,
  markdown: `${base(sessionId)}/debrief.md`,
});

function headers(hostSecret: string | null): Record<string, string> {
  return hostSecret ? { accept: 'application/json', 'x-host-secret': hostSecret } : { accept: 'application/json' };
}

async function failure(res: Response): Promise<DebriefLoadError> {
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON: keep the status line.
  }
  return new DebriefLoadError(message, res.status);
}

export async function fetchDebrief(sessionId: string, hostSecret: string | null, signal?: AbortSignal): Promise<Debrief> {
  const res = await fetch(debriefLinks(sessionId).json, { headers: headers(hostSecret), signal });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as Debrief;
}

/** Only the sample at t comes back (`samples=last`): the curves are already in the debrief. */
export async function fetchReplay(sessionId: string, teamId: string, t: number, hostSecret: string | null, signal?: AbortSignal): Promise<TeamObservation> {
  const query = new URLSearchParams({ team: teamId, t: String(Math.round(t)), samples: 'last' });
  const res = await fetch(`${base(sessionId)}/replay?${query}`, { headers: headers(hostSecret), signal });
  if (!res.ok) throw await failure(res);
  return ((await res.json()) as { observation: TeamObservation }).observation;
}

/** The facilitator's review of an ended session (host secret): a mark, points, an improvement item or a withdrawal. */
export async function postReview(sessionId: string, hostSecret: string, review: ReviewRequest): Promise<{ seq: number }> {
  const res = await fetch(`${base(sessionId)}/reviews`, {
    method: 'POST',
    headers: { ...headers(hostSecret), 'content-type': 'application/json' },
    body: JSON.stringify({ review }),
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as { seq: number };
}
