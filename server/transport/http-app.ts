/**
 * The HTTP side: health, scenario list, session creation, the debrief router, and the built
 * client with an SPA fallback for its routes. Thin: validate, then call the session service.
 * Errors are JSON with a reason, never a stack trace.
 */
import { existsSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Scenario } from '../engine/index.ts';
import { oldSpaceCompactionStats } from '../runtime/old-space-compaction.ts';
import { branchSessionSchema, createSessionSchema } from '../protocol/payloads.ts';
import { branchRefusalStatus } from './branch-refusal-status.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { SessionGateway } from '../sessions/session-gateway.ts';
import { scenarioSummary } from '../sessions/session-views.ts';
import type { ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import type { StorageProblem } from '../storage/session-store.ts';
import { clientAddress } from './client-address.ts';
import { BAD_HOST, plainHost } from './host-header.ts';
import { jsonBody } from './request-body.ts';
import type { RequestLimiter } from './rate-limit.ts';
import { joinBase } from './public-urls.ts';
import { createRoomRouter } from './room-routes.ts';
import { createRewindRouter } from './rewind-routes.ts';
import { zodProblem } from './validation.ts';
import type { LoadStatus } from '../sessions/load-shedding.ts';
import { SERVER_BUSY } from '../sessions/load-shedding.ts';

export interface HttpAppOptions {
  service: Pick<SessionService, 'stats' | 'restoreProblems'>;
  /** Where sessions are created and room views answered: the service, or in cluster mode its router. */
  sessions: Pick<SessionGateway, 'createSession' | 'roomView' | 'branchSession' | 'rewindWithSecret'>;
  /** Cluster mode: this node's id, owned sessions, lease renewals and Redis latency for /healthz. */
  clusterHealth?: () => Promise<object>;
  /** Cluster mode: make a session readable on this node before the debrief routes look it up. */
  prepareSession?: (sessionId: string) => Promise<void>;
  catalog: ScenarioCatalog;
  storageProblems: readonly StorageProblem[];
  /** Bytes the data files take (null: no files, e.g. DATA_FILE=:memory:). */
  diskBytes: () => Promise<number | null>;
  /** The durable writes since the last call (ms each: for the journal, a batch's write + fdatasync), and the journal's figures. */
  storageStats?: () => { writeMs: number[]; journal?: object };
  /** Whether new sessions and joins are refused because the server is behind (load-shedding.ts). */
  overload?: () => LoadStatus;
  retainDays: number;
  debriefRouter: Router;
  /** The built client (dist/client). */
  clientDir: string;
  publicUrl?: string;
  limiter: RequestLimiter;
  /** Proxy hops whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxyHops: number;
  /** This server's network base URLs, used instead of a loopback Host in join links. */
  networkUrls?: () => string[];
  startedAt?: number;
}

const LOOP_RESOLUTION_MS = 20;
const lateness = (ns: number): number => Math.round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) * 10) / 10;

function writeStats(writeMs: readonly number[]): { count: number; p50: number; p99: number; max: number } | null {
  if (writeMs.length === 0) return null;
  const sorted = [...writeMs].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** Client-side routes the SPA handles (deep links and reloads must get index.html). */
/** The process's memory in MB: RSS, and the V8 heap beside it (RSS alone cannot tell a leak from a heap not yet given back). */
function memoryMb(): { rssMb: number; heapMb: { used: number; total: number; external: number; arrayBuffers: number; spaces: Record<string, { used: number; size: number }> } } {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  // Per V8 space (new, old, code, large objects…): which one holds what the total does not give back.
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ''), { used: mb(s.space_used_size), size: mb(s.space_size) }]));
  return { rssMb: mb(m.rss), heapMb: { used: mb(m.heapUsed), total: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), spaces } };
}

const SPA_ROUTES = ['/', '/host/:code', '/join/:code', '/play/:code', '/room/:code', '/debrief/:sessionId'];

export function createHttpApp(options: HttpAppOptions): express.Express {
  const { service, catalog } = options;
  const startedAt = options.startedAt ?? Date.now();
  const app = express();
  // Event-loop delay is the first thing to look at when acknowledgements or ticks get slow.
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Security headers and the early 413 are set on the HTTP server (create-server.ts), for every response.
  app.use(jsonBody());

  // Answers from memory (the disk's size is bounded by a timeout), so it keeps answering under overload.
  app.get('/healthz', async (_req, res) => {
    const diskBytes = await options.diskBytes().catch(() => null);
    const cluster = options.clusterHealth ? await options.clusterHealth() : undefined;
    const stored = options.storageStats?.() ?? { writeMs: [] };
    const overload = options.overload?.();
    res.json({
      status: options.storageProblems.length > 0 ? 'degraded' : 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      sessions: service.stats(),
      scenarios: {
        loaded: [...catalog.scenarios.keys()],
        refused: catalog.refused.map((r) => ({ folder: path.basename(r.folder), problems: r.problems })),
      },
      storage: {
        problems: options.storageProblems.map((p) => p.message), writeMs: writeStats(stored.writeMs), diskBytes, retainDays: options.retainDays,
        ...(stored.journal ? { journal: stored.journal } : {}),
      },
      restoreProblems: service.restoreProblems,
      // The histogram holds the interval between samples; the delay is what exceeds the resolution.
      eventLoopDelayMs: { p50: lateness(loopDelay.percentile(50)), p99: lateness(loopDelay.percentile(99)), max: lateness(loopDelay.max) },
      ...(overload ? { overload } : {}),
      ...memoryMb(),
      oldSpaceCompaction: oldSpaceCompactionStats(),
      ...(cluster ? { cluster } : {}),
    });
    loopDelay.reset();
  });

  app.get('/api/scenarios', (_req, res) => {
    res.json([...catalog.scenarios.values()].map((s: Scenario) => scenarioSummary(s)));
  });

  /**
   * Creating sessions (and branches) is cheap for people, not for scripts: limited per client
   * address (shared with the socket). Answers the refusal itself and returns null, or the address
   * and the base URL for the new session's links.
   */
  async function creation(req: express.Request, res: express.Response): Promise<{ address: string; baseUrl: string } | null> {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustProxyHops);
    const limited = await options.limiter.take('create', address);
    if (limited) {
      res.status(429).json({ error: limited });
      return null;
    }
    const host = plainHost(req.get('host'));
    if (!options.publicUrl && host === null) {
      res.status(400).json({ error: BAD_HOST });
      return null;
    }
    const { baseUrl } = joinBase(host ?? 'localhost', { publicUrl: options.publicUrl, protocol: req.protocol, networkUrls: options.networkUrls?.() ?? [] });
    return { address, baseUrl };
  }

  app.post('/api/sessions', async (req, res) => {
    const asked = await creation(req, res);
    if (!asked) return;
    const { address, baseUrl } = asked;
    const parsed = createSessionSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `invalid session request: ${zodProblem(parsed.error)}` });
      return;
    }
    const result = await options.sessions.createSession(parsed.data, baseUrl, address);
    if (!result.ok) {
      const status = result.error.startsWith('unknown scenario') ? 404 : result.error.includes('open sessions') ? 429 : 503;
      if (result.error === SERVER_BUSY) res.set('Retry-After', '60');
      res.status(status).json({ error: result.error });
      return;
    }
    const { ok: _ok, ...created } = result;
    res.status(201).json(created);
  });

  // A running parent needs its host secret (in the body); an ended one is open like its debrief.
  app.post('/api/sessions/:sessionId/branches', async (req, res) => {
    const asked = await creation(req, res);
    if (!asked) return;
    const parsed = branchSessionSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `invalid branch request: ${zodProblem(parsed.error)}` });
      return;
    }
    const { hostSecret, ...request } = parsed.data;
    const result = await options.sessions.branchSession(String(req.params.sessionId), request, hostSecret === undefined ? {} : { hostSecret }, asked.baseUrl, asked.address);
    if (!result.ok) {
      res.status(branchRefusalStatus(result.error)).json({ error: result.error });
      return;
    }
    const { ok: _ok, ...branched } = result;
    res.status(201).json(branched);
  });


  const prepare = options.prepareSession;
  if (prepare) {
    app.use('/api/sessions/:sessionId', (req, _res, next) => {
      prepare(String(req.params.sessionId)).then(() => next(), () => next());
    });
  }
  app.use(options.debriefRouter);
  app.use(createRewindRouter({ service: options.sessions, limiter: options.limiter, trustProxyHops: options.trustProxyHops }));
  app.use(createRoomRouter({ service: options.sessions, limiter: options.limiter, trustProxyHops: options.trustProxyHops, publicUrl: options.publicUrl, networkUrls: options.networkUrls }));

  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such API endpoint' });
  });

  const index = path.join(options.clientDir, 'index.html');
  app.use(express.static(options.clientDir, { index: false, maxAge: '1h' }));
  app.get(SPA_ROUTES, (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { maxAge: 0 });
    else res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it).');
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    const error = status < 500 ? 'bad request' : 'the server failed to handle this request';
    if (status >= 500) console.error(err);
    if (!res.headersSent) res.status(status).json({ error });
  };
  app.use(onError);
  return app;
}
