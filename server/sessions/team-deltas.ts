/**
 * The per-tick deltas of one team, built once per tick for the team's room and the host. Part of
 * the visibility boundary: records pass through the engine's per-record projections (teamAction…),
 * the same ones observe() uses, so a delta never holds more than a snapshot would.
 *
 * Cheap for a long day: only the new end of the samples and the feed is read, records are compared
 * by identity with those last sent, the runbook is built only when a lead was found, and markers
 * come from a scan that keeps its place (MarkerScan) instead of rescanning the day.
 */
import {
  isOver, leadView, MarkerScan, teamAction, teamDiagnosis, teamInvestigation, truthOf,
  available, stuckState, type FeedEntry, type Sample,
} from '../engine/index.ts';
import type { HostTeamDelta, SampleRow, TeamDelta } from '../protocol/views.ts';
import { sampleRow } from '../protocol/sample-rows.ts';
import { runbookChange } from '../protocol/runbook-change.ts';
import { markLeads, markRecords } from './inherited-marks.ts';
import type { SessionState, TeamState } from './session-state.ts';

export interface TeamTickDeltas {
  /** Null when nothing the team sees changed. */
  team: TeamDelta | null;
  /** Null when nothing the host sees of this team changed. */
  host: HostTeamDelta | null;
}

/** One marker scan per team, kept across ticks (it starts over by itself after a rewind). */
const scans = new WeakMap<TeamState, MarkerScan>();

/** What is new in a team's world since the previous tick, for the team and for the host. Updates the team's marks. */
export function teamDeltas(state: SessionState, team: TeamState, sentAt: number): TeamTickDeltas {
  const { scenario } = state;
  const origin = state.settings.origin;
  const world = team.world;
  const seen = team.sent;
  const actions = changed(world.actions, seen.actions);
  const investigations = changed(world.investigations, seen.investigations);
  const diagnoses = changed(world.diagnoses, seen.diagnoses);
  // The world did not move since the last delta (at low speed most ticks fall between two steps):
  // no step (its time), no new entry, no record replaced (a cancel).
  const still = world.t === seen.t && world.nextEntry === seen.nextEntry && actions.length === 0 && investigations.length === 0 && diagnoses.length === 0;
  if (still && seen.truth !== '' && seen.markers !== '') return { team: null, host: null };

  const samples = newSamples(world.samples, seen.sampleT);
  const feed = newFeed(world.feed, seen.feedEntry);
  const leadsFound = world.leads.length !== seen.leads;
  const ended = isOver(scenario, world);
  const teamChanged = samples.length > 0 || feed.length > 0 || actions.length > 0 || investigations.length > 0
    || diagnoses.length > 0 || leadsFound || ended !== seen.ended;

  let scan = scans.get(team);
  if (!scan) scans.set(team, scan = new MarkerScan(scenario.data));
  const truth = truthOf(scenario, world);
  const stuck = stuckState(scenario, world);
  const markers = scan.update(world.samples).markers;
  // The team's stuck state travels with its truth: both are the facilitator's, sent when either changed.
  const truthJson = JSON.stringify([truth, stuck]);
  const markersJson = JSON.stringify(markers);
  const truthChanged = truthJson !== seen.truth;
  const markersChanged = markersJson !== seen.markers;

  // Leads are only ever added, and the runbook is a function of the mode and the leads: only when
  // a lead was found is it worked out, now and with the leads last sent, and only what changed travels.
  const runbookChanged = leadsFound
    ? runbookChange(available(scenario, { ...world, leads: world.leads.slice(0, seen.leads) }), available(scenario, world))
    : null;
  team.sent = {
    sampleT: samples.at(-1)?.t ?? seen.sampleT,
    feedEntry: feed.at(-1)?.entry ?? seen.feedEntry,
    // The world's lists grow in place: keep a copy of those that changed, to compare the next tick with.
    actions: actions.length > 0 ? world.actions.slice() : seen.actions,
    investigations: investigations.length > 0 ? world.investigations.slice() : seen.investigations,
    diagnoses: diagnoses.length > 0 ? world.diagnoses.slice() : seen.diagnoses,
    leads: world.leads.length, ended, truth: truthJson, markers: markersJson, t: world.t, nextEntry: world.nextEntry,
  };
  if (!teamChanged && !truthChanged && !markersChanged) return { team: null, host: null };

  const signalIds = scenario.data.signals.map((s) => s.id);
  const rows: SampleRow[] = samples.map((s) => sampleRow(s, signalIds));
  const shared: Omit<TeamDelta, 'diagnoses' | 'investigations'> = { teamId: team.info.id, t: world.t, ended, samples: rows, feed: markRecords(feed, origin), sentAt };
  if (actions.length > 0) shared.actions = markRecords(actions.map(teamAction), origin);
  if (leadsFound) shared.leads = markLeads(world.leads.map((l) => leadView(scenario, l)), origin).slice(seen.leads);
  if (runbookChanged) shared.runbook = runbookChanged;

  const teamDelta: TeamDelta | null = teamChanged ? { ...shared } : null;
  if (teamDelta && investigations.length > 0) teamDelta.investigations = markRecords(investigations.map(teamInvestigation), origin);
  if (teamDelta && diagnoses.length > 0) teamDelta.diagnoses = markRecords(diagnoses.map(teamDiagnosis), origin);
  const host: HostTeamDelta = { ...shared };
  if (investigations.length > 0) host.investigations = markRecords(investigations.map((i) => ({ ...i })), origin);
  if (diagnoses.length > 0) host.diagnoses = markRecords(diagnoses.map((d) => ({ ...d })), origin);
  if (truthChanged) {
    host.truth = truth;
    host.stuck = stuck;
  }
  if (markersChanged) host.markers = markers;
  return { team: teamDelta, host };
}

/** Samples after `t`, read from the end (a delta carries a tick's worth, not the day). */
function newSamples(samples: readonly Sample[], t: number): Sample[] {
  let i = samples.length;
  while (i > 0 && samples[i - 1]!.t > t) i--;
  return samples.slice(i);
}

/** Feed entries numbered after `entry`: the engine numbers them in the order it adds them. */
function newFeed(feed: readonly FeedEntry[], entry: number): FeedEntry[] {
  let i = feed.length;
  while (i > 0 && feed[i - 1]!.entry > entry) i--;
  return feed.slice(i);
}

/** Records added, or replaced (a status change), since `sent` (a copy): compared by identity, position by position. */
function changed<R>(records: readonly R[], sent: readonly R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < records.length; i++) if (records[i] !== sent[i]) out.push(records[i]!);
  return out;
}

