/** The HTTP status of a refused branch (POST /api/sessions/:sessionId/branches). */
import { DOES_NOT_REPLAY, NEEDS_HOST_SECRET, NO_SUCH_SESSION } from '../sessions/branch-session.ts';
import { STORAGE_TROUBLE } from '../sessions/session-pipeline.ts';
import { SERVER_BUSY } from '../sessions/load-shedding.ts';

export function branchRefusalStatus(error: string): number {
  if (error === NO_SUCH_SESSION || error.startsWith('no team')) return 404;
  if (error === NEEDS_HOST_SECRET) return 403;
  if (error.includes('open sessions')) return 429;
  if (error.startsWith(DOES_NOT_REPLAY)) return 409;
  if (error === STORAGE_TROUBLE || error === SERVER_BUSY) return 503;
  // The branch time: malformed, or outside what the parent has played.
  return 400;
}
