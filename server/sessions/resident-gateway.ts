/**
 * The gateway of one process (no cluster): the session service itself, except that a session
 * that has left memory (ended, its log on disk only) is read back before the call, so the
 * service's synchronous methods find it. In cluster mode ClusterGateway does this through ownership.
 */
import { BY_CODE, GATEWAY_METHODS, type GatewayArgs, type GatewayMethod, type GatewayResult, type SessionGateway } from './session-gateway.ts';
import type { SessionService } from './session-service.ts';

export function residentGateway(service: SessionService): SessionGateway {
  const wrap = <K extends GatewayMethod>(method: K) => (...args: GatewayArgs<K>): GatewayResult<K> | Promise<GatewayResult<K>> => {
    const call = () => (service[method] as (...a: GatewayArgs<K>) => GatewayResult<K> | Promise<GatewayResult<K>>).apply(service, args);
    // A new session needs nothing; presence only counts for sessions in memory.
    if (method === 'createSession' || method === 'connected') return call();
    const key = String(args[0]);
    const ready = BY_CODE.has(method) ? service.prepareByCode(key) : service.prepare(key);
    return ready === null ? call() : ready.then(call);
  };
  return Object.fromEntries(GATEWAY_METHODS.map((m) => [m, wrap(m)])) as unknown as SessionGateway;
}
