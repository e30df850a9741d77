/**
 * Limits hold per client address and per seat, not per socket: many real socket.io clients from
 * one address (127.0.0.1) get no more than one would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import { JOIN_CODE_ALPHABET } from '../protocol/join-code.ts';
import { addressKey, clientAddress } from './client-address.ts';
import type { RunningServer } from './create-server.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limit.ts';
import { call, client, ok, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer | null = null;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = null;
});
async function open(count: number, headers?: Record<string, string>): Promise<ClientSocket[]> {
  const opened = await Promise.all(Array.from({ length: count }, () => client(server!.url, ['websocket'], headers)));
  sockets.push(...opened);
  return opened;
}
const errors = (acks: { ok: boolean; error?: string }[]) => acks.filter((a) => !a.ok).map((a) => a.error ?? '');

describe('rate limits per address and per seat', () => {
  it('session:create: 20 sockets × 3 from one address make 3 sessions, and HTTP then answers 429', async () => {
    server = await startToyServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const hosts = await open(20);
    const acks = await Promise.all(hosts.flatMap((s) => [0, 1, 2].map(() => call(s, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 1 }))));
    expect(acks.filter((a) => a.ok)).toHaveLength(DEFAULT_RATE_LIMITS.perAddress.create.capacity);
    expect(errors(acks)[0]).toMatch(/^too many sessions created from your network address; try again in \d+ s$/);
    const http = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 1 }) });
    expect(http.status).toBe(429);
    expect(((await http.json()) as { error: string }).error).toMatch(/^too many sessions created/);
  });

  it('join-code guesses: 40 sockets × 30 random codes get 10 answers, then a refusal with the wait', async () => {
    server = await startToyServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const host = (await open(1))[0]!;
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 1 });
    const guessers = await open(40);
    const letter = (n: number) => JOIN_CODE_ALPHABET[n % JOIN_CODE_ALPHABET.length]!;
    const code = (i: number) => `ZZZ${letter(i)}${letter(Math.floor(i / 31))}${letter(Math.floor(i / 961))}`;
    const acks = await Promise.all(guessers.flatMap((s, si) => Array.from({ length: 30 }, (_, i) => call(s, 'player:join', { code: code(si * 30 + i), name: 'Guess' }))));
    const answered = acks.filter((a) => !a.ok && a.error === 'no session with that code');
    expect(answered.length).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS.perAddress.joinFailure.capacity + 1);
    const throttled = errors(acks).filter((e) => /^too many wrong join codes from your network address; try again in \d+ s$/.test(e));
    const overall = errors(acks).filter((e) => /^too many requests from your network address; try again in \d+ s$/.test(e));
    expect(throttled.length).toBeGreaterThan(100);
    expect(answered.length + throttled.length + overall.length).toBe(40 * 30);
    // While throttled, the right code from that address waits too (the server cannot tell guessers apart).
    await sleep(1100);
    expect((await call(guessers[0]!, 'player:join', { code: created.code, name: 'Real' })).error).toMatch(/^too many wrong join codes from your network address; try again in \d+ s$/);
  });

  it('one seat on 10 sockets gets the chat allowance of one seat', async () => {
    server = await startToyServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const [host, first] = await open(2);
    const created = await ok<CreatedSession>(host!, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60, lateJoiners: 'open' });
    await ok(host!, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(host!, 'host:clock', { action: 'start' });
    const joined = await ok<{ playerToken: string }>(first!, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    const same = await open(9);
    for (const s of same) await ok(s, 'player:resume', { code: created.code, playerToken: joined.playerToken });
    const seat = [first!, ...same];
    const acks = await Promise.all(seat.flatMap((s, si) => Array.from({ length: 8 }, (_, i) => call(s, 'team:chat', { clientActionId: `m${si}-${i}`, text: `hi ${si}-${i}` }))));
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS.perSeat.chat.capacity + 1);
    expect(errors(acks)[0]).toMatch(/^too many requests from your seat; slow down and try again in \d+ s$/);
  });

  it('X-Forwarded-For counts only behind a configured proxy', async () => {
    server = await startToyServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const forged = await Promise.all([1, 2, 3, 4].map((i) => open(1, { 'x-forwarded-for': `203.0.113.${i}` })));
    const acks = await Promise.all(forged.map(([s]) => call(s!, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 1 })));
    expect(acks.filter((a) => a.ok)).toHaveLength(3); // all one address: the forged header is ignored
    await server.close();

    server = await startToyServer({ rateLimits: DEFAULT_RATE_LIMITS, trustProxyHops: 1 });
    const proxied = await Promise.all([1, 2, 3, 4].map((i) => open(1, { 'x-forwarded-for': `198.51.100.7, 203.0.113.${i}` })));
    const behindProxy = await Promise.all(proxied.map(([s]) => call(s!, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 1 })));
    expect(behindProxy.filter((a) => a.ok)).toHaveLength(4); // four clients, as the proxy saw them
  });

  it('addresses: IPv4-mapped IPv6 is IPv4, IPv6 counts per /64, a malformed forwarded address is ignored', () => {
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddress('10.0.0.1', 'evil, not-an-ip', 1)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '203.0.113.9', 0)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.1.1.1, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });
});
