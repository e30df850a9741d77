/**
 * POST /api/sessions/:sessionId/rewinds — the host's rewind over HTTP (the same as `host:rewind`,
 * for scripts and tools): `{ teamId, to, hostSecret }` → `200 { ok: true, clock }`. Players are
 * told exactly as for the socket event (the service sends the notices).
 */
import { Router } from 'express';
import { httpRewindSchema } from '../protocol/payloads.ts';
import type { SessionGateway } from '../sessions/session-gateway.ts';
import { NO_SUCH_SESSION_TO_REWIND, WRONG_HOST_SECRET } from '../sessions/session-service.ts';
import { clientAddress } from './client-address.ts';
import type { RequestLimiter } from './rate-limit.ts';
import { zodProblem } from './validation.ts';

export interface RewindRouterDeps {
  /** The service, or in cluster mode its router (the rewind runs on the session's owner). */
  service: Pick<SessionGateway, 'rewindWithSecret'>;
  limiter: RequestLimiter;
  trustProxyHops: number;
}

export function createRewindRouter(deps: RewindRouterDeps): Router {
  const router = Router();
  router.post('/api/sessions/:sessionId/rewinds', async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxyHops);
    const limited = await deps.limiter.take('other', address);
    if (limited) {
      res.status(429).json({ ok: false, error: limited });
      return;
    }
    const parsed = httpRewindSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: `invalid rewind request: ${zodProblem(parsed.error)}` });
      return;
    }
    const { hostSecret, ...request } = parsed.data;
    const ack = await deps.service.rewindWithSecret(String(req.params.sessionId), hostSecret, request);
    // Otherwise a refusal (time, team, lobby, ended) is a request this session cannot take now.
    const status = ack.ok ? 200 : ack.error === NO_SUCH_SESSION_TO_REWIND ? 404 : ack.error === WRONG_HOST_SECRET ? 403 : 409;
    res.status(status).json(ack);
  });
  return router;
}
