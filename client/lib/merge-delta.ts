/**
 * Folding live deltas into the snapshot the page holds. Samples merge by `t` and feed entries by
 * `entry` (a delta may repeat what a resync already delivered); the short lists (actions,
 * investigations, diagnoses, leads) and the runbook come whole when any of them changed.
 */
import type {
  ChatMessage, FeedEntry, HostSnapshot, HostTeamDelta, Sample, TeamDelta, TeamObservation, TeamSnapshot, TruthObservation,
} from '../../server/protocol/views.ts';

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

export function mergeChat(existing: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (existing.some((m) => m.seq === message.seq)) return existing.map((m) => (m.seq === message.seq ? message : m));
  return [...existing, message].sort((a, b) => a.seq - b.seq);
}

function mergeObservation<O extends TeamObservation | TruthObservation>(world: O, delta: TeamDelta | HostTeamDelta): O {
  return {
    ...world,
    t: Math.max(world.t, delta.t),
    ended: delta.ended || world.ended,
    samples: mergeSamples(world.samples, delta.samples),
    feed: mergeFeed(world.feed, delta.feed),
    actions: delta.actions ?? world.actions,
    investigations: delta.investigations ?? world.investigations,
    leads: delta.leads ?? world.leads,
    runbook: delta.runbook ?? world.runbook,
  };
}

/** A responder's delta. Deltas for another team (a move in flight) are ignored: a snapshot follows. */
export function applyTeamDelta(snapshot: TeamSnapshot, delta: TeamDelta): TeamSnapshot {
  if (!snapshot.world || snapshot.team?.id !== delta.teamId) return snapshot;
  const merged = mergeObservation(snapshot.world, delta);
  return { ...snapshot, world: { ...merged, diagnoses: delta.diagnoses ?? merged.diagnoses } };
}

export function applyHostDeltas(snapshot: HostSnapshot, deltas: readonly HostTeamDelta[]): HostSnapshot {
  if (deltas.length === 0) return snapshot;
  const byTeam = new Map(deltas.map((d) => [d.teamId, d]));
  return {
    ...snapshot,
    teams: snapshot.teams.map((entry) => {
      const delta = byTeam.get(entry.team.id);
      if (!delta) return entry;
      const merged = mergeObservation(entry.world, delta);
      return {
        ...entry,
        world: { ...merged, diagnoses: delta.diagnoses ?? merged.diagnoses, truth: delta.truth, markers: delta.markers },
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
