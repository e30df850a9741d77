/**
 * The session service: plain methods over in-memory session state, no sockets. A facade over its
 * parts (one concept each):
 *   session-registry.ts       which sessions are in memory; residency of ended sessions
 *   session-pipeline.ts       the command pipeline: log entry → store.append → foldEntry, then durable
 *   session-lobby.ts          creation, host attach, seating (join, resume, teams, roles, presence)
 *   session-clock-control.ts  the host's clock controls and the tick
 *   team-commands.ts          investigate / act / diagnose, chat, injects
 *   branch-session.ts         a new session from a team's world at a moment of another
 *   session-rewind.ts         the host's rewind of one team or every team (rewind-fold.ts folds it)
 *   session-review.ts         the facilitator's review after the end (review log entries)
 * Text arrives cleaned and checked by the protocol schemas (server/protocol/clean-text.ts).
 * Every mutation is synchronous, so the mutations of a session are serialised by construction
 * (the event loop is the per-session queue); a method then awaits the store before it answers, so
 * whatever is acknowledged is durable.
 */
import type { Command } from '../engine/index.ts';
import type { Scenario } from '../engine/index.ts';
import type { Ack, BranchedSession, CommandAck, CreatedSession } from '../protocol/events.ts';
import type { ClockState, HostSnapshot, RoomView, TeamRole, TeamSnapshot } from '../protocol/views.ts';
import type { LogEntry } from '../storage/session-record.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { finishedSession, type FinishedSession } from './finished-session.ts';
import { SessionClockControl, type ClockControl } from './session-clock-control.ts';
import { DEFAULT_SESSION_CAPS, NO_SESSION_WITH_CODE, SessionLobby, type CreateSession, type ReserveSession, type SessionCaps } from './session-lobby.ts';
import { branchFamily, type BranchFamily } from './branch-family.ts';
import { SessionBrancher, type BranchAccess, type BranchRequest } from './branch-session.ts';
import { realTimers, type SessionOutbox, type TickTimers } from './session-outbox.ts';
import { fail, SessionPipeline, type Fail } from './session-pipeline.ts';
import { SessionRegistry } from './session-registry.ts';
import type { SessionState } from './session-state.ts';
import { TeamCommands, type HostInject } from './team-commands.ts';
import { SessionRewind, type HostRewind } from './session-rewind.ts';
import { SessionReviewer } from './session-review.ts';
import type { SessionReview } from '../protocol/review.ts';
import { secretMatches } from './secrets.ts';
import { roomView } from './room-view.ts';
import { teamDisguise } from './disguise-boundary.ts';
import { joinUrls } from './session-views.ts';
import { skipMinutes } from './skip-inject.ts';

export type { ClockControl } from './session-clock-control.ts';
export type { CreateSession } from './session-lobby.ts';
export type { BranchAccess, BranchRequest } from './branch-session.ts';
export type { BranchFamily } from './branch-family.ts';
export type { FinishedSession } from './finished-session.ts';
export type { HostInject } from './team-commands.ts';
export type { HostRewind } from './session-rewind.ts';
export const NO_SUCH_SESSION_TO_REWIND = 'no such session';
export const WRONG_HOST_SECRET = 'wrong host secret';
export { RESIDENT_ENDED_SESSIONS } from './session-registry.ts';

export interface SessionServiceOptions {
  scenarios: ReadonlyMap<string, Scenario>;
  store: SessionStore;
  outbox: SessionOutbox;
  now?: () => number;
  timers?: TickTimers;
  tickMs?: number;
  /** Caps on open sessions (defaults: DEFAULT_SESSION_CAPS). */
  caps?: SessionCaps;
  /** Cluster mode: lease a new session and check its join code across the cluster before it is written. */
  reserve?: ReserveSession;
  /** Overload: the refusal for new sessions, branches and joins while the server is behind (load-shedding.ts). */
  busy?: () => string | null;
}

export class SessionService {
  private readonly registry: SessionRegistry;
  private readonly lobby: SessionLobby;
  private readonly clock: SessionClockControl;
  private readonly teams: TeamCommands;
  private readonly brancher: SessionBrancher;
  private readonly pipeline: SessionPipeline;
  private readonly rewinds: SessionRewind;
  private readonly reviewer: SessionReviewer;
  private readonly now: () => number;

  constructor(private readonly options: SessionServiceOptions) {
    const now = options.now ?? Date.now;
    this.registry = new SessionRegistry(options.scenarios, options.store, now);
    const pipeline = this.pipeline = new SessionPipeline({ scenarios: options.scenarios, store: options.store, outbox: options.outbox, registry: this.registry, now, busy: options.busy });
    this.lobby = new SessionLobby(pipeline, options.caps, options.reserve);
    this.now = now;
    this.clock = new SessionClockControl(pipeline, options.timers ?? realTimers, options.tickMs ?? 1000);
    this.teams = new TeamCommands(pipeline, this.clock);
    this.brancher = new SessionBrancher(pipeline, options.caps ?? DEFAULT_SESSION_CAPS, options.reserve);
    this.rewinds = new SessionRewind(pipeline, this.clock);
    this.reviewer = new SessionReviewer(pipeline);
  }

  get restoreProblems(): string[] {
    return this.registry.restoreProblems;
  }

  /** Load every stored session; running ones resume ticking at the sim time they had. */
  restore(): void {
    for (const state of this.registry.restore()) if (state.clock.status === 'running') this.clock.startTicking(state);
  }

  stats(): { sessions: number; inMemory: number; open: number; ended: number; running: number; players: number } {
    let running = 0;
    let players = 0;
    for (const s of this.registry.resident()) {
      if (s.clock.status === 'running') running++;
      players += s.players.size;
    }
    const known = this.registry.stats();
    return { ...known, ended: known.sessions - known.open, running, players };
  }

  // ---- host ---------------------------------------------------------------------------------

  createSession(request: CreateSession, baseUrl: string, creatorAddress?: string): Promise<Ack<CreatedSession>> {
    return this.lobby.createSession(request, baseUrl, creatorAddress);
  }

  /** A new session from a team's world at a moment of this one (branch-session.ts). Counts against the open-session caps. */
  branchSession(parentId: string, request: BranchRequest, access: BranchAccess, baseUrl: string, creatorAddress?: string): Promise<Ack<BranchedSession>> {
    return this.brancher.branch(parentId, request, access, baseUrl, creatorAddress);
  }

  attachHost(code: string, hostSecret: string, baseUrl: string): Ack<{ sessionId: string; snapshot: HostSnapshot }> {
    return this.lobby.attachHost(code, hostSecret, baseUrl);
  }

  /**
   * The room screen's view (room-view.ts): anyone with the join code, and it carries no truth, and
   * no score or rank before the end (then the debrief's ranking).
   */
  roomView(code: string, baseUrl: string): Ack<{ view: RoomView }> {
    const state = this.registry.getByCode(code);
    if (!state) return fail(NO_SESSION_WITH_CODE);
    const family = () => this.branchFamily(state.settings.id);
    return { ok: true, view: roomView(state, this.now(), joinUrls(baseUrl, state.settings.code).joinUrl, family) };
  }

  hostSnapshot(sessionId: string, baseUrl: string): Ack<{ snapshot: HostSnapshot }> {
    return this.lobby.hostSnapshot(sessionId, baseUrl);
  }

  controlClock(sessionId: string, control: ClockControl): Promise<Ack<{ clock: ClockState }>> {
    return this.clock.control(sessionId, control);
  }

  movePlayer(sessionId: string, playerId: string, teamId: string | null): Promise<Ack> {
    return this.lobby.movePlayer(sessionId, playerId, teamId);
  }

  renameTeam(sessionId: string, teamId: string, name: string): Promise<Ack> {
    return this.lobby.renameTeam(sessionId, teamId, name);
  }

  /** Deliver an inject; a library inject with `skipTo` then moves the clock on for every team. */
  async inject(sessionId: string, request: HostInject): Promise<Ack<{ delivered: number }>> {
    const sent = await this.teams.inject(sessionId, request);
    const state = this.registry.get(sessionId);
    const minutes = sent.ok && state ? skipMinutes(state, request.injectId, this.now()) : 0;
    if (minutes === 0) return sent;
    const skipped = await this.clock.control(sessionId, { action: 'skip', minutes });
    return skipped.ok ? sent : skipped;
  }

  /** Rewind one team (or every team) to an earlier sim time; the session pauses. */
  rewind(sessionId: string, request: HostRewind): Promise<Ack<{ clock: ClockState }>> {
    return this.rewinds.rewind(sessionId, request);
  }

  /** The same rewind for a caller that proves it is the host with the secret (HTTP, scripts). */
  async rewindWithSecret(sessionId: string, hostSecret: string, request: HostRewind): Promise<Ack<{ clock: ClockState }>> {
    const state = this.registry.get(sessionId);
    if (!state) return fail(NO_SUCH_SESSION_TO_REWIND);
    if (!secretMatches(hostSecret, state.settings.hostSecretHash)) return fail(WRONG_HOST_SECRET);
    return this.rewinds.rewind(sessionId, request);
  }

  // ---- players ------------------------------------------------------------------------------

  join(code: string, name: string, teamId: string | null, role: TeamRole | null): Promise<Ack<{ sessionId: string; playerId: string; playerToken: string; snapshot: TeamSnapshot }>> {
    return this.lobby.join(code, name, teamId, role);
  }

  resume(code: string, playerToken: string): Ack<{ sessionId: string; playerId: string; snapshot: TeamSnapshot }> {
    return this.lobby.resume(code, playerToken);
  }

  teamSnapshot(sessionId: string, playerId: string): Ack<{ snapshot: TeamSnapshot }> {
    return this.lobby.teamSnapshot(sessionId, playerId);
  }

  playerTeam(sessionId: string, playerId: string): string | null {
    return this.lobby.playerTeam(sessionId, playerId);
  }

  chooseTeam(sessionId: string, playerId: string, teamId: string): Promise<Ack> {
    return this.lobby.chooseTeam(sessionId, playerId, teamId);
  }

  setRole(sessionId: string, playerId: string, role: TeamRole | null): Promise<Ack> {
    return this.lobby.setRole(sessionId, playerId, role);
  }

  /**
   * investigate / act / cancel / diagnose from a responder: the team is the player's seat and the responder the player, never the payload's.
   * In a disguised session the ids come in disguised and the answer goes out disguised.
   */
  async command(sessionId: string, playerId: string, clientActionId: string, command: Command): Promise<CommandAck> {
    const state = this.registry.get(sessionId);
    const disguise = state ? teamDisguise(state) : null;
    if (!disguise) return this.teams.command(sessionId, playerId, clientActionId, command);
    return disguise.mask(await this.teams.command(sessionId, playerId, clientActionId, disguise.realCommand(command)));
  }

  chat(sessionId: string, playerId: string, clientActionId: string, text: string, pinned: boolean): Promise<CommandAck> {
    return this.teams.chat(sessionId, playerId, clientActionId, text, pinned);
  }

  /** The transport reports connections so the lobby can show who is online. */
  connected(sessionId: string, playerId: string, delta: 1 | -1): void {
    this.lobby.connected(sessionId, playerId, delta);
  }

  // ---- debrief seam -------------------------------------------------------------------------

  /** The facilitator's review of an ended session (a mark, points, an improvement item), appended to its log. */
  review(sessionId: string, hostSecret: string, review: SessionReview): Promise<Ack<{ seq: number }>> {
    return this.reviewer.review(sessionId, hostSecret, review);
  }

  /** A finished session's settings, teams and timed engine commands, for the debrief. */
  getFinishedSession(sessionId: string): { ok: true; session: FinishedSession } | Fail {
    const state = this.registry.get(sessionId);
    if (!state) return fail('no such session');
    if (!state.ended) return fail('this session has not ended yet');
    return { ok: true, session: finishedSession(state, state.ended) };
  }

  /** Parent, children and (for a branch) the original team's commands, for the debrief (branch-family.ts). */
  branchFamily(sessionId: string): BranchFamily | undefined {
    return branchFamily(this.registry, this.options.store, sessionId);
  }

  /** The whole log of a session (tests and tools; not sent to clients). */
  log(sessionId: string): readonly LogEntry[] {
    return this.options.store.get(sessionId)?.log ?? [];
  }

  /** The cached state (tests compare it with a replay of the log). */
  inspect(sessionId: string): SessionState | undefined {
    return this.registry.get(sessionId);
  }

  // ---- residency ----------------------------------------------------------------------------

  /**
   * Make a stored session ready for the synchronous methods above: an ended session that has left
   * memory is read back from the store (with `family`, its branch parent too, for the debrief).
   * Null when it is in memory already; an unknown session resolves at once (the method then gives its usual answer).
   */
  prepare(sessionId: string, family = false): Promise<void> | null {
    const resident = this.registry.residentSession(sessionId);
    if (resident && !(family && resident.settings.origin)) return null;
    return (async () => {
      const stored = await this.options.store.load(sessionId);
      if (!stored) return;
      this.registry.get(sessionId);
      const parent = family ? stored.settings.origin?.parentSessionId : undefined;
      if (parent !== undefined) await this.prepare(parent);
    })();
  }

  /** prepare() for the session a join code belongs to. */
  prepareByCode(code: string): Promise<void> | null {
    const sessionId = this.registry.idOfCode(code);
    return sessionId === undefined ? null : this.prepare(sessionId);
  }

  // ---- retention ----------------------------------------------------------------------------

  /** Delete the sessions that ended more than `retainMs` ago (memory and file); returns how many. */
  async sweepEnded(retainMs: number): Promise<number> {
    const cutoff = this.now() - retainMs;
    const expired = this.options.store.list().filter((s) => s.endedWall !== null && s.endedWall < cutoff);
    for (const stored of expired) {
      this.registry.forget(stored.settings.id, stored.settings.code);
      await this.options.store.remove(stored.settings.id);
    }
    return expired.length;
  }

  // ---- cluster ownership (server/cluster) ---------------------------------------------------

  /**
   * This node took the session's lease: rebuild it from the store with the same code as a restart
   * (a running clock resumes at the sim time it had reached) and tick it. False when it is not stored.
   */
  adopt(sessionId: string): boolean {
    const stored = this.options.store.get(sessionId);
    if (!stored) return false;
    this.drop(sessionId);
    const state = this.registry.restoreOne(stored);
    if (!state) return false;
    if (state.clock.status === 'running') this.clock.startTicking(state);
    return true;
  }

  /** This node no longer owns the session: stop its clock and forget it at once (no writes). */
  drop(sessionId: string): void {
    const state = this.registry.residentSession(sessionId);
    if (!state) return;
    this.clock.stopTicking(state);
    this.registry.forget(sessionId, state.settings.code);
    this.pipeline.presence.clear(sessionId);
  }

  /** Cluster mode, after a takeover: who is connected, counted on every node (one player id per connection). */
  recountPresence(sessionId: string, playerIds: readonly string[]): void {
    const state = this.registry.residentSession(sessionId);
    if (!state) return;
    this.pipeline.presence.recount(sessionId, playerIds);
    this.pipeline.lobbyChanged(state);
  }

  /** True when the session is in memory here and has ended (read-only: any node may serve it). */
  hasEndedHere(sessionId: string): boolean {
    return this.registry.residentSession(sessionId)?.ended != null;
  }

  /** Sessions held in memory, with whether each has ended (cluster mode releases ended ones). */
  residentSessions(): { sessionId: string; ended: boolean; running: boolean }[] {
    return [...this.registry.resident()].map((s) => ({ sessionId: s.settings.id, ended: s.ended !== null, running: s.clock.status === 'running' }));
  }

  // ---- clock --------------------------------------------------------------------------------

  /** Advance every team's world to now and send what is new. `force`: also when not running. */
  tick(sessionId: string, force = false): void {
    this.clock.tick(sessionId, force);
  }

  /** Stop ticking and save where every running clock is (graceful shutdown). */
  shutdown(): Promise<void> {
    return this.clock.shutdown();
  }
}
