/**
 * Branching: a new session whose only team starts from another session's team world at sim time
 * t. A moment of a session is its log up to t, so the branch's log BEGINS with the parent team's
 * commands and chat logged strictly before t (copied, marked `inherited`), then a clock entry
 * paused at t. Folded like any log, that gives the parent team's world at t exactly (same
 * scenario, seed and mode), and a restart needs nothing special. A command logged exactly at t
 * is not inherited: the branch is "what else could the team have done at t", so t is the
 * branch's first free moment.
 */
import { advanceOwned, clock as parseClock, formatClock, type SimSeconds } from '../engine/index.ts';
import type { Ack, BranchedSession } from '../protocol/events.ts';
import type { LogEntry, SessionSettings, StoredSession } from '../storage/session-record.ts';
import { sessionMode } from '../storage/session-record.ts';
import { roundMs, simNow } from './session-clock.ts';
import { admitSession, createdSession, type ReserveSession, type SessionCaps } from './session-lobby.ts';
import { fail, type Fail, type SessionPipeline } from './session-pipeline.ts';
import { foldEntry, initialState, marksOf, teamTime, type SessionState, type TeamState } from './session-state.ts';
import { hashSecret, secretMatches } from './secrets.ts';

export interface BranchRequest {
  teamId: string;
  /** "HH:MM" (UTC, the scenario's day) or sim seconds since 00:00. */
  at: string | number;
}

/**
 * Who asks. `hostSecret`: the parent's secret, as HTTP callers give it; `hostOf`: the session a
 * socket attached to as host. A running parent needs one of them; an ended one is open to anyone
 * (like its debrief).
 */
export interface BranchAccess {
  hostSecret?: string;
  hostOf?: string;
}

export const NO_SUCH_SESSION = 'no such session';
export const BRANCH_TIME_FORMAT = 'a branch time looks like 12:00 (HH:MM, UTC) or a number of sim seconds';
export const DOES_NOT_REPLAY = "this session's log does not replay";
export const NEEDS_HOST_SECRET = 'this session has not ended: only its host may branch it (with its host secret) until it ends';

export class SessionBrancher {
  constructor(private readonly pipeline: SessionPipeline, private readonly caps: SessionCaps, private readonly reserve?: ReserveSession) {}

  async branch(parentId: string, request: BranchRequest, access: BranchAccess, baseUrl: string, creatorAddress?: string): Promise<Ack<BranchedSession>> {
    const p = this.pipeline;
    const parent = p.registry.get(parentId);
    const stored = p.store.get(parentId);
    if (!parent || !stored) return fail(NO_SUCH_SESSION);
    if (!parent.ended && !hostMayBranch(parent, access)) return fail(NEEDS_HOST_SECRET);
    const team = parent.teams.get(request.teamId);
    if (!team) return fail(`no team "${request.teamId}" in this session; its teams are ${[...parent.teams.values()].map((t) => `${t.info.id} (${t.info.name})`).join(', ')}`);
    const at = branchTime(parent, request.at, p.now(), team);
    if (!at.ok) return at;
    const busy = p.busy();
    if (busy) return fail(busy);
    const admitted = await admitSession(p.registry, this.caps, creatorAddress, this.reserve);
    if (!admitted.ok) return admitted;

    const { creator, id, code, hostSecret } = admitted;
    const t = at.t;
    const settings: SessionSettings = {
      id, code, scenarioId: parent.settings.scenarioId, seed: parent.settings.seed, speed: parent.clock.speed,
      mode: sessionMode(parent.settings),
      teams: [{ id: team.info.id, name: team.info.name }],
      hostSecretHash: hashSecret(hostSecret),
      createdAt: p.now(),
      // One team, and whoever holds the join code is meant to play it: joiners seat themselves.
      lateJoiners: 'open',
      // A branch of a disguised session is played under the same aliases.
      ...(parent.settings.disguise ? { disguise: true as const } : {}),
      ...(creator === undefined ? {} : { creator }),
    };
    const log = branchLog(stored, parent, team, t, p.now());
    if (!log) return fail(`${DOES_NOT_REPLAY}: the team's commands are not all in its log, so it cannot be branched`);
    const built = foldBranch(settings, parent, log, t);
    if (!built.ok) return built;
    const state = built.state;
    settings.origin = { parentSessionId: parentId, parentTeamId: team.info.id, at: t, parentCode: parent.settings.code, ...built.inherited };

    const created = p.store.create(settings);
    if (!created.ok) return fail(created.error);
    const appended = p.store.append(id, log);
    if (!appended.ok) return fail(appended.error);
    p.registry.add(state);
    const trouble = await p.durable(id);
    if (trouble) return trouble;
    return { ...createdSession(settings, hostSecret, baseUrl), parentSessionId: parentId, branchedAt: t };
  }
}

function hostMayBranch(parent: SessionState, access: BranchAccess): boolean {
  if (access.hostOf === parent.settings.id) return true;
  return access.hostSecret !== undefined && secretMatches(access.hostSecret, parent.settings.hostSecretHash);
}

/**
 * `at` as sim seconds, if it lies between the scenario's start and what the parent has played
 * (`team`: what that team has played — a team the host rewound alone runs behind the session).
 */
export function branchTime(parent: SessionState, at: string | number, wall: number, team?: TeamState): { ok: true; t: SimSeconds } | Fail {
  const t = typeof at === 'number' ? roundMs(at) : parseClock(at);
  if (t === null || !Number.isFinite(t)) return fail(BRANCH_TIME_FORMAT);
  const { start, end } = parent.clock;
  const sessionPlayed = parent.ended ? parent.ended.at : Math.min(end, simNow(parent.clock, wall));
  const played = team ? teamTime(parent, team, sessionPlayed) : sessionPlayed;
  const window = played > start ? `between ${formatClock(start)} and ${formatClock(played)}` : `at ${formatClock(start)} (the session has not started yet)`;
  if (t < start) return fail(`${formatClock(t)} is before the scenario starts (${formatClock(start)}); pick a time ${window}`);
  if (t > played) return fail(`this session has only been played to ${formatClock(played)}; pick a time ${window}`);
  return { ok: true, t };
}

/**
 * The branch's log: the parent team's commands and chat logged before t, renumbered and marked
 * inherited (an inherited message keeps its author's name), then the clock paused at t. Only the
 * team's current line is copied — the commands and messages its folded state holds, matched in
 * log order — so nothing a fold set aside (a rewound stretch) comes back. Null when the log lacks
 * a command the state holds.
 */
function branchLog(stored: StoredSession, parent: SessionState, team: TeamState, t: SimSeconds, wall: number): LogEntry[] | null {
  const line = team.commands.filter((c) => c.at < t);
  const chat = new Set(team.chat.filter((m) => m.at < t).map((m) => m.seq));
  const teamId = team.info.id;
  const log: LogEntry[] = [];
  let next = 0;
  for (const e of stored.log) {
    const wanted = line[next];
    if (e.type === 'command' && e.payload.teamId === teamId && wanted && e.at === wanted.at && JSON.stringify(e.payload.command) === JSON.stringify(wanted.command)) {
      log.push({ ...e, seq: log.length + 1, payload: { ...e.payload, inherited: true } });
      next++;
    } else if (e.type === 'chat' && e.payload.teamId === teamId && chat.has(e.seq)) {
      const name = e.payload.name ?? parent.players.get(e.payload.playerId)?.name ?? 'unknown';
      log.push({ ...e, seq: log.length + 1, payload: { ...e.payload, inherited: true, name } });
    }
  }
  if (next < line.length) return null;
  log.push({ seq: log.length + 1, at: t, wall, type: 'clock', payload: { action: 'pause', simTime: t, speed: parent.clock.speed, reason: 'host' } });
  return log;
}

/**
 * The branch's state: its log folded from scratch and its world advanced to t. A parent whose
 * log does not replay (the engine refuses an entry, or numbers it differently) cannot be branched.
 */
function foldBranch(settings: SessionSettings, parent: SessionState, log: readonly LogEntry[], t: SimSeconds):
  { ok: true; state: SessionState; inherited: { firstEntry: number; leads: number } } | Fail {
  const state = initialState(settings, parent.scenario);
  for (const entry of log) {
    const problem = foldEntry(state, entry);
    if (problem) return fail(`${DOES_NOT_REPLAY} (${problem.replace(/^seq \d+: /, '')}), so it cannot be branched`);
  }
  const team = [...state.teams.values()][0]!;
  team.world = advanceOwned(parent.scenario, team.world, t);
  team.sent = marksOf(team.world);
  return { ok: true, state, inherited: { firstEntry: team.world.nextEntry, leads: team.world.leads.length } };
}
