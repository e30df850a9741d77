/**
 * Folding live deltas into the snapshot the page holds. Samples arrive as rows in signal order and
 * become the same `Sample` objects a snapshot holds; samples merge by `t`, feed entries and records
 * (actions, investigations, diagnoses: only the new or changed ones travel) by `entry`, leads by
 * `id`, so a delta may repeat what a resync already delivered; the runbook comes as the sections a
 * new lead changed (runbook-change.ts).
 */
import type {
  ChatMessage, FeedEntry, HostSnapshot, HostTeamDelta, Sample, SampleRow, TeamDelta, TeamObservation, TeamSnapshot, TruthObservation,
} from '../../server/protocol/views.ts';
import { sampleFromRow } from '../../server/protocol/sample-rows.ts';
import { mergeRunbook } from '../../server/protocol/runbook-change.ts';

export function mergeSamples(existing: readonly Sample[], incoming: readonly Sample[]): Sample[] {
  if (incoming.length === 0) return existing as Sample[];
  const last = existing[existing.length - 1];
  const sorted = isSortedByT(incoming) ? incoming : [...incoming].sort((a, b) => a.t - b.t);
  // The usual case: strictly newer samples, appended without a map.
  if (!last || (sorted[0] && sorted[0].t > last.t && isStrictlyIncreasing(sorted))) return [...existing, ...sorted];
  const byT = new Map<number, Sample>();
  for (const s of existing) byT.set(s.t, s);
  for (const s of sorted) byT.set(s.t, s);
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

function isSortedByT(samples: readonly Sample[]): boolean {
  for (let i = 1; i < samples.length; i++) if ((samples[i]?.t ?? 0) < (samples[i - 1]?.t ?? 0)) return false;
  return true;
}

function isStrictlyIncreasing(samples: readonly Sample[]): boolean {
  for (let i = 1; i < samples.length; i++) if ((samples[i]?.t ?? 0) <= (samples[i - 1]?.t ?? 0)) return false;
  return true;
}

export function mergeFeed(existing: readonly FeedEntry[], incoming: readonly FeedEntry[]): FeedEntry[] {
  if (incoming.length === 0) return existing as FeedEntry[];
  const byEntry = new Map<number, FeedEntry>();
  for (const f of existing) byEntry.set(f.entry, f);
  for (const f of incoming) byEntry.set(f.entry, f);
  return [...byEntry.values()].sort((a, b) => a.at - b.at || a.entry - b.entry);
}

/** Records merged by `entry`: a changed one replaces the one held, new ones join in entry order. */
export function mergeRecords<R extends { entry: number }>(existing: readonly R[], incoming: readonly R[] | undefined): R[] {
  if (!incoming || incoming.length === 0) return existing as R[];
  const byEntry = new Map<number, R>();
  for (const r of existing) byEntry.set(r.entry, r);
  for (const r of incoming) byEntry.set(r.entry, r);
  return [...byEntry.values()].sort((a, b) => a.entry - b.entry);
}

/** Leads found since the previous delta join the list held, in the order found (once each). */
export function mergeLeads<L extends { id: string }>(existing: readonly L[], incoming: readonly L[] | undefined): L[] {
  if (!incoming || incoming.length === 0) return existing as L[];
  const held = new Set(existing.map((l) => l.id));
  return [...existing, ...incoming.filter((l) => !held.has(l.id))];
}

/** A delta's rows as samples, with the values named by the scenario's signals. */
export function samplesOf(rows: readonly SampleRow[], signalIds: readonly string[]): Sample[] {
  return rows.map((row) => sampleFromRow(row, signalIds));
}

export function mergeChat(existing: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (existing.some((m) => m.seq === message.seq)) return existing.map((m) => (m.seq === message.seq ? message : m));
  return [...existing, message].sort((a, b) => a.seq - b.seq);
}

function mergeObservation<O extends TeamObservation | TruthObservation>(world: O, delta: TeamDelta | HostTeamDelta, signalIds: readonly string[]): O {
  return {
    ...world,
    t: Math.max(world.t, delta.t),
    ended: delta.ended || world.ended,
    samples: mergeSamples(world.samples, samplesOf(delta.samples, signalIds)),
    feed: mergeFeed(world.feed, delta.feed),
    actions: mergeRecords(world.actions, delta.actions),
    investigations: mergeRecords(world.investigations, delta.investigations),
    leads: mergeLeads(world.leads, delta.leads),
    runbook: mergeRunbook(world.runbook, delta.runbook),
  };
}

const signalIdsOf = (snapshot: TeamSnapshot | HostSnapshot): string[] => snapshot.scenario.signals.map((s) => s.id);

/** A responder's delta. Deltas for another team (a move in flight) are ignored: a snapshot follows. */
export function applyTeamDelta(snapshot: TeamSnapshot, delta: TeamDelta): TeamSnapshot {
  if (!snapshot.world || snapshot.team?.id !== delta.teamId) return snapshot;
  const merged = mergeObservation(snapshot.world, delta, signalIdsOf(snapshot));
  return { ...snapshot, world: { ...merged, diagnoses: mergeRecords(merged.diagnoses, delta.diagnoses) } };
}

export function applyHostDeltas(snapshot: HostSnapshot, deltas: readonly HostTeamDelta[]): HostSnapshot {
  if (deltas.length === 0) return snapshot;
  const byTeam = new Map(deltas.map((d) => [d.teamId, d]));
  const signalIds = signalIdsOf(snapshot);
  return {
    ...snapshot,
    teams: snapshot.teams.map((entry) => {
      const delta = byTeam.get(entry.team.id);
      if (!delta) return entry;
      const { stuck: held, ...merged } = mergeObservation(entry.world, delta, signalIds);
      // Sent with the truth when it changed; null: no longer stuck (a snapshot then has no field).
      const stuck = delta.stuck !== undefined ? delta.stuck : held;
      return {
        ...entry,
        world: {
          ...merged, diagnoses: mergeRecords(merged.diagnoses, delta.diagnoses),
          // Sent only when they changed.
          truth: delta.truth ?? merged.truth, markers: delta.markers ?? merged.markers,
          ...(stuck ? { stuck } : {}),
        },
      };
    }),
  };
}

export function applyHostChat(snapshot: HostSnapshot, message: ChatMessage & { teamId: string }): HostSnapshot {
  const { teamId, ...chat } = message;
  return {
    ...snapshot,
    teams: snapshot.teams.map((entry) => (entry.team.id === teamId ? { ...entry, chat: mergeChat(entry.chat, chat) } : entry)),
  };
}
