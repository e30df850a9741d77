/** The HTTP calls that list scenarios and create sessions (a new one, or a branch); everything else goes over the socket. */
import type { CreatedSession } from '../../server/protocol/events.ts';
import type { CreateSessionRequest } from '../../server/protocol/payloads.ts';
import type { ScenarioSummary } from '../../server/protocol/views.ts';

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall back to the status line.
  }
  return `${res.status} ${res.statusText}`.trim();
}

export async function fetchScenarios(signal?: AbortSignal): Promise<ScenarioSummary[]> {
  const res = await fetch('/api/scenarios', { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`Could not list scenarios: ${await readError(res)}`);
  const body = (await res.json()) as ScenarioSummary[] | { scenarios: ScenarioSummary[] };
  return Array.isArray(body) ? body : body.scenarios;
}

export function createSession(request: CreateSessionRequest): Promise<CreatedSession> {
  return postSession('/api/sessions', request);
}

/** POSTs a request that creates a session; a refusal becomes an Error with the server's reason. */
export async function postSession<T extends CreatedSession>(url: string, request: object): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw new Error(await readError(res));
  const body = (await res.json()) as T | { ok: true; session: T };
  return 'session' in body ? body.session : body;
}
