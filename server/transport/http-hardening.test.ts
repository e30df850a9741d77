/** Smaller HTTP defects: Host in join links, headers on /socket.io/, replay cache and limit (oversized bodies: request-body.test.ts). */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { BAD_HOST } from './host-header.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limit.ts';
import { client, ok, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
// The default limits, except creation (this file creates several sessions from one address) and
// replays (5, then hardly any: so the test does not depend on how fast this machine replays).
const limits = { ...DEFAULT_RATE_LIMITS, perAddress: { ...DEFAULT_RATE_LIMITS.perAddress, create: { capacity: 100, perSecond: 100 }, replay: { capacity: 5, perSecond: 0.01 } } };
beforeAll(async () => { server = await startToyServer({ rateLimits: limits }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });

describe('HTTP hardening', () => {
  it('puts only a plain host:port from the Host header into a join link', async () => {
    const post = (host: string) => new Promise<{ status: number; body: { error?: string; joinUrl?: string } }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/sessions', method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => { text += d.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: string; joinUrl?: string } }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 1 }));
    });
    expect(await post('evil.example/phish?x=')).toEqual({ status: 400, body: { error: BAD_HOST } });
    expect(await post('a@evil.example')).toMatchObject({ status: 400 });
    const good = await post('tabletop.example.org:8080');
    expect(good.status).toBe(201);
    expect(good.body.joinUrl).toMatch(/^http:\/\/tabletop\.example\.org:8080\/join\/[A-Z0-9]{4}-[A-Z0-9]{2}$/);
  });

  it('sends the CSP and nosniff headers on socket.io responses too, errors included', async () => {
    for (const path of ['/socket.io/?EIO=4&transport=polling', '/socket.io/?EIO=4&transport=nope']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('caches replays per (session, team, t) and limits the ones it has to compute', async () => {
    const host = await client(server.url);
    sockets.push(host);
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 30 });
    await ok(host, 'host:clock', { action: 'end' });
    const replay = (t: number) => fetch(`${server.url}/api/sessions/${created.sessionId}/replay?team=t1&t=${t}&samples=last`);
    const first = await (await replay(36000)).text();
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) statuses.push((await replay(36000 + i * 30)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    const limited = await replay(37999);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toMatch(/^too many requests from your network address; try again in \d+ s$/);
    // Cached answers cost nothing and are not limited: the same (team, t) is served, identical.
    for (let i = 0; i < 10; i++) {
      const again = await replay(36000);
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(first);
    }
  });
});
