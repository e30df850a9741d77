/** The HTTP side over a real port: health, scenarios, session creation, errors, headers, SPA fallback. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { startToyServer } from './test-support.ts';

let server: RunningServer;
beforeAll(async () => {
  const clientDir = await mkdtemp(path.join(tmpdir(), 'client-'));
  await writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(clientDir, 'app.js'), 'console.log(1)');
  server = await startToyServer({ clientDir });
});
afterAll(async () => { await server.close(); });

const post = (body: string, type = 'application/json') =>
  fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': type }, body });

describe('HTTP', () => {
  it('GET /healthz reports status, uptime, sessions and scenarios', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'ok', sessions: { sessions: 0, open: 0, ended: 0 }, scenarios: { loaded: ['toy-config-push'], refused: [] },
      storage: { problems: [], diskBytes: null, retainDays: 30 }, // the memory store has nothing on disk
    });
    expect(typeof body.uptimeSeconds).toBe('number');
    // Memory: the RSS and the V8 heap beside it, so a leak can be told from a heap not given back.
    expect(body.rssMb).toBeGreaterThan(0);
    expect(body.heapMb.used).toBeGreaterThan(0);
    expect(body.heapMb.total).toBeGreaterThanOrEqual(body.heapMb.used);
    expect(body.heapMb.spaces.old.size).toBeGreaterThan(0);
  });

  it('GET /api/scenarios lists summaries that spoil nothing', async () => {
    const body = await (await fetch(`${server.url}/api/scenarios`)).json();
    expect(body).toEqual([{ id: 'toy-config-push', title: 'Toy: a bad config push', summary: expect.any(String), difficulty: 'introductory', date: '2025-01-01', start: '10:00', end: '11:00', durationMinutes: 60, suggestedSpeed: null, disguisable: true }]);
  });

  it('POST /api/sessions creates a session; bad bodies get clear JSON errors, never a stack', async () => {
    const res = await post(JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 3, speed: 20, seed: 4 }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedSession;
    expect(created.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    expect(created.hostSecret).toHaveLength(32);
    expect(created.joinUrl).toBe(`http://127.0.0.1:${server.port}/join/${created.code}`);

    const cases: [string, number, RegExp][] = [
      ['{not json', 400, /not valid JSON/],
      [JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 13, speed: 20 }), 400, /teamCount/],
      [JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 2, speed: 0.5 }), 400, /speed/],
      [JSON.stringify({ scenarioId: 'nope', teamCount: 2, speed: 2 }), 404, /unknown scenario/],
      [JSON.stringify({ scenarioId: 'x', teamCount: 2, speed: 2, extra: 1 }), 400, /invalid session request/],
      [JSON.stringify({ pad: 'x'.repeat(40_000) }), 413, /too large/],
    ];
    for (const [body, status, error] of cases) {
      const r = await post(body);
      expect(r.status, body.slice(0, 40)).toBe(status);
      const text = await r.text();
      expect(JSON.parse(text).error).toMatch(error);
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('sets security headers, serves the client, and falls back to index.html for client routes only', async () => {
    const res = await fetch(`${server.url}/host/K7QX-2M`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain('connect-src');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    for (const route of ['/', '/join/ABCD-EF', '/play/ABCD-EF', '/debrief/abc123']) expect((await fetch(`${server.url}${route}`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${server.url}/api/unknown`)).status).toBe(404);
    expect((await fetch(`${server.url}/nothing/here`)).status).toBe(404);
    const debrief = await fetch(`${server.url}/api/sessions/abc/debrief.json`);
    expect(debrief.status).toBe(404);
    expect((await debrief.json()).error).toBeTypeOf('string');
  });
});
