/**
 * The socket.io layer: each event is rate-limited, validated with its zod schema, and mapped to
 * one session-service call whose result is the acknowledgement. Who a socket is (host of a
 * session, or a player seat) lives in socket.data, set only by host:attach / player:join /
 * player:resume; a responder's team always comes from its seat, never from a payload.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Command } from '../engine/index.ts';
import type { Ack, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../protocol/events.ts';
import {
  actSchema, cancelSchema, chatSchema, chooseTeamSchema, clockControlSchema, createSessionSchema, diagnoseSchema, hostAttachSchema,
  hostBranchSchema, hostInjectSchema, hostRewindSchema, investigateSchema, joinSchema, movePlayerSchema, renameTeamSchema, resumeSchema, setRoleSchema,
} from '../protocol/payloads.ts';
import type { SessionGateway } from '../sessions/session-gateway.ts';
import { GUESS_ANSWERS } from '../sessions/session-lobby.ts';
import { clientAddress } from './client-address.ts';
import { plainHost } from './host-header.ts';
import { RateLimiter, type LimitKind, type RequestLimiter } from './rate-limit.ts';
import { joinBase, withJoinLinks } from './public-urls.ts';
import { rooms, type AppServer } from './socket-outbox.ts';
import { resyncSchema, zodProblem } from './validation.ts';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type Reply = (ack: Ack<object>) => void;
type Handler<S extends z.ZodType> = (payload: z.output<S>, socket: AppSocket) => Ack<object> | Promise<Ack<object>>;

export interface SocketHandlerOptions {
  /** Shared with the HTTP routes, so limits per address count both. */
  limiter?: RequestLimiter;
  /** Proxy hops whose X-Forwarded-For is believed (TRUST_PROXY); 0: the peer address. */
  trustProxyHops?: number;
  /** Public base URL for join links; otherwise taken from the request's Host header. */
  publicUrl?: string;
  /** This server's network base URLs (see public-urls.ts), asked when a socket connects. */
  networkUrls?: () => string[];
  log?: (message: string) => void;
}

const NOT_HOST: Ack = { ok: false, error: 'only the facilitator can do that (attach with the host secret first)' };
const NOT_PLAYER: Ack = { ok: false, error: 'join the session first (or resume your seat)' };

export function attachSocketHandlers(io: AppServer, service: SessionGateway, options: SocketHandlerOptions = {}): void {
  const limiter: RequestLimiter = options.limiter ?? new RateLimiter();
  const log = options.log ?? ((m: string) => console.error(m));

  io.on('connection', (socket) => {
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], options.trustProxyHops ?? 0);
    const join = joinBase(plainHost(socket.handshake.headers.host) ?? 'localhost', { publicUrl: options.publicUrl, networkUrls: options.networkUrls?.() ?? [] });
    const baseUrl = join.baseUrl;
    const known = new Set<string>();

    // socket.io's typed `on` cannot take a generic event name; payloads are unknown until parsed anyway.
    const listen = (event: string, fn: (...args: unknown[]) => void) => (socket as unknown as { on(ev: string, f: (...a: unknown[]) => void): void }).on(event, fn);

    function on<S extends z.ZodType>(event: keyof ClientToServerEvents, kind: LimitKind, schema: S, handler: Handler<S>): void {
      known.add(event);
      listen(event, (...args: unknown[]) => {
        const last = args.at(-1);
        const reply: Reply = typeof last === 'function' ? (ack) => { (last as Reply)(ack); } : () => {};
        const payload = typeof args[0] === 'function' ? undefined : args[0];
        const run = async (): Promise<Ack<object>> => {
          const limited = await limiter.take(kind, address, seatKey());
          if (limited) return { ok: false, error: limited };
          const parsed = schema.safeParse(payload);
          if (!parsed.success) return { ok: false, error: `invalid ${event} payload: ${zodProblem(parsed.error)}` };
          return handler(parsed.data, socket);
        };
        run().then(reply, (err: unknown) => {
          log(`error in ${event}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
          reply({ ok: false, error: 'the server failed to handle this request' });
        });
      });
    }

    /** The seat limits count against, across all its sockets: a player, or a session's host. */
    const seatKey = (): string | null => socket.data.hostOf ? `${socket.data.hostOf}/host`
      : socket.data.sessionId && socket.data.playerId ? `${socket.data.sessionId}/${socket.data.playerId}` : null;

    /** Looking up a join code (or a seat token, or a host secret): wrong guesses are throttled per address. */
    async function guarded<T extends Ack<object>>(lookup: () => T | Promise<T>): Promise<T | { ok: false; error: string }> {
      const refusal = await limiter.codeGuess(address);
      if (refusal) return { ok: false, error: refusal };
      const result = await lookup();
      if (result.ok || !GUESS_ANSWERS.includes(result.error)) limiter.rightCode(address);
      return result;
    }

    const hostSession = (): string | null => socket.data.hostOf ?? null;
    const seat = (): { sessionId: string; playerId: string } | null =>
      socket.data.sessionId && socket.data.playerId ? { sessionId: socket.data.sessionId, playerId: socket.data.playerId } : null;

    function unbind(): void {
      const before = seat();
      if (before) void service.connected(before.sessionId, before.playerId, -1);
      for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
      socket.data = {};
    }

    /** `teamId`: the seat's team, from the snapshot the session just answered with. */
    function bindPlayer(sessionId: string, playerId: string, teamId: string | null): void {
      unbind();
      socket.data = { sessionId, playerId };
      void socket.join([rooms.session(sessionId), rooms.player(sessionId, playerId)]);
      if (teamId) void socket.join(rooms.team(sessionId, teamId));
      void service.connected(sessionId, playerId, 1);
    }

    on('session:create', 'create', createSessionSchema, (p) => service.createSession(p, baseUrl, address));

    on('host:attach', 'other', hostAttachSchema, async (p) => {
      const result = await guarded(() => service.attachHost(p.code, p.hostSecret, baseUrl));
      if (!result.ok) return result;
      unbind();
      socket.data = { sessionId: result.sessionId, hostOf: result.sessionId };
      void socket.join([rooms.session(result.sessionId), rooms.host(result.sessionId)]);
      return { ok: true, snapshot: withJoinLinks(result.snapshot, join) };
    });

    on('host:clock', 'other', clockControlSchema, (p) => {
      const sessionId = hostSession();
      return sessionId ? service.controlClock(sessionId, p) : NOT_HOST;
    });

    // Its own session by default; another one only if it has ended (open like its debrief).
    on('host:branch', 'create', hostBranchSchema, (p) => {
      const sessionId = p.sessionId ?? hostSession();
      if (!sessionId) return { ok: false, error: 'name the session to branch (sessionId), or attach as its host first' };
      return service.branchSession(sessionId, { teamId: p.teamId, at: p.at }, { hostOf: hostSession() ?? undefined }, baseUrl, address);
    });

    on('host:move-player', 'other', movePlayerSchema, (p) => {
      const sessionId = hostSession();
      return sessionId ? service.movePlayer(sessionId, p.playerId, p.teamId) : NOT_HOST;
    });

    on('host:rename-team', 'other', renameTeamSchema, (p) => {
      const sessionId = hostSession();
      return sessionId ? service.renameTeam(sessionId, p.teamId, p.name) : NOT_HOST;
    });

    on('host:inject', 'command', hostInjectSchema, (p) => {
      const sessionId = hostSession();
      return sessionId ? service.inject(sessionId, p) : NOT_HOST;
    });

    on('host:rewind', 'other', hostRewindSchema, (p) => {
      const sessionId = hostSession();
      return sessionId ? service.rewind(sessionId, p) : NOT_HOST;
    });

    on('player:join', 'other', joinSchema, async (p) => {
      const result = await guarded(() => service.join(p.code, p.name, p.teamId ?? null, p.role ?? null));
      if (!result.ok) return result;
      bindPlayer(result.sessionId, result.playerId, result.snapshot.team?.id ?? null);
      return { ok: true, playerToken: result.playerToken, snapshot: result.snapshot };
    });

    on('player:resume', 'other', resumeSchema, async (p) => {
      const result = await guarded(() => service.resume(p.code, p.playerToken));
      if (!result.ok) return result;
      bindPlayer(result.sessionId, result.playerId, result.snapshot.team?.id ?? null);
      // Snapshot again after binding so the lobby in it shows this player connected.
      const fresh = await service.teamSnapshot(result.sessionId, result.playerId);
      return fresh.ok ? { ok: true, snapshot: fresh.snapshot } : fresh;
    });

    on('player:choose-team', 'other', chooseTeamSchema, (p) => {
      const s = seat();
      return s ? service.chooseTeam(s.sessionId, s.playerId, p.teamId) : NOT_PLAYER;
    });

    on('player:set-role', 'other', setRoleSchema, (p) => {
      const s = seat();
      return s ? service.setRole(s.sessionId, s.playerId, p.role) : NOT_PLAYER;
    });

    on('session:resync', 'other', resyncSchema, async () => {
      const host = hostSession();
      if (host) {
        const result = await service.hostSnapshot(host, baseUrl);
        return result.ok ? { ok: true, snapshot: withJoinLinks(result.snapshot, join) } : result;
      }
      const s = seat();
      return s ? service.teamSnapshot(s.sessionId, s.playerId) : NOT_PLAYER;
    });

    // The session sets the responder (`by`) to the seat's player: a payload cannot name one.
    const runCommand = (clientActionId: string, command: Command) => {
      const s = seat();
      return s ? service.command(s.sessionId, s.playerId, clientActionId, command) : NOT_PLAYER;
    };
    on('team:investigate', 'command', investigateSchema, (p) => runCommand(p.clientActionId, { type: 'investigate', investigation: p.investigation, params: p.params ?? {} }));
    on('team:act', 'command', actSchema, (p) => runCommand(p.clientActionId, { type: 'act', action: p.action, params: p.params ?? {} }));
    on('team:cancel', 'command', cancelSchema, (p) => runCommand(p.clientActionId, { type: 'cancel', entry: p.entry }));
    on('team:diagnose', 'command', diagnoseSchema, (p) => runCommand(p.clientActionId, {
      type: 'diagnose', trigger: p.trigger, mechanism: p.mechanism, text: p.text ?? '',
      ...(p.component !== undefined ? { component: p.component } : {}), ...(p.evidence !== undefined ? { evidence: p.evidence } : {}),
    }));

    on('team:chat', 'chat', chatSchema, (p) => {
      const s = seat();
      return s ? service.chat(s.sessionId, s.playerId, p.clientActionId, p.text, p.pinned ?? false) : NOT_PLAYER;
    });

    // Unknown events: nothing happens, but a caller waiting for an answer gets one.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && known.has(event)) return;
      const last = args.at(-1);
      if (typeof last === 'function') (last as Reply)({ ok: false, error: 'unknown event' });
    });

    socket.on('disconnect', () => {
      const s = seat();
      if (s) void service.connected(s.sessionId, s.playerId, -1);
    });
  });
}
