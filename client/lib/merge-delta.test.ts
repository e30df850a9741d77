import { describe, expect, it } from 'vitest';
import type { FeedEntry, HostSnapshot, Sample, SampleRow, SignalSpec, TeamDelta, TeamSnapshot, TruthObservation } from '../../server/protocol/views.ts';
import { applyHostChat, applyHostDeltas, applyTeamDelta, mergeChat, mergeFeed, mergeRecords, mergeSamples } from './merge-delta.ts';

const sample = (t: number, v: number): Sample => ({ t, values: { errors: v } });
/** The same sample on the wire: [t, errors, latency] in the scenario's signal order. */
const row = (t: number, v: number, latency = 100): SampleRow => [t, v, latency];
const signal = (id: string): SignalSpec => ({ id, label: id, panel: 'p', unit: 'percent', description: id, thresholds: [] });
const signals = [signal('errors'), signal('latency')];
const feed = (entry: number, at: number, title = `e${entry}`): FeedEntry => ({ entry, at, kind: 'alert', title, text: '' });

const clock = { status: 'running' as const, simTime: 0, speed: 10, start: 0, end: 3600, sentAt: 0 };
const runbook = { investigations: [], actions: [], diagnosis: { triggers: [], components: [], mechanisms: [] } };
const lobby = { code: 'K7QX2M', teams: [{ id: 't1', name: 'Team 1' }], players: [] };

function teamSnapshot(): TeamSnapshot {
  return {
    kind: 'team', sessionId: 's', mode: 'realistic', clock, lobby, seq: 1, chat: [],
    scenario: { signals } as TeamSnapshot['scenario'],
    you: { id: 'p1', name: 'A', teamId: 't1', role: null, connected: true },
    team: { id: 't1', name: 'Team 1' },
    world: { scenarioId: 'x', mode: 'realistic', leads: [], runbook, t: 60, ended: false, samples: [sample(30, 1), sample(60, 2)], feed: [feed(1, 30)], actions: [], investigations: [], diagnoses: [] },
  };
}

describe('samples', () => {
  it('appends newer samples without touching the old ones', () => {
    const old = [sample(30, 1), sample(60, 2)];
    const merged = mergeSamples(old, [sample(90, 3)]);
    expect(merged.map((s) => s.t)).toEqual([30, 60, 90]);
    expect(merged[0]).toBe(old[0]);
  });
  it('merges by t: a repeated sample replaces, an out-of-order one is placed', () => {
    const merged = mergeSamples([sample(30, 1), sample(60, 2), sample(90, 3)], [sample(60, 20), sample(45, 9)]);
    expect(merged.map((s) => [s.t, s.values.errors])).toEqual([[30, 1], [45, 9], [60, 20], [90, 3]]);
  });
  it('returns the same array when nothing arrived', () => {
    const old = [sample(30, 1)];
    expect(mergeSamples(old, [])).toBe(old);
  });
});

describe('feed and chat', () => {
  it('merges feed entries by entry id, ordered by time', () => {
    const merged = mergeFeed([feed(1, 30), feed(2, 60)], [feed(2, 60, 'again'), feed(3, 45)]);
    expect(merged.map((f) => f.entry)).toEqual([1, 3, 2]);
    expect(merged.find((f) => f.entry === 2)?.title).toBe('again');
  });
  it('does not duplicate a chat message delivered twice', () => {
    const m = { seq: 4, at: 10, playerId: 'p', name: 'A', text: 'hi', pinned: false };
    expect(mergeChat(mergeChat([], m), m)).toHaveLength(1);
  });
});

describe('records', () => {
  const action = (entry: number, status: 'pending' | 'done') => ({ entry, action: 'a', params: {}, requestedAt: 60, effectiveAt: 120, status });
  it('merges by entry: a changed record replaces the one held, a new one joins in entry order', () => {
    const merged = mergeRecords([action(1, 'pending'), action(4, 'pending')], [action(4, 'done'), action(2, 'pending')]);
    expect(merged.map((a) => [a.entry, a.status])).toEqual([[1, 'pending'], [2, 'pending'], [4, 'done']]);
  });
  it('returns the same list when nothing arrived', () => {
    const held = [action(1, 'done')];
    expect(mergeRecords(held, undefined)).toBe(held);
    expect(mergeRecords(held, [])).toBe(held);
  });
});

describe('team deltas', () => {
  it('folds rows of samples (named by the scenario signals), feed and changed records into the snapshot', () => {
    const delta: TeamDelta = {
      teamId: 't1', t: 90, ended: false, samples: [row(90, 3, 250)], feed: [feed(2, 80)],
      actions: [{ entry: 3, action: 'rollback', params: {}, requestedAt: 80, effectiveAt: 200, status: 'pending' }],
    };
    const next = applyTeamDelta(teamSnapshot(), delta);
    expect(next.world?.t).toBe(90);
    expect(next.world?.samples.map((s) => s.t)).toEqual([30, 60, 90]);
    expect(next.world?.samples.at(-1)).toEqual({ t: 90, values: { errors: 3, latency: 250 } });
    expect(next.world?.feed.map((f) => f.entry)).toEqual([1, 2]);
    expect(next.world?.actions).toHaveLength(1);
    expect(next.world?.investigations).toEqual([]);
  });
  it('keeps records a delta does not carry, and updates the one whose status changed', () => {
    const snap = teamSnapshot();
    const pending = { entry: 3, action: 'a', params: {}, requestedAt: 60, effectiveAt: 70, status: 'pending' as const };
    const withAction = applyTeamDelta(snap, { teamId: 't1', t: 70, ended: false, samples: [], feed: [], actions: [pending] });
    const other = applyTeamDelta(withAction, { teamId: 't1', t: 75, ended: false, samples: [], feed: [], actions: [{ ...pending, entry: 5 }] });
    const later = applyTeamDelta(other, { teamId: 't1', t: 80, ended: false, samples: [], feed: [], actions: [{ ...pending, status: 'done', outcome: 'ok' }] });
    expect(later.world?.actions.map((a) => [a.entry, a.status])).toEqual([[3, 'done'], [5, 'pending']]);
  });
  it('ignores a delta for another team (a move in flight)', () => {
    const snap = teamSnapshot();
    expect(applyTeamDelta(snap, { teamId: 't2', t: 90, ended: false, samples: [row(90, 3)], feed: [] })).toBe(snap);
  });
});

describe('host deltas', () => {
  const world = (): TruthObservation => ({
    scenarioId: 'x', mode: 'realistic', leads: [], runbook, t: 60, ended: false, samples: [sample(60, 1)], feed: [], actions: [], investigations: [], diagnoses: [],
    truth: { headline: 'old', facts: [] }, markers: {},
  });
  const host = (): HostSnapshot => ({
    kind: 'host', sessionId: 's', mode: 'realistic', clock, lobby, seq: 1, joinUrl: 'http://x/join/K7QX-2M',
    scenario: { signals } as HostSnapshot['scenario'],
    teams: [{ team: { id: 't1', name: 'Team 1' }, world: world(), chat: [] }, { team: { id: 't2', name: 'Team 2' }, world: world(), chat: [] }],
  });
  it('updates each team with its own delta, truth and markers included', () => {
    const next = applyHostDeltas(host(), [{
      teamId: 't2', t: 90, ended: false, samples: [row(90, 5)], feed: [], truth: { headline: 'new', facts: [] }, markers: { impact_start: 90 },
      diagnoses: [{
        entry: 1, at: 90, trigger: 'a', component: null, mechanism: 'b', evidence: [], text: '', correct: true, triggerRight: true, componentRight: true, mechanismRight: true,
        support: { trigger: true, component: true, mechanism: true }, supported: true,
      }],
    }]);
    expect(next.teams[0]?.world.truth.headline).toBe('old');
    expect(next.teams[1]?.world.truth.headline).toBe('new');
    expect(next.teams[1]?.world.markers.impact_start).toBe(90);
    expect(next.teams[1]?.world.samples).toHaveLength(2);
    expect(next.teams[1]?.world.diagnoses[0]?.correct).toBe(true);
  });
  it('keeps the truth and markers held when a delta does not carry them (unchanged)', () => {
    const first = applyHostDeltas(host(), [{ teamId: 't1', t: 90, ended: false, samples: [row(90, 5)], feed: [], truth: { headline: 'new', facts: [] }, markers: { impact_start: 90 } }]);
    const next = applyHostDeltas(first, [{ teamId: 't1', t: 120, ended: false, samples: [row(120, 6)], feed: [] }]);
    expect(next.teams[0]?.world.truth.headline).toBe('new');
    expect(next.teams[0]?.world.markers).toEqual({ impact_start: 90 });
    expect(next.teams[0]?.world.samples.map((s) => s.t)).toEqual([60, 90, 120]);
  });
  it('takes a team\'s stuck state when sent, keeps it when not, and drops it once sent as null', () => {
    const stuck = { since: 900, quietSince: 300, afterMinutes: 10, investigations: 2 };
    const first = applyHostDeltas(host(), [{ teamId: 't1', t: 90, ended: false, samples: [], feed: [], truth: { headline: 'x', facts: [] }, stuck }]);
    expect(first.teams[0]?.world.stuck).toEqual(stuck);
    const kept = applyHostDeltas(first, [{ teamId: 't1', t: 120, ended: false, samples: [], feed: [] }]);
    expect(kept.teams[0]?.world.stuck).toEqual(stuck);
    const over = applyHostDeltas(kept, [{ teamId: 't1', t: 150, ended: false, samples: [], feed: [], truth: { headline: 'x', facts: [] }, stuck: null }]);
    expect(over.teams[0]?.world).not.toHaveProperty('stuck');
  });
  it('routes host chat to the right team', () => {
    const next = applyHostChat(host(), { teamId: 't2', seq: 9, at: 1, playerId: 'p', name: 'B', text: 'x', pinned: true });
    expect(next.teams[0]?.chat).toHaveLength(0);
    expect(next.teams[1]?.chat[0]?.text).toBe('x');
  });
});
