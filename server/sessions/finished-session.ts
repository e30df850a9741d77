/** The debrief seam: a finished session's settings, teams and timed engine commands. */
import type { TimedCommand } from '../engine/index.ts';
import type { SessionMode, TeamRole } from '../protocol/views.ts';
import { sessionMode } from '../storage/session-record.ts';
import { teamTime, type LoggedReview, type SessionState } from './session-state.ts';
import { pinnedNotes } from '../debrief/with-notes.ts';

/** A finished session, for the debrief: replay each team with engine runCommands(scenario, seed, commands, endedAt). */
export interface FinishedSession {
  sessionId: string;
  code: string;
  scenarioId: string;
  seed: number;
  mode: SessionMode;
  /** Speed when it ended. */
  speed: number;
  createdAt: number;
  /** Sim time the session ended (the host ended it, or the scenario's end). */
  endedAt: number;
  endedWall: number;
  /** Played disguised: the debrief says what each alias stood for. */
  disguised: boolean;
  teams: {
    id: string;
    name: string;
    players: { id: string; name: string; role: TeamRole | null }[];
    /** Every engine command the team's world accepted, in order, with its sim time (injects included). */
    commands: TimedCommand[];
    chat: { seq: number; at: number; playerId: string; name: string; text: string; pinned: boolean }[];
    /** The team's own sim time at the end: the session's minus its lag (a rewind of this team alone). */
    endedAt: number;
    /** The host's rewinds of this team: each line as it stood, replayed by the debrief to show the abandoned stretch. */
    rewinds: { at: number; to: number; line: TimedCommand[]; notes: { at: number; name: string; text: string }[] }[];
  }[];
  /** The facilitator's review after the end, in log order. */
  reviews: LoggedReview[];
}

/** A copy the debrief may keep: nothing in it aliases the live state. */
export function finishedSession(state: SessionState, ended: { at: number; wall: number }): FinishedSession {
  const players = [...state.players.values()];
  return {
    sessionId: state.settings.id, code: state.settings.code, scenarioId: state.settings.scenarioId, seed: state.settings.seed, mode: sessionMode(state.settings),
    speed: state.clock.speed, createdAt: state.settings.createdAt, endedAt: ended.at, endedWall: ended.wall, disguised: state.settings.disguise === true,
    teams: [...state.teams.values()].map((t) => ({
      id: t.info.id,
      name: t.info.name,
      players: players.filter((p) => p.teamId === t.info.id).map((p) => ({ id: p.id, name: p.name, role: p.role })),
      commands: structuredClone(t.commands),
      chat: t.chat.map((m) => ({ ...m })),
      endedAt: teamTime(state, t, ended.at),
      rewinds: t.rewinds.map((r) => ({ at: r.at, to: r.to, line: structuredClone(r.line), notes: pinnedNotes(r.chat) })),
    })),
    reviews: structuredClone(state.reviews),
  };
}
