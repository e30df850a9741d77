/** POST /api/sessions/:sessionId/branches and host:branch over a real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Debrief } from '../protocol/debrief.ts';
import type { BranchedSession, CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot, TeamSnapshot } from '../protocol/views.ts';
import { NEEDS_HOST_SECRET } from '../sessions/branch-session.ts';
import type { RunningServer } from './create-server.ts';
import { call, client, ok, OPEN_LIMITS, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => { server = await startToyServer({ tickMs: 200 }); });
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

async function open(url = server.url): Promise<ClientSocket> {
  const s = await client(url);
  sockets.push(s);
  return s;
}

function post(path: string, body: unknown, url = server.url): Promise<{ status: number; json: Record<string, unknown> }> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, json: await r.json() as Record<string, unknown> }));
}

/** A running session at 10:10, paused, where team 1 restarted the API at 10:05. */
async function runningParent(url = server.url) {
  const host = await open(url);
  const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60, seed: 3 });
  await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
  const player = await open(url);
  await ok(player, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
  await ok(host, 'host:clock', { action: 'start' });
  await ok(host, 'host:clock', { action: 'pause' });
  await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
  await ok(host, 'host:clock', { action: 'resume' });
  await ok(player, 'team:act', { clientActionId: 'a1', action: 'restart_api' });
  await ok(host, 'host:clock', { action: 'pause' });
  await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
  return { host, player, created };
}

describe('branching over HTTP and sockets', () => {
  it('POST branches: a running parent needs its host secret; refusals carry a status and a reason', async () => {
    const { created } = await runningParent();
    const path = `/api/sessions/${created.sessionId}/branches`;
    expect(await post(path, { teamId: 't1', at: '10:06' })).toEqual({ status: 403, json: { error: NEEDS_HOST_SECRET } });
    expect(await post(path, { teamId: 't1', at: '10:06', hostSecret: 'not-the-secret-at-all' })).toEqual({ status: 403, json: { error: NEEDS_HOST_SECRET } });
    expect(await post('/api/sessions/nope/branches', { teamId: 't1', at: '10:06' })).toEqual({ status: 404, json: { error: 'no such session' } });
    expect((await post(path, { teamId: 't7', at: '10:06', hostSecret: created.hostSecret })).status).toBe(404);
    expect(await post(path, { teamId: 't1', at: '10:20', hostSecret: created.hostSecret }))
      .toEqual({ status: 400, json: { error: expect.stringContaining('only been played to 10:10') } });
    expect(await post(path, { teamId: 't1', at: '25:00', hostSecret: created.hostSecret }))
      .toEqual({ status: 400, json: { error: expect.stringMatching(/^invalid branch request: .*HH:MM/) } });

    const branched = await post(path, { teamId: 't1', at: '10:06', hostSecret: created.hostSecret });
    expect(branched.status).toBe(201);
    const b = branched.json as unknown as BranchedSession;
    expect(Object.keys(b).sort()).toEqual(['branchedAt', 'code', 'hostSecret', 'hostUrl', 'joinUrl', 'parentSessionId', 'sessionId']);
    expect(b).toMatchObject({ parentSessionId: created.sessionId, branchedAt: 10 * 3600 + 6 * 60 });

    // The branch's host attaches with the new secret; a responder joins its one team and sees the inherited action.
    const branchHost = await open();
    const attached = await ok<{ snapshot: HostSnapshot }>(branchHost, 'host:attach', { code: b.code, hostSecret: b.hostSecret });
    expect(attached.snapshot.clock).toMatchObject({ status: 'paused', simTime: b.branchedAt });
    const responder = await open();
    const joined = await ok<{ snapshot: TeamSnapshot }>(responder, 'player:join', { code: b.code, name: 'Eve', teamId: 't1' });
    expect(joined.snapshot.world!.actions).toEqual([expect.objectContaining({ action: 'restart_api', inherited: true })]);
  });

  it('host:branch branches the host’s own session; anyone may branch an ended one', async () => {
    const { host, created } = await runningParent();
    const own = await ok<BranchedSession>(host, 'host:branch', { teamId: 't2', at: 10 * 3600 + 600 });
    expect(own).toMatchObject({ parentSessionId: created.sessionId, branchedAt: 10 * 3600 + 600 });
    const stranger = await open();
    expect(await call(stranger, 'host:branch', { sessionId: created.sessionId, teamId: 't1', at: '10:05' })).toEqual({ ok: false, error: NEEDS_HOST_SECRET });
    expect(await call(stranger, 'host:branch', { teamId: 't1', at: '10:05' })).toMatchObject({ ok: false, error: expect.stringContaining('attach as its host') });

    await ok(host, 'host:clock', { action: 'end' });
    await ok<BranchedSession>(stranger, 'host:branch', { sessionId: created.sessionId, teamId: 't1', at: '10:05' });
    expect((await post(`/api/sessions/${created.sessionId}/branches`, { teamId: 't1', at: '10:05' })).status).toBe(201);
  });

  it('debrief.json carries the lineage both ways, fresh even when the parent’s debrief was cached', async () => {
    const { host, created } = await runningParent();
    await ok(host, 'host:clock', { action: 'end' });
    const debriefOf = async (id: string) => (await fetch(`${server.url}/api/sessions/${id}/debrief.json`)).json() as Promise<Debrief>;
    expect((await debriefOf(created.sessionId)).lineage).toEqual({ parent: null, children: [] });
    const b = (await post(`/api/sessions/${created.sessionId}/branches`, { teamId: 't1', at: '10:06' })).json as unknown as BranchedSession;
    const branchHost = await open();
    await ok(branchHost, 'host:attach', { code: b.code, hostSecret: b.hostSecret });
    await ok(branchHost, 'host:clock', { action: 'end' });

    const link = { code: b.code, sessionId: b.sessionId, teamId: 't1', branchedAt: b.branchedAt, branchedClock: '10:06' };
    expect((await debriefOf(created.sessionId)).lineage).toEqual({ parent: null, children: [{ ...link, ended: true }] });
    const branchDebrief = await debriefOf(b.sessionId);
    expect(branchDebrief.lineage).toEqual({ parent: { ...link, sessionId: created.sessionId, code: created.code }, children: [] });
    expect(branchDebrief.branch).toMatchObject({ at: b.branchedAt, clock: '10:06', parentSessionId: created.sessionId, parentTeamId: 't1' });
    expect(branchDebrief.branch!.parentRun!.timeline.map((e) => e.ref)).toEqual(['restart_api']);
    expect(branchDebrief.teams[0]!.timeline.map((e) => [e.ref, e.inherited])).toEqual([['restart_api', true]]);
  });

  it('is rate-limited with session creation', async () => {
    const tight = { ...OPEN_LIMITS, perAddress: { ...OPEN_LIMITS.perAddress, create: { capacity: 2, perSecond: 0.001 } } };
    const limited = await startToyServer({ rateLimits: tight });
    try {
      const { created } = await runningParent(limited.url); // uses one creation
      const path = `/api/sessions/${created.sessionId}/branches`;
      expect((await post(path, { teamId: 't1', at: '10:05', hostSecret: created.hostSecret }, limited.url)).status).toBe(201);
      expect((await post(path, { teamId: 't1', at: '10:05', hostSecret: created.hostSecret }, limited.url)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
