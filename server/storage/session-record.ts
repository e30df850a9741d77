/**
 * What a session is on disk: its settings, an append-only event log and a small clock checkpoint.
 * World state is never stored: it is a fold of the log through the engine (telemetry stays out).
 */
import type { Command } from '../engine/index.ts';
import type { LateJoinerPolicy, SessionMode, TeamRole } from '../protocol/views.ts';
import type { SessionReview } from '../protocol/review.ts';

export interface SessionSettings {
  id: string;
  /** Normalised join code, e.g. "K7QX2M". */
  code: string;
  scenarioId: string;
  seed: number;
  /** Speed chosen at creation; later changes are clock entries in the log. */
  speed: number;
  teams: { id: string; name: string }[];
  /** Chosen at creation; every team world is built with it. Absent in sessions stored before modes existed: see sessionMode(). */
  mode?: SessionMode;
  /** sha256 (hex) of the host secret: the secret itself is never stored. */
  hostSecretHash: string;
  /** Wall clock (ms) at creation. */
  createdAt: number;
  /** Who seats late joiners (absent: 'assigned'). */
  lateJoiners?: LateJoinerPolicy;
  /** Played disguised: responders and the room see the scenario's aliases (scenario.json `disguise`). Absent: real names. */
  disguise?: true;
  /** Who created it, for the per-address cap on open sessions: a hash of the address, never the address. */
  creator?: string;
  /**
   * Set on a branch: the session, team and sim time it was branched from. The branch is
   * self-contained (its log begins with the parent team's commands and chat before `at`, marked
   * inherited), so it outlives its parent; this is only for the debrief's lineage.
   */
  origin?: BranchOrigin;
}

export interface BranchOrigin {
  parentSessionId: string;
  parentTeamId: string;
  /** Sim seconds since 00:00 UTC of the scenario day. */
  at: number;
  /**
   * The branch world's `nextEntry` and lead count at `at`: its feed entries, actions,
   * investigations and diagnoses numbered below `firstEntry`, and its first `leads` leads, are
   * the parent's (consoles mark them inherited).
   */
  firstEntry: number;
  leads: number;
  /** The parent's join code (as stored), for "Branch of K7QX-2M at 12:00" in the consoles. */
  parentCode?: string;
}

/** A stored session's mode. Sessions from before modes existed were played with everything unlocked: they replay as guided. */
export function sessionMode(settings: Pick<SessionSettings, 'mode'>): SessionMode {
  return settings.mode ?? 'guided';
}

export type ClockAction = 'start' | 'pause' | 'resume' | 'speed' | 'skip' | 'end';

/** Each log entry's payload, by type. */
export interface LogPayloads {
  'player-joined': { playerId: string; name: string; tokenHash: string; teamId: string | null; role: TeamRole | null };
  'player-moved': { playerId: string; teamId: string | null; by: 'host' | 'player' };
  'player-role': { playerId: string; role: TeamRole | null };
  /** The host renamed a team (already cleaned by TEXT_RULES.teamName). */
  'team-renamed': { teamId: string; name: string };
  /** `simTime` is the sim time right after the change; `speed` the speed from then on. */
  clock: { action: ClockAction; simTime: number; speed: number; reason: 'host' | 'scenario-end' };
  /** An engine command the engine accepted; `entry` is the id the engine gave it. playerId null = the host. */
  command: { teamId: string; playerId: string | null; clientActionId: string | null; command: Command; entry: number; inherited?: true };
  /**
   * `inherited`: copied from the parent session when this branch was made (commands too); an
   * inherited message keeps its author's `name`, since the author is not seated in the branch.
   */
  chat: { teamId: string; playerId: string; clientActionId: string; text: string; pinned: boolean; inherited?: true; name?: string };
  /**
   * The host rewound these teams to sim time `to` (docs/scoring.md, "Rewinds"). Entry `at` is the
   * session clock when it happened. Nothing is deleted: the teams' entries at or after `to` stay in
   * the log and the fold marks them abandoned. Pauses the session.
   */
  rewind: { teamIds: string[]; to: number };
  /** The facilitator's review of a team after the end (server/protocol/review.ts); the play never changes. */
  review: SessionReview;
}
export type LogType = keyof LogPayloads;

export type LogEntry = {
  [K in LogType]: {
    seq: number;
    /** Sim time when it happened. */
    at: number;
    /** Wall clock (ms) when it happened. */
    wall: number;
    type: K;
    payload: LogPayloads[K];
  };
}[LogType];

/** Where a running session's clock was, at most about a second ago (restart resumes from here). */
export interface ClockCheckpoint {
  simTime: number;
  wall: number;
}

export interface StoredSession {
  settings: SessionSettings;
  log: LogEntry[];
  checkpoint: ClockCheckpoint | null;
}
