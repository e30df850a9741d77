/**
 * GET /api/rooms/:code: the projector's view carries the teams' headlines and never the truth;
 * no score, rank or verdict before the end, the debrief's ranking after; injects every team got,
 * even one sent to each team in turn; a team rewound alone shows how far behind it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot, RoomView } from '../protocol/views.ts';
import type { RunningServer } from './create-server.ts';
import { client, ok, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer({ tickMs: 100 }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });

async function open(): Promise<ClientSocket> {
  const s = await client(server.url);
  sockets.push(s);
  return s;
}

async function room(code: string): Promise<RoomView> {
  const res = await fetch(`${server.url}/api/rooms/${code}`);
  expect(res.status).toBe(200);
  return (await res.json()) as RoomView;
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) { into.add(k); keysOf(v, into); }
  return into;
}

describe('room view', () => {
  it('shows the join link in the lobby, then each team without any truth or score until the end', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60 });
    const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const ada = await open();
    await ok(ada, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });

    const before = await room(created.code.replace('-', '').toLowerCase());
    expect(before.joinUrl).toBe(created.joinUrl);
    expect(before.teams.map((t) => [t.name, t.players])).toEqual([['Team 1', ['Ada']], ['Team 2', []]]);
    expect(before.disguised).toBe(false);

    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 30 });
    await ok(ada, 'team:diagnose', { clientActionId: 'd1', trigger: 'config_push', mechanism: 'bad_value' });
    const view = await room(created.code);
    expect(view.joinUrl).toBeNull();
    expect(view.teams[0]?.sparkline.length).toBeGreaterThan(10);
    expect(view.teams[0]?.firing).toBeGreaterThan(0);
    expect(view.ranking).toBeNull();
    for (const key of ['score', 'rank', 'points', 'milestonesReached', 'milestones', 'correct', 'verdict', 'supported', 'total']) expect(keysOf(view)).not.toContain(key);
    const json = JSON.stringify(view);
    for (const team of attached.snapshot.teams) expect(json).not.toContain(team.world.truth.headline);
    expect(json).not.toMatch(/"truth"|"realTimeline"|"correctDiagnosis"|"markers"|[Cc]orrect diagnosis/);

    await ok(host, 'host:clock', { action: 'end' });
    const after = await room(created.code);
    expect(after.ranking?.map((r) => r.teamId).sort()).toEqual(['t1', 't2']);
    // Ada's team diagnosed right and early: it leads.
    expect(after.ranking?.[0]).toMatchObject({ teamId: 't1', rank: 1 });
    expect(after.ranking?.[0]!.score).toBeGreaterThan(after.ranking![1]!.score);

    expect((await fetch(`${server.url}/api/rooms/ZZZZ-ZZ`)).status).toBe(404);
  });

  it('keeps an inject sent to each team in turn, and shows a team rewound alone as behind', async () => {
    const host = await open();
    // Speed 1: the few wall milliseconds the test takes move the clock by as many sim milliseconds.
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 3 });
    await ok(host, 'host:inject', { teamId: 't1', injectId: 'hint_changes' });
    expect((await room(created.code)).injects.map((i) => i.title)).toEqual([]);
    await ok(host, 'host:clock', { action: 'skip', minutes: 4 });
    await ok(host, 'host:inject', { teamId: 't2', injectId: 'hint_changes' });
    const both = await room(created.code);
    expect(both.injects.map((i) => [i.title, i.at])).toEqual([['Hint', 10 * 3600 + 7 * 60]]);

    await ok(host, 'host:rewind', { teamId: 't2', to: '10:02' });
    const rewound = await room(created.code);
    expect(rewound.teams.map((t) => [t.id, Math.round(t.behind / 60)])).toEqual([['t1', 0], ['t2', 5]]);
    // Rewound before the inject reached it: no longer every team's news.
    expect(rewound.injects).toEqual([]);
  });

  it('shows a disguised session in its aliases, and after the end says what each stood for', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60, disguise: true });
    const attached = await ok<{ snapshot: HostSnapshot }>(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    expect(attached.snapshot.scenario.title).toBe('Toy: a bad config push');
    expect(attached.snapshot.disguise?.aliases).toContainEqual({ real: 'API', alias: 'Gateway' });
    const ada = await open();
    await ok(ada, 'player:join', { code: created.code, name: 'Ada', teamId: 't1' });
    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 5 });
    await ok(ada, 'team:act', { clientActionId: 'a1', action: 'post_status', params: { message: 'The API fails after config v42' } });
    await ok(host, 'host:clock', { action: 'skip', minutes: 1 });
    const view = await room(created.code);
    expect(view.disguised).toBe(true);
    expect(view.scenario).toMatchObject({ title: 'Toy: a bad settings push at Acme', date: '2024-02-29' });
    expect(view.teams[0]!.statusMessage?.text).toBe('The Gateway fails after settings v42');
    expect(view.reveal).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/\bAPI\b|config|2025-01-01/);

    await ok(host, 'host:clock', { action: 'end' });
    const after = await room(created.code);
    expect(after.reveal).toMatchObject({ realTitle: 'Toy: a bad config push', aliases: expect.arrayContaining([{ real: 'API', alias: 'Gateway' }]) });
    expect(after.ranking).toHaveLength(1);
  });

  it('refuses a disguise that is not true or false', async () => {
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 60, disguise: 'yes' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/disguise/);
  });
});
