/**
 * A spy responder records every payload it receives over a whole session; none of it may hold
 * hidden state: the truth, whether a diagnosis is right, the model, the RNG, the seed, the real
 * timeline, or anything another team did, said or uncovered. In realistic mode, over whole sessions
 * of both real scenarios, nothing of a tool or option the team has not unlocked either, and no
 * cause-naming word before the lead that reveals it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, missingLeads, type Requires, type ScenarioData } from '../engine/index.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { TeamDelta, TeamSnapshot } from '../protocol/views.ts';
import { applyTeamDelta } from '../../client/lib/merge-delta.ts';
import { loadScenarios, type ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { startServer, type RunningServer } from './create-server.ts';
import { playSpySession, type SpyFrame } from './spy-session.ts';
import { client, ok, OPEN_LIMITS, record, sleep, startToyServer, type ClientSocket } from './test-support.ts';

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
    // A second pair of hands in Blue: the lead is busy investigating when the restart is made.
    const blueOps = await open();
    await ok(blueOps, 'player:join', { code: created.code, name: 'Blue ops', teamId: 't1' });
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
    await ok(blueOps, 'team:act', { clientActionId: 'b2', action: 'restart_api' });
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

/** The lead ids a frame says the team holds: snapshots carry the world's leads, deltas the list when one was found. */
function leadsIn(frame: SpyFrame): string[] {
  const p = frame.payload as { snapshot?: TeamSnapshot; world?: TeamSnapshot['world']; leads?: { id: string }[] } | null;
  const world = p?.snapshot?.world ?? (frame.event === 'session:snapshot' ? p?.world : undefined);
  return (world?.leads ?? (frame.event === 'team:delta' ? p?.leads : undefined) ?? []).map((l) => l.id);
}

/** Each frame with the leads the team held once it arrived (leads are only ever added). */
function withLeadsHeld(frames: readonly SpyFrame[]): { frame: SpyFrame; held: ReadonlySet<string> }[] {
  const held = new Set<string>();
  return frames.map((frame) => {
    for (const id of leadsIn(frame)) held.add(id);
    return { frame, held: new Set(held) };
  });
}

/**
 * What a team holding `held` must not have been sent about the locked part of the catalogue: the
 * ids, titles, descriptions and labels of locked investigations, actions, enum options and
 * diagnosis options (as they read inside JSON), less any string an unlocked item shares.
 */
function lockedStrings(data: ScenarioData, held: ReadonlySet<string>): string[] {
  const open = (requires: Requires | undefined) => missingLeads(requires, held).length === 0;
  const locked: string[] = [];
  const unlocked = new Set<string>();
  const note = (isOpen: boolean, id: string, ...texts: string[]) => {
    const strings = [JSON.stringify(id), ...texts.map((t) => JSON.stringify(t).slice(1, -1))];
    for (const str of strings) if (isOpen) unlocked.add(str); else locked.push(str);
  };
  for (const tool of [...data.investigations, ...data.actions]) {
    note(open(tool.requires), tool.id, tool.title, tool.description);
    for (const p of tool.params) if (p.type === 'enum') for (const o of p.options) note(open(tool.requires) && open(o.requires), o.value, o.label);
  }
  for (const o of [...data.diagnosis.triggers, ...data.diagnosis.mechanisms]) note(open(o.requires), o.id, o.label);
  return locked.filter((str) => !unlocked.has(str));
}

interface Spoiler {
  term: string | RegExp;
  /** Any one of these leads must be held before the term may reach the team. */
  after: readonly string[];
}

const SPOILERS: Record<string, (data: ScenarioData) => Spoiler[]> = {
  'cloudflare-2025-11-18': (data) => [
    ...['stop_feature_generation', 'push_known_good_file'].map((id) => ({ term: id, after: requiredLeads(data, id) })),
    { term: /feature[- ]file/i, after: ['artefact_feature_file', 'pipeline_feature_generation'] },
    { term: /ClickHouse/i, after: ['pipeline_feature_generation', 'component_clickhouse', 'change_clickhouse_grants'] },
    { term: /\b200\b[^"]{0,12}(feature|limit)|(feature|preallocates)[^"]{0,40}\b200\b/i, after: ['artefact_feature_file'] },
  ],
  'cloudflare-2025-12-05': () => [
    { term: /kill ?switch/i, after: ['change_waf_killswitch'] },
    { term: /\bLua\b/, after: ['component_fl1_rules_engine'] },
  ],
};

/** The leads that unlock an action, from the scenario (any one of anyOf; allOf listed whole). */
function requiredLeads(data: ScenarioData, actionId: string): string[] {
  const requires = data.actions.find((a) => a.id === actionId)?.requires;
  expect(requires, `${actionId} is locked in realistic mode`).toBeDefined();
  return [...(requires?.anyOf ?? []), ...(requires?.allOf ?? [])];
}

const matches = (json: string, term: string | RegExp) => (typeof term === 'string' ? json.includes(term) : term.test(json));

describe('in realistic mode a responder is sent nothing of a tool before the lead that unlocks it', () => {
  let catalog: ScenarioCatalog;
  beforeAll(async () => { catalog = await loadScenarios(); });

  it.each(Object.keys(SPOILERS))('%s, played whole by a spy through the real responders\' plan', async (scenarioId) => {
    const scenario = catalog.scenarios.get(scenarioId);
    if (!scenario) throw new Error(`${scenarioId} did not load: ${JSON.stringify(catalog.refused)}`);
    const { frames, hostFrames, accepted } = await playSpySession(catalog, scenario, 'realistic');
    const played = withLeadsHeld(frames);
    const held = played.at(-1)!.held;
    // At least one delta per sim minute, from the start to the end.
    const minutes = (clock(scenario.data.clock.end) - clock(scenario.data.clock.start)) / 60;
    expect(frames.filter((f) => f.event === 'team:delta').length).toBeGreaterThanOrEqual(minutes);
    expect(frames.some((f) => f.event === 'session:ended')).toBe(true);

    // Nothing of a locked item, in any frame, given the leads held once that frame arrived.
    for (const [i, { frame, held: now }] of played.entries()) {
      for (const str of lockedStrings(scenario.data, now)) expect(frame.json, `frame ${i} (${frame.event}) before its lead: ${str}`).not.toContain(str);
    }
    // The spoilers appear only once a lead that names them is held, and they do appear: the plan finds them.
    const hostJson = hostFrames.map((f) => f.json).join('\n');
    for (const { term, after } of SPOILERS[scenarioId]!(scenario.data)) {
      const first = frames.findIndex((f) => matches(f.json, term));
      const lead = played.findIndex(({ held: now }) => after.some((id) => now.has(id)));
      expect(first, `${String(term)} reached the spy`).toBeGreaterThanOrEqual(0);
      expect(lead, `the plan found one of ${after.join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(first, `${String(term)} first sent in frame ${first} (${frames[first]?.event}), its lead in frame ${lead}`).toBeGreaterThanOrEqual(lead);
      expect(matches(hostJson, term), `the host sees ${String(term)} from the start`).toBe(true);
    }
    // Folding the deltas as the browser does gives the runbook and leads a fresh snapshot holds.
    const deltas = frames.filter((f) => f.event === 'team:delta').map((f) => f.payload as TeamDelta);
    // A runbook change comes only with a lead found.
    expect(deltas.every((d) => d.runbook === undefined || d.leads !== undefined)).toBe(true);
    const snapshots = frames.filter((f) => f.event === 'ack:player:join' || f.event === 'ack:session:resync').map((f) => (f.payload as { snapshot: TeamSnapshot }).snapshot);
    const folded = deltas.reduce(applyTeamDelta, snapshots[0]!);
    expect(folded.world!.runbook).toEqual(snapshots.at(-1)!.world!.runbook);
    expect(folded.world!.leads).toEqual(snapshots.at(-1)!.world!.leads);
    // The whole plan was accepted: every lead it needs was found on the way, through the evidence.
    expect(accepted).toBe(scenario.data.referencePlan.length);
    expect(frames.filter((f) => f.event.startsWith('ack:team:')).length).toBeGreaterThan(0);
    expect(held.size).toBeGreaterThan(0);
  }, 60_000);

  it('guided mode hands the whole runbook over at the join', async () => {
    const server = await startServer({ catalog, store: new MemoryStore(), host: '127.0.0.1', port: 0, rateLimits: OPEN_LIMITS });
    const socket = await client(server.url);
    try {
      const created = await ok<CreatedSession>(socket, 'session:create', { scenarioId: 'cloudflare-2025-11-18', teamCount: 1, speed: 60, mode: 'guided' });
      const joined = await ok<{ snapshot: TeamSnapshot }>(socket, 'player:join', { code: created.code, name: 'New', teamId: 't1' });
      const runbook = joined.snapshot.world!.runbook;
      const data = catalog.scenarios.get('cloudflare-2025-11-18')!.data;
      expect(runbook.actions.map((a) => a.id)).toEqual(data.actions.map((a) => a.id));
      expect(runbook.investigations.map((i) => i.id)).toEqual(data.investigations.map((i) => i.id));
      expect(runbook.diagnosis.triggers.map((o) => o.id)).toContain(data.diagnosis.correct.trigger);
      expect(lockedStrings(data, new Set(data.leads.map((l) => l.id)))).toEqual([]);
    } finally {
      socket.close();
      await server.close();
    }
  });
});
