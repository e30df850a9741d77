/**
 * Responders' attention and the diagnosis with its evidence, over real sockets: the session sets
 * each command's responder to the acting player (a payload cannot name one), a busy player's
 * command is refused in the acknowledgement with what keeps them busy and until when, a teammate
 * can cancel a running investigation, and a right diagnosis whose cited findings do not support it
 * earns no diagnosis credit in the session's debrief. Acknowledgements never carry a verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Debrief } from '../protocol/debrief.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { HostSnapshot, TeamSnapshot } from '../protocol/views.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { loadReasoningToy } from '../solver/test-fixtures/reasoning-toy.ts';
import { startServer, type RunningServer } from './create-server.ts';
import { call, client, ok, OPEN_LIMITS, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  const toy = await loadReasoningToy();
  server = await startServer({ catalog: { scenarios: new Map([[toy.data.id, toy]]), refused: [] }, store: new MemoryStore(), host: '127.0.0.1', port: 0, rateLimits: OPEN_LIMITS, tickMs: 100 });
});
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });

async function open(): Promise<ClientSocket> { const s = await client(server.url); sockets.push(s); return s; }
type CommandOk = { entry: number; seq: number; duplicate: boolean };
const world = async (s: ClientSocket) => (await ok<{ snapshot: TeamSnapshot }>(s, 'session:resync', {})).snapshot.world!;

describe("responders' attention over sockets", () => {
  it('the player is the responder; busy refusals, cancels and cited findings work as the engine says; only supported diagnoses earn credit', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 1, seed: 7 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const [ada, alan, grace, edsger] = [await open(), await open(), await open(), await open()];
    const seat = async (s: ClientSocket, name: string, teamId: string) => (await ok<{ snapshot: TeamSnapshot }>(s, 'player:join', { code: created.code, name, teamId })).snapshot.you.id;
    const adaId = await seat(ada, 'Ada', 't1');
    const alanId = await seat(alan, 'Alan', 't1');
    await seat(grace, 'Grace', 't2');
    await seat(edsger, 'Edsger', 't2');
    await ok(host, 'host:clock', { action: 'start' });
    // At speed 1 the clock moves a sim second per second: skips set the pace.
    await ok(host, 'host:clock', { action: 'skip', minutes: 8 });

    // A client never chooses the responder: a payload naming one is refused outright.
    const named = await call(ada, 'team:investigate', { clientActionId: 'named', investigation: 'recent_changes', by: alanId });
    expect(named.ok).toBe(false);
    expect(!named.ok && named.error).toMatch(/^invalid team:investigate payload/);

    const logs = await ok<CommandOk>(ada, 'team:investigate', { clientActionId: 'logs', investigation: 'logs', params: { service: 'api' } });
    const busy = await call(ada, 'team:investigate', { clientActionId: 'changes-ada', investigation: 'recent_changes' });
    expect(busy).toEqual({ ok: false, error: expect.stringMatching(/^you are busy with "Query logs \(API\)" until 10:1\d: cancel it, or ask a teammate$/) });
    const changes = await ok<CommandOk>(alan, 'team:investigate', { clientActionId: 'changes', investigation: 'recent_changes' });
    let w = await world(ada);
    expect(w.investigations.map((i) => [i.entry, i.by, i.status])).toEqual([[logs.entry, adaId, 'running'], [changes.entry, alanId, 'running']]);

    // Any teammate may cancel; another team cannot reach it (its world has no such entry).
    const foreign = await call(grace, 'team:cancel', { clientActionId: 'foreign', entry: changes.entry });
    expect(foreign).toEqual({ ok: false, error: `no investigation F${changes.entry} on your board` });
    const cancelled = await ok<CommandOk>(ada, 'team:cancel', { clientActionId: 'cancel', entry: changes.entry });
    expect(Object.keys(cancelled).sort()).toEqual(['duplicate', 'entry', 'ok', 'seq']);
    w = await world(alan);
    expect(w.investigations.find((i) => i.entry === changes.entry)).toMatchObject({ status: 'cancelled', by: alanId });
    expect((await call(alan, 'team:cancel', { clientActionId: 'cancel-again', entry: changes.entry }))).toEqual({ ok: false, error: 'that investigation is no longer running' });
    // Alan is free again at once.
    const changes2 = await ok<CommandOk>(alan, 'team:investigate', { clientActionId: 'changes-2', investigation: 'recent_changes' });

    // Team 2 finds the same, by two hands too.
    const gLogs = await ok<CommandOk>(grace, 'team:investigate', { clientActionId: 'g-logs', investigation: 'logs', params: { service: 'api' } });
    await ok<CommandOk>(edsger, 'team:investigate', { clientActionId: 'e-changes', investigation: 'recent_changes' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 4 });
    const history = await ok<CommandOk>(ada, 'team:investigate', { clientActionId: 'history', investigation: 'config_history' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 3 });
    w = await world(ada);
    expect(w.investigations.filter((i) => i.status === 'complete').map((i) => i.entry)).toEqual([logs.entry, changes2.entry, history.entry]);

    const right = { trigger: 'change_config_v42', component: 'svc_api', mechanism: 'generated_file_over_limit' };
    const cited = await ok<CommandOk>(ada, 'team:diagnose', { clientActionId: 'diag', ...right, evidence: [`F${changes2.entry}`, `F${history.entry}`], text: 'v42 grew the table past 4096' });
    // The acknowledgement says it was recorded, never whether it is right.
    expect(Object.keys(cited).sort()).toEqual(['duplicate', 'entry', 'ok', 'seq']);
    expect(await call(ada, 'team:diagnose', { clientActionId: 'diag-bad', ...right, evidence: ['F999'] })).toEqual({ ok: false, error: 'F999 is not a finding on your evidence board' });
    expect((await call(ada, 'team:diagnose', { clientActionId: 'diag-junk', ...right, evidence: ['logs'] })).ok).toBe(false);
    await ok<CommandOk>(grace, 'team:diagnose', { clientActionId: 'g-diag', ...right, evidence: [`F${gLogs.entry}`] });

    // The team sees its claim and its citations; mission control sees the hidden support per part.
    w = await world(ada);
    expect(w.diagnoses).toEqual([expect.objectContaining({ ...right, by: adaId, evidence: [`F${changes2.entry}`, `F${history.entry}`] })]);
    expect(JSON.stringify(w.diagnoses)).not.toMatch(/support|correct|Right/);
    const hostView = (await ok<{ snapshot: HostSnapshot }>(host, 'session:resync', {})).snapshot;
    const [t1, t2] = hostView.teams.map((t) => t.world.diagnoses[0]!) as [HostSnapshot['teams'][number]['world']['diagnoses'][number], HostSnapshot['teams'][number]['world']['diagnoses'][number]];
    expect(t1).toMatchObject({ correct: true, supported: true, support: { trigger: true, component: true, mechanism: true } });
    expect(t2).toMatchObject({ correct: true, supported: false, support: { trigger: false, component: true, mechanism: false } });

    await ok(host, 'host:clock', { action: 'end' });
    const debrief = await (await fetch(`${server.url}/api/sessions/${hostView.sessionId}/debrief.json`)).json() as Debrief;
    const diagnosisOf = (teamId: string) => debrief.teams.find((t) => t.id === teamId)!.milestones.find((m) => m.id === 'diagnosis')!;
    expect(diagnosisOf('t1').team).toBe(t1.at);
    expect(diagnosisOf('t1').points).toBeGreaterThan(0);
    // Right but unsupported: an unsupported guess earns no diagnosis credit.
    expect(diagnosisOf('t2').team).toBeNull();
    expect(diagnosisOf('t2').points).toBe(0);
  });
});
