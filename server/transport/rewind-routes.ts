/**
 * POST /api/sessions/:sessionId/rewinds — the host's rewind over HTTP (the same as `host:rewind`,
 * for scripts and tools): `{ teamId, to, hostSecret }` → `200 { ok: true, clock }`. Players are
 * told exactly as for the socket event (the service sends the notices).
 */
import { Router } from 'express';
import { httpRewindSchema } from '../protocol/payloads.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { secretMatches } from '../sessions/secrets.ts';
import { clientAddress } from './client-address.ts';
import type { RateLimiter } from './rate-limit.ts';
import { zodProblem } from './validation.ts';

export interface RewindRouterDeps {
  service: Pick<SessionService, 'inspect' | 'rewind'>;
  limiter: RateLimiter;
  trustProxyHops: number;
}

export function createRewindRouter(deps: RewindRouterDeps): Router {
  const router = Router();
  router.post('/api/sessions/:sessionId/rewinds', async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxyHops);
    const limited = deps.limiter.take('other', address);
    if (limited) {
      res.status(429).json({ ok: false, error: limited });
      return;
    }
    const parsed = httpRewindSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: `invalid rewind request: ${zodProblem(parsed.error)}` });
      return;
    }
    const sessionId = String(req.params.sessionId);
    const state = deps.service.inspect(sessionId);
    if (!state) {
      res.status(404).json({ ok: false, error: 'no such session' });
      return;
    }
    if (!secretMatches(parsed.data.hostSecret, state.settings.hostSecretHash)) {
      res.status(403).json({ ok: false, error: 'wrong host secret' });
      return;
    }
    const ack = await deps.service.rewind(sessionId, { teamId: parsed.data.teamId, to: parsed.data.to });
    // A refusal (time, team, lobby, ended) is a request this session cannot take now.
    res.status(ack.ok ? 200 : 409).json(ack);
  });
  return router;
}
