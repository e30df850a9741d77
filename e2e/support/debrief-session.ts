/**
 * A finished two-team session of the e2e fixture scenario, played over the socket protocol (fast
 * and exact) for the debrief's browser tests: Blue rolls back early and says so; Red chases an
 * attack and says "Resolved" too soon.
 */
import { expect } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/events.ts';

async function call<T extends object>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error}`);
  return ack;
}

async function connect(baseURL: string): Promise<Socket> {
  const socket = io(baseURL, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  return socket;
}

export async function playSession(baseURL: string): Promise<{ sessionId: string; code: string; hostSecret: string }> {
  const [host, blue, red] = [await connect(baseURL), await connect(baseURL), await connect(baseURL)];
  try {
    const created = await call<{ sessionId: string; code: string; hostSecret: string }>(host, 'session:create', { scenarioId: 'e2e-config-push', teamCount: 2, speed: 10, teamNames: ['Blue', 'Red'] });
    await call(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await call(blue, 'player:join', { code: created.code, name: 'Alice', teamId: 't1', role: 'commander' });
    await call(red, 'player:join', { code: created.code, name: 'Bob', teamId: 't2' });
    await call(host, 'host:clock', { action: 'start' });
    await call(host, 'host:clock', { action: 'skip', minutes: 5 });
    await call(blue, 'team:act', { clientActionId: 'b1', action: 'post_status', params: { state: 'investigating', components: ['checkout'], message: 'Investigating elevated errors on checkout' } });
    await call(red, 'team:act', { clientActionId: 'r0', action: 'post_status', params: { state: 'resolved', components: [], message: 'All good now, nothing to see here' } });
    await call(blue, 'team:investigate', { clientActionId: 'b2', investigation: 'recent_changes' });
    await call(red, 'team:diagnose', { clientActionId: 'r1', trigger: 'ddos', mechanism: 'overload', text: 'an attack?' });
    await call(host, 'host:clock', { action: 'skip', minutes: 5 });
    await call(blue, 'team:diagnose', { clientActionId: 'b3', trigger: 'config_push', mechanism: 'bad_value' });
    await call(blue, 'team:act', { clientActionId: 'b4', action: 'rollback_config' });
    await call(host, 'host:clock', { action: 'skip', minutes: 20 });
    // Still running: nobody but the host may read the debrief.
    const early = await fetch(`${baseURL}/api/sessions/${created.sessionId}/debrief.json`);
    expect(early.status).toBe(409);
    await call(host, 'host:clock', { action: 'end' });
    return { sessionId: created.sessionId, code: created.code, hostSecret: created.hostSecret };
  } finally {
    for (const s of [host, blue, red]) s.close();
  }
}
