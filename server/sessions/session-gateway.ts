/**
 * What the transport asks of sessions. In one process that is the session service itself; in
 * cluster mode (server/cluster) a router that serves a session on the node that owns it, so every
 * answer may be a promise. The method names double as the list of requests a node may forward.
 */
import type { SessionService } from './session-service.ts';

export const GATEWAY_METHODS = [
  'createSession', 'attachHost', 'roomView', 'hostSnapshot', 'controlClock', 'movePlayer', 'renameTeam', 'inject', 'branchSession', 'rewind', 'rewindWithSecret',
  'join', 'resume', 'teamSnapshot', 'chooseTeam', 'setRole', 'command', 'chat', 'connected',
] as const;

export type GatewayMethod = (typeof GATEWAY_METHODS)[number];

/** Methods whose first argument is a join code; every other one (but createSession) takes a session id. */
export const BY_CODE: ReadonlySet<GatewayMethod> = new Set<GatewayMethod>(['attachHost', 'roomView', 'join', 'resume']);

type MaybeAsync<F> = F extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> | Promise<Awaited<R>> : never;

export type SessionGateway = { [K in GatewayMethod]: MaybeAsync<SessionService[K]> };

export type GatewayArgs<K extends GatewayMethod> = Parameters<SessionService[K]>;
export type GatewayResult<K extends GatewayMethod> = Awaited<ReturnType<SessionService[K]>>;
