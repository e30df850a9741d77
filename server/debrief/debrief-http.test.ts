/**
 * Integration: a session played over real sockets, then its debrief over HTTP. The JSON and the
 * Markdown agree with the session's log, only the host sees it early, and after a restart (a new
 * server on the same data file) the permalink serves the same document.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClock, observe, planToCommands, runCommands, scoreRun, type Scenario } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { Debrief } from '../protocol/debrief.ts';
import type { TeamObservation } from '../protocol/views.ts';
import { LowdbStore } from '../storage/lowdb-store.ts';
import type { RunningServer } from '../transport/create-server.ts';
import { client, ok, startToyServer, type ClientSocket } from '../transport/test-support.ts';

let toy: Scenario;
let dir: string;
let server: RunningServer | null = null;
const sockets: ClientSocket[] = [];
const SEED = 23;

beforeAll(async () => {
  toy = await loadToyScenario();
  dir = await mkdtemp(path.join(tmpdir(), 'debrief-http-'));
  // A stand-in client build, so the permalink's SPA fallback is testable without `vite build`.
  await mkdir(path.join(dir, 'client'));
  await writeFile(path.join(dir, 'client', 'index.html'), '<!doctype html><title>Incident Tabletop</title>');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  server = await startToyServer({ store: await LowdbStore.open(path.join(dir, 'db.json')), tickMs: 100, clientDir: path.join(dir, 'client') });
  return server;
}

async function open(url: string): Promise<ClientSocket> {
  const s = await client(url);
  sockets.push(s);
  return s;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

describe('debrief over HTTP', () => {
  let created: CreatedSession;
  let sessionId: string;
  let firstJson: string;
  let firstMarkdown: string;

  it('is refused while the session runs, except to the host; served to all once it ends', async () => {
    const srv = await start();
    const host = await open(srv.url);
    created = await ok<CreatedSession>(host, 'session:create', { scenarioId: toy.data.id, teamCount: 2, speed: 60, seed: SEED, teamNames: ['Blue', 'Red'] });
    sessionId = created.sessionId;
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const [a, b] = [await open(srv.url), await open(srv.url)];
    await ok(a, 'player:join', { code: created.code, name: 'Ada', teamId: 't1', role: 'commander' });
    await ok(b, 'player:join', { code: created.code, name: 'Grace', teamId: 't2' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 8 });
    await ok(a, 'team:act', { clientActionId: 'a1', action: 'post_status', params: { state: 'investigating', components: ['api'], message: 'Blue | investigating the API errors' } });
    await ok(a, 'team:investigate', { clientActionId: 'a2', investigation: 'recent_changes' });
    await ok(b, 'team:act', { clientActionId: 'b1', action: 'restart_api' });
    await ok(b, 'team:diagnose', { clientActionId: 'b2', trigger: 'ddos', mechanism: 'overload', text: 'attack?' });
    await ok(b, 'team:chat', { clientActionId: 'b3', text: 'Red thinks it is an attack', pinned: true });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    await ok(a, 'team:diagnose', { clientActionId: 'a3', trigger: 'config_push', mechanism: 'bad_value' });
    await ok(a, 'team:act', { clientActionId: 'a4', action: 'rollback_config' });
    await ok(host, 'host:inject', { teamId: 't2', injectId: 'hint_changes' });

    const base = `${srv.url}/api/sessions/${sessionId}`;
    const refused = await get(`${base}/debrief.json`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/opens when the session ends/);
    expect((await get(`${base}/debrief.md`)).status).toBe(409);
    expect((await get(`${base}/replay?team=t1&t=36600`)).status).toBe(409);
    expect((await get(`${base}/debrief.json`, { 'X-Host-Secret': 'not-the-secret-at-all' })).status).toBe(403);
    const preview = await get(`${base}/debrief.json`, { 'X-Host-Secret': created.hostSecret });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    const early = (await preview.json()) as Debrief;
    expect(early.endedAt).toBeLessThan(toy.data.clock.end === '11:00' ? 39600 : Infinity);
    expect(early.session.endedAt).toBeNull();

    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });
    await ok(host, 'host:clock', { action: 'end' });
    const json = await get(`${base}/debrief.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition'), 'disposition').toMatch(/^attachment; filename="debrief-toy-config-push-.+\.json"$/);
    firstJson = await json.text();
    const md = await get(`${base}/debrief.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.md"$/);
    firstMarkdown = await md.text();
    expect((await get(`${srv.url}/api/sessions/nope/debrief.json`)).status).toBe(404);
  });

  it('agrees with the session log: every command at its time, scores equal scoreRun', async () => {
    const debrief = JSON.parse(firstJson) as Debrief;
    const finished = server!.service.getFinishedSession(sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const { session } = finished;
    expect(debrief.endedAt).toBe(session.endedAt);
    expect(debrief.session.code).toBe(created.code);
    const reference = runCommands(toy, SEED, planToCommands(toy.data.referencePlan), session.endedAt).world;
    for (const team of session.teams) {
      const d = debrief.teams.find((t) => t.id === team.id)!;
      const world = runCommands(toy, SEED, team.commands, session.endedAt).world;
      expect(d.score).toEqual(scoreRun(toy, world, reference));
      for (const { at, command } of team.commands) {
        const kind = { act: 'action', investigate: 'investigation', diagnose: 'diagnosis', cancel: 'investigation', inject: 'inject' }[command.type];
        const line = d.timeline.find((e) => e.kind === kind && Math.abs(e.at - at) < toy.data.clock.stepSeconds);
        expect(line, `${command.type} at ${formatClock(at)}`).toBeDefined();
        expect(firstMarkdown).toContain(`| ${line!.clock} | `);
      }
      expect(firstMarkdown).toContain(`**Score ${d.score.total}**, rank ${d.rank} of 2`);
    }
    const red = debrief.teams.find((t) => t.name === 'Red')!;
    expect(red.timeline.find((e) => e.kind === 'note')).toMatchObject({ ref: 'Grace', detail: 'Red thinks it is an attack' });
    expect(red.score.penalties.map((p) => p.kind).sort()).toEqual(['action', 'hint', 'wrong-diagnosis']);
    expect(debrief.comparison.filter((r) => r.ghost)).toHaveLength(1);
    expect(firstMarkdown).toContain('Blue \\| investigating');
  });

  it('replays a team dashboard at any sim time from the log', async () => {
    const finished = server!.service.getFinishedSession(sessionId);
    if (!finished.ok) throw new Error(finished.error);
    const blue = finished.session.teams[0]!;
    const t = blue.commands[1]!.at + 60;
    const res = await get(`${server!.url}/api/sessions/${sessionId}/replay?team=t1&t=${t}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { teamId: string; observation: TeamObservation };
    const expected = observe(toy, runCommands(toy, SEED, blue.commands, t).world, { role: 'team' });
    expect(body.observation).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.observation.actions.length).toBe(1);
    expect((await get(`${server!.url}/api/sessions/${sessionId}/replay?team=zz&t=${t}`)).status).toBe(400);
    expect((await get(`${server!.url}/api/sessions/${sessionId}/replay?team=t1&t=noon`)).status).toBe(400);
    const hhmm = await (await get(`${server!.url}/api/sessions/${sessionId}/replay?team=t1&t=10:10`)).json() as { observation: TeamObservation };
    expect(hhmm.observation.t).toBe(36600);
    const last = await (await get(`${server!.url}/api/sessions/${sessionId}/replay?team=t1&t=${t}&samples=last`)).json() as { observation: TeamObservation };
    expect(last.observation.samples).toEqual([body.observation.samples.at(-1)]);
    expect(last.observation.actions).toEqual(body.observation.actions);
  });

  it('serves the same debrief from the permalink after a restart', async () => {
    await server!.close();
    for (const s of sockets.splice(0)) s.close();
    const srv = await start();
    const json = await get(`${srv.url}/api/sessions/${sessionId}/debrief.json`);
    expect(json.status).toBe(200);
    expect(await json.text()).toBe(firstJson);
    expect(await (await get(`${srv.url}/api/sessions/${sessionId}/debrief.md`)).text()).toBe(firstMarkdown);
    // The page's permalink is the client app (SPA fallback), which then fetches the JSON above.
    const page = await get(`${srv.url}/debrief/${sessionId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Incident Tabletop</title>');
  });

  it('takes the facilitator\'s review after the end, with the host secret, scores it and keeps it through a restart', async () => {
    const base = `${server!.url}/api/sessions/${sessionId}`;
    const post = (body: unknown, headers: Record<string, string> = {}) => fetch(`${base}/reviews`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const review = { kind: 'points', teamId: 't1', points: 20, objective: 'communicate', reason: 'clear, honest updates' };
    expect((await post({ review })).status).toBe(403);
    expect((await post({ review }, { 'X-Host-Secret': 'not-the-secret-at-all' })).status).toBe(403);
    const bad = await post({ review: { ...review, points: 0 } }, { 'X-Host-Secret': created.hostSecret });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^invalid review: .*at least one point/);
    expect((await post({ review: { ...review, teamId: 'zz' } }, { 'X-Host-Secret': created.hostSecret })).status).toBe(400);
    const accepted = await post({ review }, { 'X-Host-Secret': created.hostSecret });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ ok: true, seq: expect.any(Number) });
    const item = { kind: 'improvement', teamId: 't1', what: 'Check the change log first', owner: 'Ada', due: 'next sprint' };
    expect((await post({ review: item, hostSecret: created.hostSecret })).status).toBe(201);

    const before = JSON.parse(firstJson) as Debrief;
    const after = (await (await get(`${base}/debrief.json`)).json()) as Debrief;
    const blue = after.teams.find((t) => t.id === 't1')!;
    expect(blue.score.total).toBe(Math.round((before.teams.find((t) => t.id === 't1')!.score.total + 20) * 10) / 10);
    expect(blue.improvementPlan).toMatchObject([{ what: 'Check the change log first', owner: 'Ada', due: 'next sprint' }]);
    expect(blue.reviewLog.map((r) => r.kind)).toEqual(['points', 'improvement']);
    expect(await (await get(`${base}/debrief.md`)).text()).toContain('| Check the change log first | Ada | next sprint | — |');

    await server!.close();
    const srv = await start();
    const again = (await (await get(`${srv.url}/api/sessions/${sessionId}/debrief.json`)).json()) as Debrief;
    expect(again.teams).toEqual(after.teams);
  });
});
