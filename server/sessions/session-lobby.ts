/**
 * Creating a session, attaching its host, and seating people: join, resume, choose a team, set a
 * role, the host moving a player, and who is online.
 */
import type { z } from 'zod';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { Ack, CreatedSession } from '../protocol/events.ts';
import type { createSessionSchema } from '../protocol/payloads.ts';
import { DEFAULT_SESSION_MODE, type SessionMode } from '../protocol/session-mode.ts';
import type { HostSnapshot, TeamRole, TeamSnapshot } from '../protocol/views.ts';
import type { SessionSettings } from '../storage/session-record.ts';
import { fail, refuseIfEnded, type Fail, type SessionPipeline } from './session-pipeline.ts';
import type { SessionRegistry } from './session-registry.ts';
import { initialState, type PlayerSeat, type SessionState } from './session-state.ts';
import { joinUrls } from './session-views.ts';
import { hashSecret, newId, newJoinCode, newSecret, secretMatches } from './secrets.ts';

/** What the transport passes after validation; `mode` may be left out by in-process callers (default realistic). */
export type CreateSession = Omit<z.output<typeof createSessionSchema>, 'mode'> & { mode?: SessionMode };

/** Answers that mean "a code, token or secret did not match": the transport throttles guessing on them. */
export const NO_SESSION_WITH_CODE = 'no session with that code';
export const WRONG_CODE_OR_SECRET = 'wrong join code or host secret';
export const UNKNOWN_SEAT = 'this seat is unknown here; join again';
export const LATE_JOINERS_WAIT = 'the session has started: the facilitator seats people who join now; wait in the lobby until you are placed in a team';
export const GUESS_ANSWERS: readonly string[] = [NO_SESSION_WITH_CODE, WRONG_CODE_OR_SECRET, UNKNOWN_SEAT];

/** How many open (not ended) sessions the server keeps: in all, and per creating address. */
export interface SessionCaps {
  maxOpenSessions: number;
  maxOpenSessionsPerAddress: number;
}

export const DEFAULT_SESSION_CAPS: SessionCaps = { maxOpenSessions: 500, maxOpenSessionsPerAddress: 10 };

export const serverFull = (max: number): string => `the server already runs its maximum of ${max} open sessions; try again once one has ended`;
export const addressFull = (max: number): string => `your network address already has ${max} open sessions; end one of them first`;

/**
 * Cluster mode: take the new session's lease and make sure its join code is free in the whole
 * cluster before anything is written (false: try another code; throws when storage is down).
 */
export type ReserveSession = (sessionId: string, code: string) => Promise<boolean>;

const RESERVE_ATTEMPTS = 3;
const COULD_NOT_RESERVE = 'the server could not reserve a session right now; please try again';

/**
 * Room for one more open session (the server's cap, and the asking address's), and the new
 * session's id, a join code free here (in cluster mode, reserved with the session's lease) and
 * host secret. `creator`: the address's hash, to store.
 */
export async function admitSession(registry: SessionRegistry, caps: SessionCaps, creatorAddress: string | undefined, reserve?: ReserveSession):
  Promise<{ ok: true; creator: string | undefined; id: string; code: string; hostSecret: string } | Fail> {
  if (registry.openSessions() >= caps.maxOpenSessions) return fail(serverFull(caps.maxOpenSessions));
  const creator = creatorAddress === undefined ? undefined : hashSecret(`creator:${creatorAddress}`).slice(0, 32);
  if (creator !== undefined && registry.openSessions(creator) >= caps.maxOpenSessionsPerAddress) return fail(addressFull(caps.maxOpenSessionsPerAddress));
  const id = newId();
  const code = await freeCode(registry, id, reserve);
  if (code === null) return fail(COULD_NOT_RESERVE);
  return { ok: true, creator, id, code, hostSecret: newSecret() };
}

/** A join code no session here uses (and, in cluster mode, reserved with the session's lease). */
async function freeCode(registry: SessionRegistry, sessionId: string, reserve: ReserveSession | undefined): Promise<string | null> {
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    let code = newJoinCode();
    while (registry.hasCode(code)) code = newJoinCode();
    if (!reserve) return code;
    try {
      if (await reserve(sessionId, code)) return code;
    } catch {
      return null;
    }
  }
  return null;
}

/** The answer to a creation: the host secret appears here once and is never stored. */
export function createdSession(settings: SessionSettings, hostSecret: string, baseUrl: string): { ok: true } & CreatedSession {
  return { ok: true, sessionId: settings.id, code: formatJoinCode(settings.code), hostSecret, ...joinUrls(baseUrl, settings.code) };
}

export class SessionLobby {
  constructor(private readonly pipeline: SessionPipeline, private readonly caps: SessionCaps = DEFAULT_SESSION_CAPS, private readonly reserve?: ReserveSession) {}

  /** `creatorAddress`: the client address asking (for the per-address cap); only its hash is stored. */
  async createSession(request: CreateSession, baseUrl: string, creatorAddress?: string): Promise<Ack<CreatedSession>> {
    const p = this.pipeline;
    const scenario = p.scenarios.get(request.scenarioId);
    if (!scenario) return fail(`unknown scenario "${request.scenarioId}"`);
    if (request.disguise && !scenario.data.disguise) return fail(`the scenario "${scenario.data.id}" declares no disguise (scenario.json "disguise"), so it cannot be played disguised`);
    const busy = p.busy();
    if (busy) return fail(busy);
    const admitted = await admitSession(p.registry, this.caps, creatorAddress, this.reserve);
    if (!admitted.ok) return admitted;
    const { creator, id, code, hostSecret } = admitted;
    const settings: SessionSettings = {
      id, code, scenarioId: scenario.data.id,
      seed: request.seed ?? scenario.data.defaultSeed,
      speed: request.speed,
      mode: request.mode ?? DEFAULT_SESSION_MODE,
      teams: Array.from({ length: request.teamCount }, (_, i) => ({ id: `t${i + 1}`, name: request.teamNames?.[i] ?? `Team ${i + 1}` })),
      hostSecretHash: hashSecret(hostSecret),
      createdAt: p.now(),
      lateJoiners: request.lateJoiners ?? 'assigned',
      ...(request.disguise ? { disguise: true as const } : {}),
      ...(creator === undefined ? {} : { creator }),
    };
    const stored = p.store.create(settings);
    if (!stored.ok) return fail(stored.error);
    p.registry.add(initialState(settings, scenario));
    const trouble = await p.durable(settings.id);
    if (trouble) return trouble;
    return createdSession(settings, hostSecret, baseUrl);
  }

  attachHost(code: string, hostSecret: string, baseUrl: string): Ack<{ sessionId: string; snapshot: HostSnapshot }> {
    const state = this.pipeline.registry.getByCode(code);
    // One answer for "no such code" and "wrong secret": a code alone must not be probeable for hosts.
    if (!state || !secretMatches(hostSecret, state.settings.hostSecretHash)) return fail(WRONG_CODE_OR_SECRET);
    return { ok: true, sessionId: state.settings.id, snapshot: this.pipeline.hostSnapshotOf(state, baseUrl) };
  }

  hostSnapshot(sessionId: string, baseUrl: string): Ack<{ snapshot: HostSnapshot }> {
    const state = this.pipeline.registry.get(sessionId);
    if (!state) return fail('no such session');
    return { ok: true, snapshot: this.pipeline.hostSnapshotOf(state, baseUrl) };
  }

  async movePlayer(sessionId: string, playerId: string, teamId: string | null): Promise<Ack> {
    const state = this.pipeline.registry.get(sessionId);
    if (!state) return fail('no such session');
    const player = state.players.get(playerId);
    if (!player) return fail('no such player in this session');
    if (teamId !== null && !state.teams.has(teamId)) return fail('no such team');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (player.teamId !== teamId) this.seat(state, player, teamId, 'host');
    return (await this.pipeline.durable(sessionId)) ?? { ok: true };
  }

  /** `name` is already cleaned by the transport (TEXT_RULES.teamName); the debrief and a restart see it from the log. */
  async renameTeam(sessionId: string, teamId: string, name: string): Promise<Ack> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    if (!state) return fail('no such session');
    const team = state.teams.get(teamId);
    if (!team) return fail('no such team');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (team.info.name === name) return { ok: true };
    p.commit(state, 'team-renamed', { teamId, name });
    p.lobbyChanged(state);
    return (await p.durable(sessionId)) ?? { ok: true };
  }

  async join(code: string, name: string, teamId: string | null, role: TeamRole | null): Promise<Ack<{ sessionId: string; playerId: string; playerToken: string; snapshot: TeamSnapshot }>> {
    const p = this.pipeline;
    const state = p.registry.getByCode(code);
    if (!state) return fail(NO_SESSION_WITH_CODE);
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (teamId !== null && !state.teams.has(teamId)) return fail('no such team');
    if (state.players.size >= 500) return fail('this session is full');
    const busy = p.busy();
    if (busy) return fail(busy);
    const playerToken = newSecret();
    const playerId = newId();
    // Once the clock runs, a team's world is its own: late joiners wait for the host unless teams are open.
    const seatedIn = hostSeatsLateJoiners(state) ? null : teamId;
    p.commit(state, 'player-joined', { playerId, name, tokenHash: hashSecret(playerToken), teamId: seatedIn, role });
    p.lobbyChanged(state);
    const trouble = await p.durable(state.settings.id);
    if (trouble) return trouble;
    const player = state.players.get(playerId)!;
    return { ok: true, sessionId: state.settings.id, playerId, playerToken, snapshot: p.teamSnapshotOf(state, player) };
  }

  resume(code: string, playerToken: string): Ack<{ sessionId: string; playerId: string; snapshot: TeamSnapshot }> {
    const state = this.pipeline.registry.getByCode(code);
    if (!state) return fail(NO_SESSION_WITH_CODE);
    let found: PlayerSeat | undefined;
    // Compare against every seat so the time taken does not depend on which one matches.
    for (const p of state.players.values()) if (secretMatches(playerToken, p.tokenHash)) found = p;
    if (!found) return fail(UNKNOWN_SEAT);
    return { ok: true, sessionId: state.settings.id, playerId: found.id, snapshot: this.pipeline.teamSnapshotOf(state, found) };
  }

  teamSnapshot(sessionId: string, playerId: string): Ack<{ snapshot: TeamSnapshot }> {
    const state = this.pipeline.registry.get(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    return { ok: true, snapshot: this.pipeline.teamSnapshotOf(state, player) };
  }

  playerTeam(sessionId: string, playerId: string): string | null {
    return this.pipeline.registry.get(sessionId)?.players.get(playerId)?.teamId ?? null;
  }

  async chooseTeam(sessionId: string, playerId: string, teamId: string): Promise<Ack> {
    const state = this.pipeline.registry.get(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (!state.teams.has(teamId)) return fail('no such team');
    if (player.teamId === teamId) return { ok: true };
    // Once the clock runs, hopping teams would let a responder read another team's world.
    if (player.teamId !== null && state.clock.status !== 'lobby') return fail('teams are fixed once the session has started; ask the facilitator to move you');
    if (hostSeatsLateJoiners(state)) return fail(LATE_JOINERS_WAIT);
    this.seat(state, player, teamId, 'player');
    return (await this.pipeline.durable(sessionId)) ?? { ok: true };
  }

  async setRole(sessionId: string, playerId: string, role: TeamRole | null): Promise<Ack> {
    const p = this.pipeline;
    const state = p.registry.get(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    const ended = refuseIfEnded(state);
    if (ended) return ended;
    if (player.role === role) return { ok: true };
    p.commit(state, 'player-role', { playerId, role });
    p.lobbyChanged(state);
    return (await p.durable(sessionId)) ?? { ok: true };
  }

  /** The transport reports connections so the lobby can show who is online. */
  connected(sessionId: string, playerId: string, delta: 1 | -1): void {
    const state = this.pipeline.registry.get(sessionId);
    if (!state) return;
    if (this.pipeline.presence.change(sessionId, playerId, delta)) this.pipeline.lobbyChanged(state);
  }

  private seat(state: SessionState, player: PlayerSeat, teamId: string | null, by: 'host' | 'player'): void {
    const p = this.pipeline;
    p.commit(state, 'player-moved', { playerId: player.id, teamId, by });
    const sessionId = state.settings.id;
    p.seatChanged(state, player.id, teamId);
    p.send({ to: 'player', sessionId, playerId: player.id }, 'session:snapshot', p.teamSnapshotOf(state, player));
    p.lobbyChanged(state);
  }
}

/** True once the clock has started in a session whose host seats late joiners (the default). */
function hostSeatsLateJoiners(state: SessionState): boolean {
  return state.clock.status !== 'lobby' && (state.settings.lateJoiners ?? 'assigned') === 'assigned';
}
