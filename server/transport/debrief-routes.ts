/**
 * Debrief HTTP routes. Everything is recomputed from the session's stored log (scenario + seed +
 * each team's commands), so the permalink works after the session ends and after a restart.
 *   GET /api/sessions/:id/debrief.json   the Debrief document (attachment)
 *   GET /api/sessions/:id/debrief.md     the same as Markdown (attachment)
 *   GET /api/sessions/:id/replay?team=&t=[&samples=last]  a team's dashboard (TeamObservation) at
 *     sim time t (seconds since 00:00 UTC or "HH:MM[:SS]"); samples=last keeps only the last sample
 *   POST /api/sessions/:id/reviews  the facilitator's review after the end (host secret): appended
 *     to the log as a `review` entry; the debrief scores it
 * While a session runs, only its host (header X-Host-Secret) may look: everyone else gets 409.
 */
import { Router, type Request, type Response } from 'express';
import { parseClock, type Scenario } from '../engine/index.ts';
import { buildDebrief } from '../debrief/build-debrief.ts';
import { renderDebriefMarkdown } from '../debrief/render-markdown.ts';
import { replayAt } from '../debrief/replay.ts';
import { pinnedNotes } from '../debrief/with-notes.ts';
import { sessionDebriefInput, type SessionLog } from '../debrief/session-debrief-input.ts';
import type { Debrief } from '../protocol/debrief.ts';
import type { SessionService } from '../sessions/session-service.ts';
import { secretMatches } from '../sessions/secrets.ts';
import { clientAddress } from './client-address.ts';
import { RateLimiter, type RequestLimiter } from './rate-limit.ts';
import { sessionMode } from '../storage/session-record.ts';
import { httpReviewSchema } from '../protocol/review.ts';
import { NO_SUCH_SESSION_TO_REVIEW, REVIEW_AFTER_END, WRONG_SECRET_TO_REVIEW } from '../sessions/session-review.ts';
import { STORAGE_TROUBLE } from '../sessions/session-pipeline.ts';
import { zodProblem } from './validation.ts';

export interface DebriefRouteDeps {
  /** `getFinishedSession(sessionId)` returns a finished session's settings, teams and timed commands. */
  sessions: Pick<SessionService, 'getFinishedSession' | 'inspect' | 'branchFamily' | 'review'>;
  scenarios: ReadonlyMap<string, Scenario>;
  /** Replays cost CPU (~30 ms each): the ones not in the cache count against the address's replay limit. */
  limiter?: RequestLimiter;
  trustProxyHops?: number;
}

export const HOST_SECRET_HEADER = 'x-host-secret';
/** Finished debriefs never change: keep the most recent ones built. */
const CACHE_SIZE = 32;
/** Replays of finished sessions never change either: the most recent (session, team, t) answers. */
const REPLAY_CACHE_SIZE = 256;

type Found = { ok: true; scenario: Scenario; log: SessionLog; finished: boolean } | { ok: false; status: number; error: string };

export function createDebriefRouter(deps: DebriefRouteDeps): Router {
  const router = Router();
  const cache = new Map<string, Debrief>();
  const replays = new Map<string, string>();
  const limiter: RequestLimiter = deps.limiter ?? new RateLimiter();

  function find(req: Request): Found {
    const sessionId = String(req.params.sessionId);
    const state = deps.sessions.inspect(sessionId);
    if (!state) return { ok: false, status: 404, error: 'no such session' };
    const scenario = deps.scenarios.get(state.settings.scenarioId);
    if (!scenario) return { ok: false, status: 404, error: `the scenario "${state.settings.scenarioId}" of this session is not loaded` };
    const finished = deps.sessions.getFinishedSession(sessionId);
    if (finished.ok) return { ok: true, scenario, finished: true, log: finished.session };

    const secret = req.get(HOST_SECRET_HEADER);
    if (secret === undefined || secret === '') {
      return { ok: false, status: 409, error: `the debrief opens when the session ends (it is ${state.clock.status}); until then only the host can see it` };
    }
    if (!secretMatches(secret, state.settings.hostSecretHash)) return { ok: false, status: 403, error: 'wrong host secret' };
    // The host's preview: the same log, cut where the team worlds stand (the last tick).
    const players = [...state.players.values()];
    const teams = [...state.teams.values()];
    return {
      ok: true, scenario, finished: false,
      log: {
        sessionId, code: state.settings.code, seed: state.settings.seed, mode: sessionMode(state.settings), speed: state.clock.speed,
        createdAt: state.settings.createdAt, endedAt: Math.max(...teams.map((t) => t.world.t)), endedWall: null, disguised: state.settings.disguise === true,
        teams: teams.map((t) => ({
          id: t.info.id, name: t.info.name,
          players: players.filter((p) => p.teamId === t.info.id).map((p) => ({ name: p.name, role: p.role })),
          commands: t.commands.slice(), chat: t.chat.slice(),
          endedAt: t.world.t, rewinds: t.rewinds.map((r) => ({ at: r.at, to: r.to, line: r.line, notes: pinnedNotes(r.chat) })),
        })),
      },
    };
  }

  function debriefOf(found: Extract<Found, { ok: true }>): Debrief {
    const family = deps.sessions.branchFamily(found.log.sessionId);
    // Branches can be made from any session at any time: the lineage is always read fresh.
    // A review appended after the end changes the debrief: the number of reviews is part of the key.
    const key = `${found.log.sessionId}\u0000${found.log.reviews?.length ?? 0}`;
    const cached = found.finished ? cache.get(key) : undefined;
    if (cached) return family ? { ...cached, lineage: family.lineage } : cached;
    const debrief = buildDebrief(sessionDebriefInput(found.scenario, found.log, family));
    // A branch of a running parent compares with a run that still grows: not cached until the parent ends.
    if (found.finished && (family?.settled ?? true)) {
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, debrief);
    }
    return debrief;
  }

  function refuse(res: Response, found: Extract<Found, { ok: false }>): void {
    res.status(found.status).json({ error: found.error });
  }

  /** Only [A-Za-z0-9-] besides the fixed parts, so the quoted header value needs no escaping. */
  const fileName = (d: Debrief, ext: string) => `debrief-${d.scenario.id.replace(/[^A-Za-z0-9-]/g, '')}-${(d.session.code ?? d.session.id).replace(/[^A-Za-z0-9-]/g, '')}.${ext}`;

  router.get('/api/sessions/:sessionId/debrief.json', (req, res) => {
    const found = find(req);
    if (!found.ok) return refuse(res, found);
    const debrief = debriefOf(found);
    // The facilitator's review can still change a finished debrief: browsers ask again every time (the server caches it).
    res.set('Cache-Control', found.finished ? 'private, no-cache' : 'no-store');
    res.set('Content-Disposition', `attachment; filename="${fileName(debrief, 'json')}"`);
    res.type('application/json').send(JSON.stringify(debrief));
  });

  router.get('/api/sessions/:sessionId/debrief.md', (req, res) => {
    const found = find(req);
    if (!found.ok) return refuse(res, found);
    const debrief = debriefOf(found);
    res.set('Cache-Control', found.finished ? 'private, no-cache' : 'no-store');
    res.set('Content-Disposition', `attachment; filename="${fileName(debrief, 'md')}"`);
    res.type('text/markdown; charset=utf-8').send(renderDebriefMarkdown(debrief));
  });

  router.post('/api/sessions/:sessionId/reviews', async (req, res) => {
    const limited = await limiter.take('other', clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxyHops ?? 0));
    if (limited) {
      res.status(429).json({ ok: false, error: limited });
      return;
    }
    const parsed = httpReviewSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: `invalid review: ${zodProblem(parsed.error)}` });
      return;
    }
    const secret = req.get(HOST_SECRET_HEADER) ?? parsed.data.hostSecret ?? '';
    const ack = await deps.sessions.review(String(req.params.sessionId), secret, parsed.data.review);
    const status = ack.ok ? 201
      : ack.error === NO_SUCH_SESSION_TO_REVIEW ? 404
      : ack.error === WRONG_SECRET_TO_REVIEW ? 403
      : ack.error === REVIEW_AFTER_END ? 409
      : ack.error === STORAGE_TROUBLE ? 503 : 400;
    res.status(status).json(ack);
  });

  router.get('/api/sessions/:sessionId/replay', async (req, res) => {
    const found = find(req);
    if (!found.ok) return refuse(res, found);
    const teamId = typeof req.query.team === 'string' ? req.query.team : '';
    const team = found.log.teams.find((t) => t.id === teamId);
    if (!team) {
      res.status(400).json({ error: `team must be one of: ${found.log.teams.map((t) => t.id).join(', ')}` });
      return;
    }
    const t = parseSimTime(req.query.t);
    if (t === null) {
      res.status(400).json({ error: 't must be a sim time: seconds since 00:00 UTC, or "HH:MM[:SS]"' });
      return;
    }
    const lastOnly = req.query.samples === 'last';
    const key = `${found.log.sessionId}\u0000${team.id}\u0000${t}\u0000${lastOnly}`;
    let body = found.finished ? replays.get(key) : undefined;
    if (body === undefined) {
      const limited = await limiter.take('replay', clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.trustProxyHops ?? 0));
      if (limited) {
        res.status(429).json({ error: limited });
        return;
      }
      const observation = replayAt(found.scenario, found.log.seed, team.commands, t, team.endedAt ?? found.log.endedAt, found.log.mode);
      // samples=last: a scrubber already holds the curves and wants only the dashboard at t.
      if (lastOnly) observation.samples = observation.samples.slice(-1);
      body = JSON.stringify({ teamId: team.id, observation });
      if (found.finished) {
        if (replays.size >= REPLAY_CACHE_SIZE) replays.delete(replays.keys().next().value as string);
        replays.set(key, body);
      }
    }
    res.set('Cache-Control', found.finished ? 'private, max-age=60' : 'no-store');
    res.type('application/json').send(body);
  });

  return router;
}

function parseSimTime(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n <= 86_400 ? n : null;
  }
  return parseClock(value);
}
