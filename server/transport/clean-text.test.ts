/** Defect: empty and control-character text was accepted over the socket. Real clients, real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, ok, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer(); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });
async function open(): Promise<ClientSocket> { const s = await client(server.url); sockets.push(s); return s; }

describe('text over the socket', () => {
  it('refuses an empty name and empty chat with a reason, and stores names cleaned', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 1 });
    const player = await open();
    expect(await call(player, 'player:join', { code: created.code, name: '\u0000\u0001\u0002', teamId: 't1' }))
      .toEqual({ ok: false, error: 'invalid player:join payload: name: a name cannot be empty (control characters and surrounding spaces do not count)' });
    const joined = await ok<{ snapshot: { you: { name: string } } }>(player, 'player:join', { code: created.code, name: 'Ada\n\u0085\u009b\tL\u202e', teamId: 't1' });
    expect(joined.snapshot.you.name).toBe('Ada L');
    expect(await call(player, 'team:chat', { clientActionId: 'c1', text: '\u0001' }))
      .toEqual({ ok: false, error: 'invalid team:chat payload: text: a chat message cannot be empty (control characters and surrounding spaces do not count)' });
  });
});
