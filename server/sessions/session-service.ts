/**
 * The session service: plain methods over in-memory session state, no sockets. Every mutation is
 * synchronous (build a log entry → store.append → foldEntry), so the mutations of a session are
 * serialised by construction (the event loop is the per-session queue); a method then awaits
 * `store.flush()` before it answers, so whatever is acknowledged is durable.
 */
import type { z } from 'zod';
import { advance, apply, type Command, type Scenario, type TimedCommand } from '../engine/index.ts';
import { formatJoinCode } from '../protocol/join-code.ts';
import type { Ack, CommandAck, CreatedSession } from '../protocol/events.ts';
import type { createSessionSchema, hostInjectSchema, clockControlSchema } from '../protocol/payloads.ts';
import type { ClockState, HostSnapshot, HostTeamDelta, RoomView, TeamRole, TeamSnapshot } from '../protocol/views.ts';
import type { LogEntry, LogPayloads, LogType, SessionSettings, StoredSession } from '../storage/session-record.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { rebase, roundMs, simNow } from './session-clock.ts';
import { realTimers, type Audience, type OutArgs, type OutEvent, type SessionOutbox, type TickTimers } from './session-outbox.ts';
import { appliedKey, foldEntry, initialState, restoreState, type PlayerSeat, type SessionState } from './session-state.ts';
import { chatMessage, clockState, debriefLinks, hostSnapshot, joinUrls, lobbyState, teamDeltas, teamSnapshot } from './session-views.ts';
import { roomView } from './room-view.ts';
import { hashSecret, newId, newJoinCode, newSecret, secretMatches } from './secrets.ts';

export type CreateSession = z.output<typeof createSessionSchema>;
export type ClockControl = z.output<typeof clockControlSchema>;
export type HostInject = z.output<typeof hostInjectSchema>;
type Fail = { ok: false; error: string };

export interface SessionServiceOptions {
  scenarios: ReadonlyMap<string, Scenario>;
  store: SessionStore;
  outbox: SessionOutbox;
  now?: () => number;
  timers?: TickTimers;
  tickMs?: number;
}

/** A finished session, for the debrief: replay each team with engine runCommands(scenario, seed, commands, endedAt). */
export interface FinishedSession {
  sessionId: string;
  code: string;
  scenarioId: string;
  seed: number;
  /** Speed when it ended. */
  speed: number;
  createdAt: number;
  /** Sim time the session ended (the host ended it, or the scenario's end). */
  endedAt: number;
  endedWall: number;
  teams: {
    id: string;
    name: string;
    players: { id: string; name: string; role: TeamRole | null }[];
    /** Every engine command the team's world accepted, in order, with its sim time (injects included). */
    commands: TimedCommand[];
    chat: { seq: number; at: number; playerId: string; name: string; text: string; pinned: boolean }[];
  }[];
}

const STORAGE_TROUBLE = 'the server could not save this; please try again';

/**
 * Ended sessions kept in memory, most recently used first. Their team worlds are only a cache of
 * the log (a few MB each for a long scenario), so older ones are dropped and rebuilt on demand.
 */
export const RESIDENT_ENDED_SESSIONS = 16;

function hasEnded(stored: StoredSession): boolean {
  return stored.log.some((e) => e.type === 'clock' && e.payload.action === 'end');
}

export class SessionService {
  private readonly sessions = new Map<string, SessionState>();
  private readonly byCode = new Map<string, string>();
  /** Ended sessions in memory, least recently used first. */
  private readonly residentEnded = new Set<string>();
  private readonly stopTick = new Map<string, () => void>();
  /** sessionId → playerId → open connections. Presence is not logged. */
  private readonly connections = new Map<string, Map<string, number>>();
  private readonly now: () => number;
  private readonly timers: TickTimers;
  private readonly tickMs: number;
  readonly restoreProblems: string[] = [];

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? realTimers;
    this.tickMs = options.tickMs ?? 1000;
  }

  /** Load every stored session; running ones resume ticking at the sim time they had. */
  restore(): void {
    for (const stored of this.options.store.list()) {
      if (hasEnded(stored)) {
        // Reviewable but finished: rebuilt from the log when someone asks (see session()).
        this.byCode.set(stored.settings.code, stored.settings.id);
        continue;
      }
      const scenario = this.options.scenarios.get(stored.settings.scenarioId);
      if (!scenario) {
        this.restoreProblems.push(`session ${stored.settings.id}: scenario "${stored.settings.scenarioId}" is not loaded; session not restored`);
        continue;
      }
      const { state, problems } = restoreState(stored, scenario, this.now());
      for (const p of problems) this.restoreProblems.push(`session ${stored.settings.id}: ${p}`);
      this.sessions.set(state.settings.id, state);
      this.byCode.set(state.settings.code, state.settings.id);
      if (state.clock.status === 'running') this.startTicking(state);
    }
  }

  stats(): { sessions: number; inMemory: number; running: number; players: number } {
    let running = 0;
    let players = 0;
    for (const s of this.sessions.values()) {
      if (s.clock.status === 'running') running++;
      players += s.players.size;
    }
    return { sessions: this.byCode.size, inMemory: this.sessions.size, running, players };
  }

  // ---- host ---------------------------------------------------------------------------------

  async createSession(request: CreateSession, baseUrl: string): Promise<Ack<CreatedSession>> {
    const scenario = this.options.scenarios.get(request.scenarioId);
    if (!scenario) return fail(`unknown scenario "${request.scenarioId}"`);
    let code = newJoinCode();
    while (this.byCode.has(code)) code = newJoinCode();
    const hostSecret = newSecret();
    const settings: SessionSettings = {
      id: newId(), code, scenarioId: scenario.data.id,
      seed: request.seed ?? scenario.data.defaultSeed,
      speed: request.speed,
      teams: Array.from({ length: request.teamCount }, (_, i) => ({ id: `t${i + 1}`, name: request.teamNames?.[i] ?? `Team ${i + 1}` })),
      hostSecretHash: hashSecret(hostSecret),
      createdAt: this.now(),
    };
    const stored = this.options.store.create(settings);
    if (!stored.ok) return fail(stored.error);
    this.sessions.set(settings.id, initialState(settings, scenario));
    this.byCode.set(code, settings.id);
    const trouble = await this.durable(settings.id);
    if (trouble) return trouble;
    return { ok: true, sessionId: settings.id, code: formatJoinCode(code), hostSecret, ...joinUrls(baseUrl, code) };
  }

  attachHost(code: string, hostSecret: string, baseUrl: string): Ack<{ sessionId: string; snapshot: HostSnapshot }> {
    const state = this.byCodeState(code);
    // One answer for "no such code" and "wrong secret": a code alone must not be probeable for hosts.
    if (!state || !secretMatches(hostSecret, state.settings.hostSecretHash)) return fail('wrong join code or host secret');
    return { ok: true, sessionId: state.settings.id, snapshot: this.hostSnapshotOf(state, baseUrl) };
  }

  /** The room screen's view (room-view.ts): anyone with the join code, and it carries no truth. */
  roomView(code: string, baseUrl: string): Ack<{ view: RoomView }> {
    const state = this.byCodeState(code);
    if (!state) return fail('no session with that code');
    return { ok: true, view: roomView(state, this.now(), joinUrls(baseUrl, state.settings.code).joinUrl) };
  }

  hostSnapshot(sessionId: string, baseUrl: string): Ack<{ snapshot: HostSnapshot }> {
    const state = this.session(sessionId);
    if (!state) return fail('no such session');
    return { ok: true, snapshot: this.hostSnapshotOf(state, baseUrl) };
  }

  async controlClock(sessionId: string, control: ClockControl): Promise<Ack<{ clock: ClockState }>> {
    const state = this.session(sessionId);
    if (!state) return fail('no such session');
    const status = state.clock.status;
    const wall = this.now();
    const at = rebase(state.clock, wall);
    const allowed: Record<ClockControl['action'], readonly string[]> = {
      start: ['lobby'], pause: ['running'], resume: ['paused'], speed: ['lobby', 'running', 'paused'],
      skip: ['running', 'paused'], end: ['lobby', 'running', 'paused'],
    };
    if (!allowed[control.action].includes(status)) return fail(`cannot ${control.action} a session that is ${status}`);
    if (control.action === 'end') {
      const trouble = await this.endSession(state, 'host');
      return trouble ?? { ok: true, clock: clockState(state, this.now()) };
    }
    const simTime = control.action === 'skip' ? roundMs(Math.min(state.clock.end, at.baseSim + control.minutes * 60)) : at.baseSim;
    const speed = control.action === 'speed' ? control.speed : state.clock.speed;
    this.commit(state, 'clock', { action: control.action, simTime, speed, reason: 'host' }, simTime);
    if (state.clock.status === 'running') this.startTicking(state);
    else this.stopTicking(state);
    this.send({ to: 'session', sessionId }, 'session:clock', clockState(state, this.now()));
    this.tick(sessionId, true);
    const trouble = await this.durable(sessionId);
    return trouble ?? { ok: true, clock: clockState(state, this.now()) };
  }

  async movePlayer(sessionId: string, playerId: string, teamId: string | null): Promise<Ack> {
    const state = this.session(sessionId);
    if (!state) return fail('no such session');
    const player = state.players.get(playerId);
    if (!player) return fail('no such player in this session');
    if (teamId !== null && !state.teams.has(teamId)) return fail('no such team');
    if (state.clock.status === 'ended') return fail('the session has ended');
    if (player.teamId !== teamId) this.seat(state, player, teamId, 'host');
    return (await this.durable(sessionId)) ?? { ok: true };
  }

  async inject(sessionId: string, request: HostInject): Promise<Ack<{ delivered: number }>> {
    const state = this.session(sessionId);
    if (!state) return fail('no such session');
    if (state.clock.status !== 'running' && state.clock.status !== 'paused') return fail(`injects are for a started session (this one is ${state.clock.status})`);
    let command: Command;
    if (request.injectId !== undefined) {
      const spec = state.scenario.data.injects.find((i) => i.id === request.injectId);
      if (!spec) return fail(`unknown inject "${request.injectId}"`);
      // Carries the library id: the engine then skips this inject's timed delivery to the team.
      command = { type: 'inject', title: request.title ?? spec.title, text: request.text ?? spec.text, hint: request.hint ?? spec.hint, injectId: spec.id };
    } else {
      command = { type: 'inject', title: request.title ?? '', text: request.text ?? '', hint: request.hint ?? false };
    }
    const teams = request.teamId === null ? [...state.teams.keys()] : [request.teamId];
    if (request.teamId !== null && !state.teams.has(request.teamId)) return fail('no such team');
    let delivered = 0;
    let lastError = '';
    for (const teamId of teams) {
      const result = this.applyCommand(state, teamId, null, null, command);
      if (result.ok) delivered++;
      else lastError = result.error;
    }
    if (delivered === 0) return fail(lastError || 'not delivered');
    this.tick(sessionId, true);
    return (await this.durable(sessionId)) ?? { ok: true, delivered };
  }

  // ---- players ------------------------------------------------------------------------------

  async join(code: string, name: string, teamId: string | null, role: TeamRole | null): Promise<Ack<{ sessionId: string; playerId: string; playerToken: string; snapshot: TeamSnapshot }>> {
    const state = this.byCodeState(code);
    if (!state) return fail('no session with that code');
    if (state.clock.status === 'ended') return fail('this session has ended; its debrief is open to everyone');
    if (teamId !== null && !state.teams.has(teamId)) return fail('no such team');
    if (state.players.size >= 500) return fail('this session is full');
    const playerToken = newSecret();
    const playerId = newId();
    this.commit(state, 'player-joined', { playerId, name: plainText(name, 40), tokenHash: hashSecret(playerToken), teamId, role });
    this.lobbyChanged(state);
    const trouble = await this.durable(state.settings.id);
    if (trouble) return trouble;
    const player = state.players.get(playerId)!;
    return { ok: true, sessionId: state.settings.id, playerId, playerToken, snapshot: this.teamSnapshotOf(state, player) };
  }

  resume(code: string, playerToken: string): Ack<{ sessionId: string; playerId: string; snapshot: TeamSnapshot }> {
    const state = this.byCodeState(code);
    if (!state) return fail('no session with that code');
    let found: PlayerSeat | undefined;
    // Compare against every seat so the time taken does not depend on which one matches.
    for (const p of state.players.values()) if (secretMatches(playerToken, p.tokenHash)) found = p;
    if (!found) return fail('this seat is unknown here; join again');
    return { ok: true, sessionId: state.settings.id, playerId: found.id, snapshot: this.teamSnapshotOf(state, found) };
  }

  teamSnapshot(sessionId: string, playerId: string): Ack<{ snapshot: TeamSnapshot }> {
    const state = this.session(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    return { ok: true, snapshot: this.teamSnapshotOf(state, player) };
  }

  playerTeam(sessionId: string, playerId: string): string | null {
    return this.session(sessionId)?.players.get(playerId)?.teamId ?? null;
  }

  async chooseTeam(sessionId: string, playerId: string, teamId: string): Promise<Ack> {
    const state = this.session(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    if (!state.teams.has(teamId)) return fail('no such team');
    if (state.clock.status === 'ended') return fail('the session has ended');
    if (player.teamId === teamId) return { ok: true };
    // Once the clock runs, hopping teams would let a responder read another team's world.
    if (player.teamId !== null && state.clock.status !== 'lobby') return fail('teams are fixed once the session has started; ask the facilitator to move you');
    this.seat(state, player, teamId, 'player');
    return (await this.durable(sessionId)) ?? { ok: true };
  }

  async setRole(sessionId: string, playerId: string, role: TeamRole | null): Promise<Ack> {
    const state = this.session(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return fail('no such seat');
    if (player.role === role) return { ok: true };
    this.commit(state, 'player-role', { playerId, role });
    this.lobbyChanged(state);
    return (await this.durable(sessionId)) ?? { ok: true };
  }

  /**
   * The seat a team request comes from, or the answer to give at once: no such seat, a retry of a
   * request already applied (answered with the original entry once it is durable), or no team yet.
   */
  private async teamRequest(sessionId: string, playerId: string, clientActionId: string): Promise<{ state: SessionState; teamId: string } | { answer: CommandAck }> {
    const state = this.session(sessionId);
    const player = state?.players.get(playerId);
    if (!state || !player) return { answer: fail('no such seat') };
    const previous = state.applied.get(appliedKey(playerId, clientActionId));
    if (previous) return { answer: (await this.durable(sessionId)) ?? { ok: true, ...previous, duplicate: true } };
    if (player.teamId === null) return { answer: fail('you are not in a team yet') };
    return { state, teamId: player.teamId };
  }

  /** investigate / act / diagnose from a responder: the team is the player's seat, never the payload's. */
  async command(sessionId: string, playerId: string, clientActionId: string, command: Command): Promise<CommandAck> {
    const seat = await this.teamRequest(sessionId, playerId, clientActionId);
    if ('answer' in seat) return seat.answer;
    const { state, teamId } = seat;
    if (state.clock.status !== 'running') {
      return fail(state.clock.status === 'paused' ? 'the clock is paused' : state.clock.status === 'lobby' ? 'the session has not started yet' : 'the session has ended');
    }
    const result = this.applyCommand(state, teamId, playerId, clientActionId, command);
    if (!result.ok) return result;
    // The team sees its new record at once; other teams are unchanged and wait for the tick.
    this.emitDeltas(state, simNow(state.clock, this.now()), this.now(), teamId);
    return (await this.durable(sessionId)) ?? { ok: true, entry: result.entry, seq: result.seq, duplicate: false };
  }

  async chat(sessionId: string, playerId: string, clientActionId: string, text: string, pinned: boolean): Promise<CommandAck> {
    const seat = await this.teamRequest(sessionId, playerId, clientActionId);
    if ('answer' in seat) return seat.answer;
    const { state, teamId } = seat;
    const entry = this.commit(state, 'chat', { teamId, playerId, clientActionId, text: plainText(text, 1000), pinned });
    const message = chatMessage(state, teamId, entry.seq);
    if (message) {
      this.send({ to: 'team', sessionId, teamId }, 'team:chat', message);
      this.send({ to: 'host', sessionId }, 'host:chat', { ...message, teamId });
    }
    return (await this.durable(sessionId)) ?? { ok: true, entry: entry.seq, seq: entry.seq, duplicate: false };
  }

  /** The transport reports connections so the lobby can show who is online. */
  connected(sessionId: string, playerId: string, delta: 1 | -1): void {
    const state = this.session(sessionId);
    if (!state) return;
    let counts = this.connections.get(sessionId);
    if (!counts) this.connections.set(sessionId, (counts = new Map()));
    const before = counts.get(playerId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) counts.delete(playerId);
    else counts.set(playerId, after);
    if ((before === 0) !== (after === 0)) this.lobbyChanged(state);
  }

  // ---- debrief seam -------------------------------------------------------------------------

  /** A finished session's settings, teams and timed engine commands, for the debrief. */
  getFinishedSession(sessionId: string): { ok: true; session: FinishedSession } | Fail {
    const state = this.session(sessionId);
    if (!state) return fail('no such session');
    if (!state.ended) return fail('this session has not ended yet');
    const players = [...state.players.values()];
    return {
      ok: true,
      session: {
        sessionId, code: state.settings.code, scenarioId: state.settings.scenarioId, seed: state.settings.seed,
        speed: state.clock.speed, createdAt: state.settings.createdAt, endedAt: state.ended.at, endedWall: state.ended.wall,
        teams: [...state.teams.values()].map((t) => ({
          id: t.info.id,
          name: t.info.name,
          players: players.filter((p) => p.teamId === t.info.id).map((p) => ({ id: p.id, name: p.name, role: p.role })),
          commands: structuredClone(t.commands),
          chat: t.chat.map((m) => ({ ...m })),
        })),
      },
    };
  }

  /** The whole log of a session (tests and tools; not sent to clients). */
  log(sessionId: string): readonly LogEntry[] {
    return this.options.store.get(sessionId)?.log ?? [];
  }

  /** The cached state (tests compare it with a replay of the log). */
  inspect(sessionId: string): SessionState | undefined {
    return this.session(sessionId);
  }

  // ---- clock --------------------------------------------------------------------------------

  /** Advance every team's world to now and send what is new. `force`: also when not running. */
  tick(sessionId: string, force = false): void {
    const state = this.session(sessionId);
    if (!state || (state.clock.status !== 'running' && !force)) return;
    const wall = this.now();
    const t = simNow(state.clock, wall);
    if (state.clock.status === 'running' && t >= state.clock.end) {
      void this.endSession(state, 'scenario-end');
      return;
    }
    this.emitDeltas(state, t, wall);
    if (state.clock.status === 'running') this.options.store.setCheckpoint(sessionId, { simTime: roundMs(t), wall });
  }

  /** Stop ticking and save where every running clock is (graceful shutdown). */
  async shutdown(): Promise<void> {
    const wall = this.now();
    for (const [id, stop] of this.stopTick) {
      stop();
      const state = this.sessions.get(id);
      if (state) this.options.store.setCheckpoint(id, { simTime: roundMs(simNow(state.clock, wall)), wall });
    }
    this.stopTick.clear();
    await this.options.store.flush();
  }

  /** Advance the worlds (all, or one team's) to `t` and send each team's delta once, to its room. */
  private emitDeltas(state: SessionState, t: number, wall: number, onlyTeam?: string): void {
    const sessionId = state.settings.id;
    const hostDeltas: HostTeamDelta[] = [];
    for (const team of state.teams.values()) {
      if (onlyTeam !== undefined && team.info.id !== onlyTeam) continue;
      team.world = advance(state.scenario, team.world, t);
      const deltas = teamDeltas(state, team, wall);
      if (!deltas) continue;
      this.send({ to: 'team', sessionId, teamId: team.info.id }, 'team:delta', deltas.team);
      hostDeltas.push(deltas.host);
    }
    if (hostDeltas.length > 0) this.send({ to: 'host', sessionId }, 'host:delta', hostDeltas);
  }

  private async endSession(state: SessionState, reason: 'host' | 'scenario-end'): Promise<Fail | null> {
    if (state.ended) return null;
    const wall = this.now();
    const simTime = roundMs(simNow(state.clock, wall));
    this.stopTicking(state);
    this.emitDeltas(state, simTime, wall);
    this.commit(state, 'clock', { action: 'end', simTime, speed: state.clock.speed, reason }, simTime);
    this.options.store.setCheckpoint(state.settings.id, null);
    const sessionId = state.settings.id;
    // Final deltas carry `ended: true` once the world reached the scenario end; the clock says ended either way.
    this.emitDeltas(state, simTime, wall);
    this.send({ to: 'session', sessionId }, 'session:clock', clockState(state, wall));
    const trouble = await this.durable(sessionId);
    this.send({ to: 'session', sessionId }, 'session:ended', debriefLinks(sessionId));
    this.keepEnded(sessionId);
    return trouble;
  }

  private startTicking(state: SessionState): void {
    const id = state.settings.id;
    if (this.stopTick.has(id)) return;
    this.stopTick.set(id, this.timers.every(this.tickMs, () => this.tick(id)));
  }

  private stopTicking(state: SessionState): void {
    const id = state.settings.id;
    this.stopTick.get(id)?.();
    this.stopTick.delete(id);
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Dry-run the command on the team's world at now; if the engine accepts it, log and fold it. */
  private applyCommand(state: SessionState, teamId: string, playerId: string | null, clientActionId: string | null, command: Command): { ok: true; entry: number; seq: number } | Fail {
    const team = state.teams.get(teamId);
    if (!team) return fail('no such team');
    const t = simNow(state.clock, this.now());
    const world = advance(state.scenario, team.world, t);
    team.world = world;
    const result = apply(state.scenario, world, command);
    if (!result.ok) return result;
    // Logged at the world's step time, so a replay (advance to `at`, apply) lands on the same step.
    const entry = this.commit(state, 'command', { teamId, playerId, clientActionId, command, entry: result.entry }, world.t);
    return { ok: true, entry: result.entry, seq: entry.seq };
  }

  private seat(state: SessionState, player: PlayerSeat, teamId: string | null, by: 'host' | 'player'): void {
    this.commit(state, 'player-moved', { playerId: player.id, teamId, by });
    const sessionId = state.settings.id;
    this.options.outbox.seatChanged(sessionId, player.id, teamId);
    this.send({ to: 'player', sessionId, playerId: player.id }, 'session:snapshot', this.teamSnapshotOf(state, player));
    this.lobbyChanged(state);
  }

  private commit<K extends LogType>(state: SessionState, type: K, payload: LogPayloads[K], at?: number): LogEntry {
    const wall = this.now();
    const entry = { seq: state.seq + 1, at: at ?? roundMs(simNow(state.clock, wall)), wall, type, payload } as LogEntry;
    const stored = this.options.store.append(state.settings.id, [entry]);
    // Only a programming error gets here (the seq comes from the same state): fail loudly.
    if (!stored.ok) throw new Error(`log append failed: ${stored.error}`);
    const problem = foldEntry(state, entry);
    if (problem) throw new Error(`log fold failed: ${problem}`);
    return entry;
  }

  private async durable(sessionId: string): Promise<Fail | null> {
    try {
      await this.options.store.flush(sessionId);
      return null;
    } catch {
      this.send({ to: 'host', sessionId }, 'session:notice', { level: 'warning', text: 'The server could not save recent changes (storage trouble). Play continues; unsaved changes are retried.' });
      return fail(STORAGE_TROUBLE);
    }
  }

  private lobbyChanged(state: SessionState): void {
    this.send({ to: 'session', sessionId: state.settings.id }, 'session:lobby', lobbyState(state, this.isConnected(state.settings.id)));
  }

  private isConnected(sessionId: string): (playerId: string) => boolean {
    const counts = this.connections.get(sessionId);
    return (playerId) => (counts?.get(playerId) ?? 0) > 0;
  }

  private teamSnapshotOf(state: SessionState, player: PlayerSeat): TeamSnapshot {
    const t = simNow(state.clock, this.now());
    const team = player.teamId ? state.teams.get(player.teamId) : undefined;
    if (team) team.world = advance(state.scenario, team.world, t);
    return teamSnapshot(state, player, this.now(), this.isConnected(state.settings.id));
  }

  private hostSnapshotOf(state: SessionState, baseUrl: string): HostSnapshot {
    const t = simNow(state.clock, this.now());
    for (const team of state.teams.values()) team.world = advance(state.scenario, team.world, t);
    return hostSnapshot(state, this.now(), joinUrls(baseUrl, state.settings.code).joinUrl, this.isConnected(state.settings.id));
  }

  /** A session's state: in memory, or (ended and dropped from memory) rebuilt from its log. */
  private session(sessionId: string): SessionState | undefined {
    let state = this.sessions.get(sessionId);
    if (!state) {
      const stored = this.options.store.get(sessionId);
      const scenario = stored && this.options.scenarios.get(stored.settings.scenarioId);
      if (!stored || !scenario) return undefined;
      state = restoreState(stored, scenario, this.now()).state;
      this.sessions.set(sessionId, state);
    }
    if (state.ended) this.keepEnded(sessionId);
    return state;
  }

  /** Mark an ended session as just used and drop the least recently used beyond the limit. */
  private keepEnded(sessionId: string): void {
    this.residentEnded.delete(sessionId);
    this.residentEnded.add(sessionId);
    for (const oldest of this.residentEnded) {
      if (this.residentEnded.size <= RESIDENT_ENDED_SESSIONS) break;
      this.residentEnded.delete(oldest);
      this.sessions.delete(oldest);
    }
  }

  private byCodeState(code: string): SessionState | undefined {
    const id = this.byCode.get(code);
    return id ? this.session(id) : undefined;
  }

  private send<E extends OutEvent>(audience: Audience, event: E, ...args: OutArgs<E>): void {
    this.options.outbox.send(audience, event, ...args);
  }
}

function fail(error: string): Fail {
  return { ok: false, error };
}

/** Plain text only: no control characters, trimmed, bounded. The client renders text, never HTML. */
function plainText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim().slice(0, max);
}
