/**
 * A session in memory, and the one reducer that changes it: `foldEntry`. Live commands and a
 * restart's replay both go through it, so what is served after a restart is what was served before.
 * Team worlds here are a cache of the engine fold over the log.
 */
import { advanceOwned, applyOwned, createWorld, type ActionRecord, type DiagnosisRecord, type InvestigationRecord, type Scenario, type TimedCommand, type World } from '../engine/index.ts';
import type { ChatMessage, TeamInfo, TeamRole } from '../protocol/views.ts';
import { sessionMode, type LogEntry, type SessionSettings, type StoredSession } from '../storage/session-record.ts';
import { type SimClock } from './session-clock.ts';
import { clock as parseClock } from '../engine/index.ts';
import { foldRewind, type TeamRewind } from './rewind-fold.ts';
import type { SessionReview } from '../protocol/review.ts';

export interface PlayerSeat {
  id: string;
  name: string;
  tokenHash: string;
  teamId: string | null;
  role: TeamRole | null;
}

/** What the previous tick's deltas covered, per team (one delta per team per tick, for everyone; one for the host). */
export interface SentMarks {
  sampleT: number;
  feedEntry: number;
  /**
   * Copies of the record lists as last sent (the world's own lists grow in place). The engine
   * replaces a record when it changes (never edits it in place), so a record that is not the same
   * object as the one sent at its place is new or changed.
   */
  actions: readonly ActionRecord[];
  investigations: readonly InvestigationRecord[];
  diagnoses: readonly DiagnosisRecord[];
  /** How many leads the team had found (leads are only ever added). */
  leads: number;
  ended: boolean;
  /** The facilitator's: the truth and markers last sent, as JSON ('' = send them in the next delta). */
  truth: string;
  markers: string;
  /** The world's time and next entry number when marked: a tick that moved neither, and changed no record, has nothing new to send. */
  t: number;
  nextEntry: number;
}

export interface TeamState {
  info: TeamInfo;
  /**
   * The session owns this world and advances it in place (advanceOwned/applyOwned): nothing else
   * may keep it, or its lists, past the call that was given it (views copy what they keep).
   */
  world: World;
  /** Accepted engine commands in order: the team's world is runCommands(seed, commands, mode). */
  commands: TimedCommand[];
  chat: ChatMessage[];
  sent: SentMarks;
  /** Sim seconds this team's clock runs behind the session clock since the host rewound it alone (0 otherwise). */
  lag: number;
  /** The host's rewinds of this team, oldest first (rewind-fold.ts). */
  rewinds: TeamRewind[];
}

export interface AppliedCommand {
  entry: number;
  seq: number;
  /** The team and sim time it was applied at, so a rewind can tell which requests it undid. */
  teamId: string;
  at: number;
}

export interface SessionState {
  settings: SessionSettings;
  scenario: Scenario;
  clock: SimClock;
  players: Map<string, PlayerSeat>;
  teams: Map<string, TeamState>;
  /** Last log sequence folded in. */
  seq: number;
  /** playerId + clientActionId → what it produced, so a retry applies once. */
  applied: Map<string, AppliedCommand>;
  /** Sim and wall time the session ended, once it has. */
  ended: { at: number; wall: number } | null;
  /** playerId + clientActionId → the rewind target that undid it: a retry is refused, never re-applied. */
  rewound: Map<string, { to: number }>;
  /** The facilitator's review after the end, in log order (session-review.ts). */
  reviews: LoggedReview[];
}

/** A review entry of the log, with where it sits in it. */
export interface LoggedReview {
  seq: number;
  /** Wall clock (ms) when the facilitator made it. */
  wall: number;
  review: SessionReview;
}

export const appliedKey = (playerId: string, clientActionId: string): string => `${playerId}\u0000${clientActionId}`;

/** Marks for a world every viewer already has whole (in a snapshot): the next delta carries only what follows. */
export function marksOf(world: World): SentMarks {
  return {
    sampleT: world.samples.at(-1)?.t ?? -Infinity,
    feedEntry: world.feed.reduce((m, f) => Math.max(m, f.entry), 0),
    actions: world.actions.slice(),
    investigations: world.investigations.slice(),
    diagnoses: world.diagnoses.slice(),
    leads: world.leads.length,
    ended: false,
    truth: '',
    markers: '',
    // Never a world's time: the next tick looks at this world whatever it holds.
    t: -Infinity,
    nextEntry: -1,
  };
}

export function initialState(settings: SessionSettings, scenario: Scenario): SessionState {
  const start = parseClock(scenario.data.clock.start);
  const teams = new Map<string, TeamState>();
  for (const info of settings.teams) {
    const world = createWorld(scenario, settings.seed, { mode: sessionMode(settings) });
    teams.set(info.id, { info: { ...info }, world, commands: [], chat: [], sent: marksOf(world), lag: 0, rewinds: [] });
  }
  return {
    settings, scenario,
    clock: { status: 'lobby', baseSim: start, baseWall: settings.createdAt, speed: settings.speed, start, end: parseClock(scenario.data.clock.end) },
    players: new Map(), teams, seq: 0, applied: new Map(), ended: null, rewound: new Map(), reviews: [],
  };
}

/** A team's own sim time when the session clock reads `sessionT` (behind it after a rewind of that team alone). */
export function teamTime(state: SessionState, team: TeamState, sessionT: number): number {
  return Math.max(state.clock.start, sessionT - team.lag);
}

/** Fold one log entry in. Returns a problem when the entry does not replay as it was recorded. */
export function foldEntry(state: SessionState, entry: LogEntry): string | null {
  state.seq = entry.seq;
  switch (entry.type) {
    case 'player-joined': {
      const p = entry.payload;
      state.players.set(p.playerId, { id: p.playerId, name: p.name, tokenHash: p.tokenHash, teamId: p.teamId, role: p.role });
      return null;
    }
    case 'player-moved': {
      const player = state.players.get(entry.payload.playerId);
      if (!player) return `seq ${entry.seq}: unknown player`;
      player.teamId = entry.payload.teamId;
      return null;
    }
    case 'player-role': {
      const player = state.players.get(entry.payload.playerId);
      if (!player) return `seq ${entry.seq}: unknown player`;
      player.role = entry.payload.role;
      return null;
    }
    case 'team-renamed': {
      const team = state.teams.get(entry.payload.teamId);
      if (!team) return `seq ${entry.seq}: unknown team ${entry.payload.teamId}`;
      team.info = { ...team.info, name: entry.payload.name };
      return null;
    }
    case 'clock': {
      const { action, simTime, speed } = entry.payload;
      const status = action === 'start' || action === 'resume' ? 'running'
        : action === 'pause' ? 'paused'
        : action === 'end' ? 'ended'
        : state.clock.status;
      state.clock = { ...state.clock, status, baseSim: simTime, baseWall: entry.wall, speed };
      if (action === 'end') state.ended = { at: simTime, wall: entry.wall };
      return null;
    }
    case 'command': {
      const { teamId, playerId, clientActionId, command } = entry.payload;
      const team = state.teams.get(teamId);
      if (!team) return `seq ${entry.seq}: unknown team ${teamId}`;
      // In place: the team's world is the session's own (a refusal leaves it as it was).
      const world = advanceOwned(state.scenario, team.world, entry.at);
      team.world = world;
      const result = applyOwned(state.scenario, world, command);
      if (!result.ok) return `seq ${entry.seq}: the engine refused it on replay (${result.error})`;
      team.commands.push({ at: entry.at, command });
      if (playerId !== null && clientActionId !== null) state.applied.set(appliedKey(playerId, clientActionId), { entry: result.entry, seq: entry.seq, teamId, at: entry.at });
      return result.entry === entry.payload.entry ? null : `seq ${entry.seq}: replay gave entry ${result.entry}, log says ${entry.payload.entry}`;
    }
    case 'chat': {
      const { teamId, playerId, clientActionId, text, pinned, inherited } = entry.payload;
      const team = state.teams.get(teamId);
      if (!team) return `seq ${entry.seq}: unknown team ${teamId}`;
      const name = entry.payload.name ?? state.players.get(playerId)?.name ?? 'unknown';
      team.chat.push({ seq: entry.seq, at: entry.at, playerId, name, text, pinned, ...(inherited ? { inherited } : {}) });
      state.applied.set(appliedKey(playerId, clientActionId), { entry: entry.seq, seq: entry.seq, teamId, at: entry.at });
      return null;
    }
    case 'rewind':
      return foldRewind(state, entry);
    case 'review':
      if (!state.ended) return `seq ${entry.seq}: a review before the session ended`;
      state.reviews.push({ seq: entry.seq, wall: entry.wall, review: entry.payload });
      return null;
  }
}

/**
 * Rebuild a session from storage. A running session resumes at the latest sim time it is known to
 * have reached (checkpoint or last entry), from `wall` on: downtime does not advance the clock.
 */
export function restoreState(stored: StoredSession, scenario: Scenario, wall: number): { state: SessionState; problems: string[] } {
  const state = initialState(stored.settings, scenario);
  const problems: string[] = [];
  // The session clock reached: a clock or rewind entry sets it (a rewind moves it back); a team
  // entry is at its team's time, which runs `lag` behind the session clock.
  let latest = state.clock.baseSim;
  let clockWall = -Infinity;
  for (const entry of stored.log) {
    const problem = foldEntry(state, entry);
    if (problem) problems.push(problem);
    if (entry.type === 'clock' || entry.type === 'rewind') {
      latest = state.clock.baseSim;
      clockWall = entry.wall;
    } else {
      const teamId = entry.type === 'command' || entry.type === 'chat' ? entry.payload.teamId : null;
      latest = Math.max(latest, entry.at + (teamId === null ? 0 : state.teams.get(teamId)?.lag ?? 0));
    }
  }
  if (state.clock.status === 'running') {
    // A checkpoint older than the last clock change (e.g. from before a rewind) no longer says where the clock is.
    const checkpoint = stored.checkpoint && stored.checkpoint.wall >= clockWall ? stored.checkpoint.simTime : -Infinity;
    const reached = Math.max(latest, checkpoint);
    state.clock = { ...state.clock, baseSim: Math.min(reached, state.clock.end), baseWall: wall };
  }
  for (const team of state.teams.values()) {
    team.world = advanceOwned(scenario, team.world, teamTime(state, team, state.clock.baseSim));
    team.sent = marksOf(team.world);
  }
  return { state, problems };
}
