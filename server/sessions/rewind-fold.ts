/**
 * How a `rewind` log entry folds in (docs/scoring.md, "Rewinds"). Nothing is deleted: each rewound
 * team's world is rebuilt from its commands before `to` (exactly what a fresh world replayed to
 * `to` would be), and what it did from `to` on is kept aside as an abandoned line for the debrief.
 * The session pauses. Rewinding every team moves the session clock back to `to`; rewinding some
 * teams leaves the session clock where it is and those teams' clocks run `lag` behind it.
 */
import { runCommands, type TimedCommand } from '../engine/index.ts';
import type { ChatMessage } from '../protocol/views.ts';
import { sessionMode, type LogEntry } from '../storage/session-record.ts';
import { marksOf, type SessionState } from './session-state.ts';

export interface TeamRewind {
  /** Log sequence of the rewind entry. */
  seq: number;
  /** The team's own sim time when the host rewound it: the abandoned line runs from `to` to here. */
  at: number;
  to: number;
  /** Every command the team had when it was rewound (the line as it stood): the debrief replays it to `at`. */
  line: TimedCommand[];
  /** Team chat from `to` on, taken out of the console with the rest of the abandoned line. */
  chat: ChatMessage[];
}

export function foldRewind(state: SessionState, entry: Extract<LogEntry, { type: 'rewind' }>): string | null {
  const { teamIds, to } = entry.payload;
  const teams = teamIds.map((id) => state.teams.get(id));
  if (teams.some((t) => t === undefined) || teamIds.length === 0) return `seq ${entry.seq}: rewind of an unknown team`;
  const everyTeam = teamIds.length === state.teams.size;
  const sessionAt = everyTeam ? to : entry.at;
  for (const team of teams) {
    if (!team) continue;
    const at = entry.at - team.lag;
    if (to > at) return `seq ${entry.seq}: rewind of ${team.info.id} to ${to}, after its time ${at}`;
    const kept = team.commands.filter((c) => c.at < to);
    const replay = runCommands(state.scenario, state.settings.seed, kept, to, { mode: sessionMode(state.settings) });
    if (replay.refused.length > 0) return `seq ${entry.seq}: the engine refused a kept command on rewind (${replay.refused[0]!.error})`;
    team.rewinds.push({ seq: entry.seq, at, to, line: team.commands, chat: team.chat.filter((m) => m.at >= to) });
    team.world = replay.world;
    team.commands = kept;
    team.chat = team.chat.filter((m) => m.at < to);
    team.lag = sessionAt - to;
    team.sent = marksOf(replay.world);
  }
  // Requests from the abandoned line stay answered (as undone), never re-applied by a retry.
  const rewoundIds = new Set(teamIds);
  for (const [key, applied] of state.applied) {
    if (!rewoundIds.has(applied.teamId) || applied.at < to) continue;
    state.applied.delete(key);
    state.rewound.set(key, { to });
  }
  state.clock = { ...state.clock, status: 'paused', baseSim: sessionAt, baseWall: entry.wall };
  return null;
}
