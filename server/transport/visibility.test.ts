/**
 * A spy responder records every payload it receives over a whole session; none of it may hold
 * hidden state: the truth, whether a diagnosis is right, the model, the RNG, the seed, the real
 * timeline, or anything another team did, said or uncovered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedSession } from '../protocol/events.ts';
import type { RunningServer } from './create-server.ts';
import { client, ok, record, sleep, startToyServer, type ClientSocket } from './test-support.ts';

let server: RunningServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => { server = await startToyServer({ tickMs: 100 }); });
afterAll(async () => { for (const s of sockets) s.close(); await server.close(); });
async function open(): Promise<ClientSocket> { const s = await client(server.url); sockets.push(s); return s; }

/** Things only the host, the other team, or the debrief may know. */
const FORBIDDEN = [
  // the truth and the grading
  '"truth"', '"headline"', '"facts"', '"correct"', '"markers"', '"correctDiagnosis"', 'Bad config live', 'Healthy',
  // the world model, its randomness and the seed
  '"model"', '"badConfig"', '"restarts"', '"rng"', '"seed"', '"alertState"', '"nextEntry"',
  // the real story and the inject library
  'A config value out of range', 'Bad config pushed', 'Treat config as input', '"realTimeline"', '"milestones"', '"whatHappened"',
  'Look at what changed at 10:05.', '"injects"', '"referencePlan"', '"scoring"',
  // the other team: its evidence, action outcomes and parameters, diagnosis text, chat, injects
  'One config push at 10:05.', 'config v42', 'API restarted.', 'Previous config restored.',
  'BLUE-STATUS-TEXT', 'BLUE-DIAGNOSIS-TEXT', 'BLUE-CHAT-TEXT', 'BLUE-ONLY-INJECT', 'Blue secret note',
  // another session
  'OTHER-SESSION-CHAT',
];

describe('hidden information never reaches a responder', () => {
  it('a spy in Red sees nothing of Blue, the truth, or another session', async () => {
    const host = await open();
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: 'toy-config-push', teamCount: 2, speed: 60 });
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const hostLog = record(host);
    const blue = await open();
    const spy = await open();
    const spyLog = record(spy);
    // Acknowledgements reach the spy too (join, resume and resync carry whole snapshots).
    const spyAcks: unknown[] = [];
    const spyOk = async (socket: ClientSocket, event: string, payload: unknown) => {
      const ack = await ok<{ playerToken: string }>(socket, event, payload);
      spyAcks.push(ack);
      return ack;
    };
    await ok(blue, 'player:join', { code: created.code, name: 'Blue lead', teamId: 't1' });
    const spyJoin = await spyOk(spy, 'player:join', { code: created.code, name: 'Spy', teamId: 't2' });

    // Another session running at the same time on the same server.
    const host2 = await open();
    const other = await ok<CreatedSession>(host2, 'session:create', { scenarioId: 'toy-config-push', teamCount: 1, speed: 60 });
    await ok(host2, 'host:attach', { code: other.code, hostSecret: other.hostSecret });
    const stranger = await open();
    await ok(stranger, 'player:join', { code: other.code, name: 'Stranger', teamId: 't1' });
    await ok(host2, 'host:clock', { action: 'start' });

    await ok(host, 'host:clock', { action: 'start' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 6 });
    await ok(blue, 'team:investigate', { clientActionId: 'b1', investigation: 'recent_changes' });
    await ok(blue, 'team:act', { clientActionId: 'b2', action: 'restart_api' });
    await ok(blue, 'team:act', { clientActionId: 'b3', action: 'post_status', params: { message: 'BLUE-STATUS-TEXT' } });
    await ok(blue, 'team:chat', { clientActionId: 'b4', text: 'BLUE-CHAT-TEXT' });
    await ok(blue, 'team:chat', { clientActionId: 'b5', text: 'Blue secret note', pinned: true });
    await ok(host, 'host:inject', { teamId: 't1', title: 'For Blue', text: 'BLUE-ONLY-INJECT' });
    await ok(stranger, 'team:chat', { clientActionId: 's1', text: 'OTHER-SESSION-CHAT' });
    await ok(stranger, 'team:act', { clientActionId: 's2', action: 'restart_api' });

    // The spy's own investigation: its evidence may not arrive before it completes…
    await spyOk(spy, 'team:investigate', { clientActionId: 'r1', investigation: 'logs', params: { service: 'api' } });
    expect(spyLog.events.map((e) => e.json).join('\n')).not.toContain('Workers crash on config value.');
    await spyOk(spy, 'team:diagnose', { clientActionId: 'r2', trigger: 'ddos', mechanism: 'overload', text: 'spy guess' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });
    await ok(blue, 'team:diagnose', { clientActionId: 'b6', trigger: 'config_push', mechanism: 'bad_value', text: 'BLUE-DIAGNOSIS-TEXT' });
    await ok(blue, 'team:act', { clientActionId: 'b7', action: 'rollback_config' });
    await ok(host, 'host:clock', { action: 'pause' });
    await ok(host, 'host:clock', { action: 'resume' });
    await ok(host, 'host:clock', { action: 'skip', minutes: 10 });

    // A reconnect mid-session: resume and resync on a fresh socket, recorded too.
    const spy2 = await open();
    const spy2Log = record(spy2);
    await spyOk(spy2, 'player:resume', { code: created.code, playerToken: spyJoin.playerToken });
    await spyOk(spy2, 'session:resync', {});
    await sleep(300);
    await ok(host, 'host:clock', { action: 'end' });
    await sleep(200);
    await spyOk(spy, 'session:resync', {});

    const everything = [...spyLog.events, ...spy2Log.events];
    const corpus = everything.map((e) => e.json).concat(spyAcks.map((a) => JSON.stringify(a))).join('\n');
    // The facilitator does get the truth and Blue's doings: the forbidden strings are real ones.
    const hostCorpus = hostLog.events.map((e) => e.json).join('\n');
    for (const shown of ['"truth"', '"correct"', '"markers"', 'One config push at 10:05.', 'BLUE-CHAT-TEXT', 'BLUE-ONLY-INJECT', 'API restarted.']) expect(hostCorpus).toContain(shown);

    // …and does arrive once complete: the scan looks at real content.
    expect(corpus).toContain('Workers crash on config value.');
    expect(corpus).toContain('spy guess');
    expect(everything.some((e) => e.event === 'team:delta')).toBe(true);
    expect(everything.some((e) => e.event === 'session:ended')).toBe(true);
    for (const secret of FORBIDDEN) expect(corpus, `spy received ${secret}`).not.toContain(secret);
    // Only its own team's deltas.
    for (const e of everything.filter((x) => x.event === 'team:delta')) expect(JSON.parse(e.json)[0].teamId).toBe('t2');
  });
});
