/** A finished (or, for the host, running) session's log, as the debrief builder takes it. */
import type { Scenario, SimSeconds, TimedCommand } from '../engine/index.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { SessionMode } from '../protocol/views.ts';
import type { DebriefInput } from './debrief-input.ts';
import { pinnedNotes } from './with-notes.ts';
import type { ReviewInput } from './team-reviews.ts';

/** The shape SessionService.getFinishedSession returns (structural, so this module needs no service). */
export interface SessionLog {
  sessionId: string;
  code: string;
  seed: number;
  mode: SessionMode;
  speed: number;
  createdAt: number;
  endedAt: SimSeconds;
  /** Wall clock (ms) it ended; null while it runs. */
  endedWall: number | null;
  /** Played disguised (its debrief reveals the aliases). */
  disguised?: boolean;
  teams: {
    id: string;
    name: string;
    players: { name: string; role: string | null }[];
    commands: readonly TimedCommand[];
    chat: readonly { at: number; name: string; text: string; pinned: boolean }[];
    /** The team's own end, when the host rewound it alone (its clock ran behind the session's). */
    endedAt?: SimSeconds;
    rewinds?: readonly { at: SimSeconds; to: SimSeconds; line: readonly TimedCommand[]; notes?: readonly { at: SimSeconds; name: string; text: string }[] }[];
  }[];
  /** The facilitator's review after the end (log `review` entries). */
  reviews?: readonly ReviewInput[];
}

/** `family`: the session's lineage and, for a branch, the original team's run (SessionService.branchFamily). */
export function sessionDebriefInput(scenario: Scenario, log: SessionLog, family?: Pick<DebriefInput, 'lineage' | 'branch'>): DebriefInput {
  return {
    ...(family?.lineage ? { lineage: family.lineage } : {}),
    ...(family?.branch ? { branch: family.branch } : {}),
    scenario,
    seed: log.seed,
    reviews: log.reviews ?? [],
    mode: log.mode,
    endAt: log.endedAt,
    ...(log.disguised ? { disguised: true } : {}),
    session: {
      id: log.sessionId, code: formatJoinCode(log.code), speed: log.speed,
      createdAt: new Date(log.createdAt).toISOString(),
      endedAt: log.endedWall === null ? null : new Date(log.endedWall).toISOString(),
    },
    teams: log.teams.map((t) => ({
      id: t.id, name: t.name, players: t.players.map((p) => ({ name: p.name, role: p.role })), commands: t.commands,
      notes: pinnedNotes(t.chat),
      ...(t.endedAt === undefined ? {} : { endAt: t.endedAt }),
      rewinds: t.rewinds ?? [],
    })),
  };
}
