/**
 * GET /api/rooms/:code — the projector's view of a session (RoomView), polled by /room/:code.
 * Open to anyone with the join code, like joining: it carries no truth. A wrong code counts as a
 * join-code guess for the address (the same throttle as `player:join`), so this door is no oracle.
 */
import { Router } from 'express';
import { normalizeJoinCode } from '../protocol/join-code.ts';
import type { SessionGateway } from '../sessions/session-gateway.ts';
import { clientAddress } from './client-address.ts';
import { plainHost } from './host-header.ts';
import { joinBase } from './public-urls.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface RoomRouterDeps {
  service: Pick<SessionGateway, 'roomView'>;
  limiter: RateLimiter;
  trustProxyHops: number;
  publicUrl?: string;
  networkUrls?: () => string[];
}

export function createRoomRouter(deps: RoomRouterDeps): Router {
  const router = Router();
  router.get('/api/rooms/:code', async (req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxyHops);
    const refusal = deps.limiter.codeGuess(address);
    if (refusal) {
      res.status(429).json({ error: refusal });
      return;
    }
    const { baseUrl } = joinBase(plainHost(req.get('host')) ?? 'localhost', { publicUrl: deps.publicUrl, protocol: req.protocol, networkUrls: deps.networkUrls?.() ?? [] });
    const code = normalizeJoinCode(String(req.params.code));
    const result = code ? await deps.service.roomView(code, baseUrl) : { ok: false as const, error: 'a join code has 6 characters, like K7QX-2M' };
    if (!result.ok) {
      res.status(404).json({ error: result.error });
      return;
    }
    deps.limiter.rightCode(address);
    res.set('Cache-Control', 'no-store').json(result.view);
  });
  return router;
}
