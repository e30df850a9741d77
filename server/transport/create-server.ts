/**
 * Wires one process: the session service over a store, the HTTP app and socket.io on one port.
 * main.ts and the tests both start the server through here.
 */
import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server } from 'socket.io';
import type { ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import { SessionService } from '../sessions/session-service.ts';
import type { SessionGateway } from '../sessions/session-gateway.ts';
import type { ReserveSession, SessionCaps } from '../sessions/session-lobby.ts';
import type { TickTimers } from '../sessions/session-outbox.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { JournalStore } from '../storage/journal-store.ts';
import { recentWriteMs } from '../storage/group-commit-file.ts';
import { LoadShedder, type LoadLimits, type LoadProbe } from '../sessions/load-shedding.ts';
import { residentGateway } from '../sessions/resident-gateway.ts';
import { EventLoopLag } from './event-loop-lag.ts';
import { createDebriefRouter } from './debrief-routes.ts';
import { createHttpApp } from './http-app.ts';
import { addSecurityHeaders } from './security-headers.ts';
import { refuseDeclaredLargeBody } from './request-body.ts';
import { RateLimiter, type RateLimits, type RequestLimiter } from './rate-limit.ts';
import { networkBaseUrls } from './public-urls.ts';
import { attachSocketHandlers } from './socket-handlers.ts';
import { SocketOutbox, type AppServer } from './socket-outbox.ts';

export interface ServerOptions {
  catalog: ScenarioCatalog;
  store: SessionStore;
  port?: number;
  host?: string;
  clientDir?: string;
  publicUrl?: string;
  /** Base URLs other machines reach this server on; by default from the bound address (public-urls.ts). */
  networkUrls?: () => string[];
  rateLimits?: RateLimits;
  /** Proxy hops whose X-Forwarded-For is believed (TRUST_PROXY); 0 or unset: none. */
  trustProxyHops?: number;
  /** Caps on open sessions (MAX_OPEN_SESSIONS, MAX_OPEN_SESSIONS_PER_ADDRESS). */
  caps?: SessionCaps;
  /** Ended sessions' files are deleted this many days after the end (RETAIN_DAYS, default 30). */
  retainDays?: number;
  tickMs?: number;
  timers?: TickTimers;
  now?: () => number;
  /** Where unexpected handler errors are reported (stderr by default). */
  log?: (message: string) => void;
  /** Cluster mode (REDIS_URL): built by server/cluster once socket.io and the service exist. */
  cluster?: ClusterPlugin;
  /** How far behind the event loop and the disk are (default: measured); tests inject their own. */
  loadProbe?: LoadProbe;
  loadLimits?: LoadLimits;
}

/** Cluster mode's two hooks: reserving new sessions (given to the service), then the rest once io exists. */
export interface ClusterPlugin {
  reserve: ReserveSession;
  /** Rate limits counted for the whole cluster (buckets in Redis). */
  limiter(limits?: RateLimits): RequestLimiter;
  attach(parts: { io: AppServer; service: SessionService }): ClusterMode;
}

/** What cluster mode plugs into one node (server/cluster/cluster-node.ts builds it). */
export interface ClusterMode {
  /** Serves each session on the node that owns it. */
  gateway: SessionGateway;
  /** The cluster fields of /healthz. */
  health(): Promise<object>;
  /** Make a session readable here for the debrief routes (a finished one is loaded from Redis). */
  prepareSession(sessionId: string): Promise<void>;
  /** Stop watching and release this node's leases (after the service saved its clocks). */
  close(): Promise<void>;
}

export interface RunningServer {
  http: HttpServer;
  io: AppServer;
  service: SessionService;
  port: number;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_RETAIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The retention sweep runs at start and then hourly. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

export const DEFAULT_CLIENT_DIR = path.resolve(import.meta.dirname, '../../dist/client');

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // The HTTP app is built after the session service (which needs io), but must be registered
  // before socket.io attaches: engine.io wraps the listeners present at attach time so that
  // /socket.io/ requests reach it alone. Registered later, express would answer long-polling too.
  let app: RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
  const http = createServer((req, res) => { if (!refuseDeclaredLargeBody(req, res)) app(req, res); });
  const io: AppServer = new Server(http, {
    // Commands and chat are small; a big frame is an attack or a bug.
    maxHttpBufferSize: 64 * 1024,
    // No connectionStateRecovery, deliberately: it restores a socket's old rooms and replays what
    // they received while it was away, so a responder the host moved to another team meanwhile
    // would get its old team's deltas. Clients resync at the application level (player:resume
    // returns a full snapshot with its seq), which is needed anyway after a server restart.
    serveClient: false,
  });
  addSecurityHeaders(http);
  const store = options.store;
  const loopLag = options.loadProbe ? null : new EventLoopLag().start();
  const shedder = new LoadShedder(options.loadProbe ?? {
    eventLoopLagMs: () => loopLag?.lagMs() ?? 0,
    storageLagMs: () => (store instanceof JournalStore ? store.writeLagMs() : 0),
  }, options.loadLimits);
  const service = new SessionService({
    scenarios: options.catalog.scenarios, store, outbox: new SocketOutbox(io),
    tickMs: options.tickMs, timers: options.timers, now: options.now, caps: options.caps, reserve: options.cluster?.reserve,
    busy: () => shedder.refusal(),
  });
  const cluster = options.cluster?.attach({ io, service });
  // In cluster mode a session is loaded by the node that takes its lease, not at start.
  if (!cluster) service.restore();
  // One process: an ended session that left memory is read back before a call reaches it.
  const gateway: SessionGateway = cluster?.gateway ?? residentGateway(service);
  const retainDays = options.retainDays ?? DEFAULT_RETAIN_DAYS;
  const log = options.log ?? ((m: string) => console.error(m));
  const sweep = () => {
    service.sweepEnded(retainDays * DAY_MS).then(
      (removed) => { if (removed > 0) log(`retention: deleted ${removed} session(s) ended more than ${retainDays} days ago`); },
      (err: unknown) => log(`retention sweep failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  sweep();
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
  sweeper.unref();
  // One limiter for both doors: sessions created over HTTP and over the socket count together.
  const limiter = options.cluster?.limiter(options.rateLimits) ?? new RateLimiter(options.rateLimits);
  const trustProxyHops = options.trustProxyHops ?? 0;
  const networkUrls = options.networkUrls ?? (() => {
    const address = http.address();
    return address && typeof address === 'object' ? networkBaseUrls(options.host ?? '0.0.0.0', address.port) : [];
  });
  attachSocketHandlers(io, gateway, { limiter, trustProxyHops, publicUrl: options.publicUrl, networkUrls, log: options.log });
  app = createHttpApp({
    service, sessions: gateway, clusterHealth: cluster && (() => cluster.health()),
    prepareSession: cluster ? (id) => cluster.prepareSession(id) : (id) => service.prepare(id, true) ?? Promise.resolve(),
    catalog: options.catalog, storageProblems: store.problems,
    diskBytes: () => store.diskBytes(), retainDays,
    storageStats: () => {
      if (!(store instanceof JournalStore)) return { writeMs: recentWriteMs.splice(0) };
      const { fsyncMs, ...journal } = store.health();
      return { writeMs: fsyncMs, journal };
    },
    overload: () => shedder.status(),
    debriefRouter: createDebriefRouter({ sessions: service, scenarios: options.catalog.scenarios, limiter, trustProxyHops }),
    clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR, publicUrl: options.publicUrl, networkUrls,
    limiter, trustProxyHops,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => { http.off('error', reject); resolve(); });
  });
  const port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    http, io, service, port, url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        clearInterval(sweeper);
        loopLag?.stop();
        await service.shutdown();
        await cluster?.close();
        await new Promise<void>((resolve) => { void io.close(() => resolve()); });
        await options.store.close();
      })();
      return closing;
    },
  };
}
