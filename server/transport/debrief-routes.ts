/**
 * Placeholder owned by the debrief work: it will replace this module. The server mounts the
 * router returned here before the client's SPA fallback. Until then the debrief URLs answer 404.
 */
import { Router } from 'express';
import type { Scenario } from '../engine/index.ts';
import type { SessionService } from '../sessions/session-service.ts';

export interface DebriefRouteDeps {
  /** `getFinishedSession(sessionId)` returns a finished session's settings, teams and timed commands. */
  sessions: Pick<SessionService, 'getFinishedSession'>;
  scenarios: ReadonlyMap<string, Scenario>;
}

export function createDebriefRouter(_deps: DebriefRouteDeps): Router {
  const router = Router();
  router.get(['/api/sessions/:sessionId/debrief.json', '/api/sessions/:sessionId/debrief.md'], (_req, res) => {
    res.status(404).json({ error: 'debrief not available yet' });
  });
  return router;
}
