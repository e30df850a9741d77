/**
 * GET /api/rooms/:code — the projector's view of a session (RoomView), polled by /room/:code.
 * Open to anyone with the join code, like joining: it carries no truth.
 */
import { Router } from 'express';
import { normalizeJoinCode } from '../protocol/join-code.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { joinBase } from './public-urls.ts';

export function createRoomRouter(deps: { service: Pick<SessionService, 'roomView'>; publicUrl?: string; networkUrls?: () => string[] }): Router {
  const router = Router();
  router.get('/api/rooms/:code', (req, res) => {
    const { baseUrl } = joinBase(req.get('host') ?? 'localhost', { publicUrl: deps.publicUrl, protocol: req.protocol, networkUrls: deps.networkUrls?.() ?? [] });
    const code = normalizeJoinCode(String(req.params.code));
    const result = code ? deps.service.roomView(code, baseUrl) : { ok: false as const, error: 'a join code has 6 characters, like K7QX-2M' };
    if (!result.ok) {
      res.status(404).json({ error: result.error });
      return;
    }
    res.set('Cache-Control', 'no-store').json(result.view);
  });
  return router;
}
