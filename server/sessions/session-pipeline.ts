/**
 * The command pipeline shared by every part of the session service: build a log entry →
 * store.append → foldEntry (synchronous, so a session's mutations are serialised by the event
 * loop), then `durable()` awaits the store before anything is acknowledged. Also the outbox and
 * the views that need the clock (snapshots, per-tick deltas).
 */
import { advanceOwned, check, type Command, type Scenario } from '../engine/index.ts';
import type { HostSnapshot, HostTeamDelta, TeamSnapshot } from '../protocol/views.ts';
import type { LogEntry, LogPayloads, LogType } from '../storage/session-record.ts';
import type { SessionStore } from '../storage/session-store.ts';
import { roundMs, simNow } from './session-clock.ts';
import type { Audience, OutArgs, OutEvent, SessionOutbox } from './session-outbox.ts';
import { SessionPresence } from './session-presence.ts';
import type { SessionRegistry } from './session-registry.ts';
import { foldEntry, teamTime, type PlayerSeat, type SessionState } from './session-state.ts';
import { hostSnapshot, joinUrls, lobbyState, teamSnapshot } from './session-views.ts';
import { teamDeltas } from './team-deltas.ts';
import { forTeams } from './disguise-boundary.ts';

export type Fail = { ok: false; error: string };

export function fail(error: string): Fail {
  return { ok: false, error };
}

/** The one answer to anything that would change an ended session: its log never changes again. */
export const SESSION_ENDED = 'this session has ended and can no longer change; its debrief is open to everyone';

/** Null while the session may change; the refusal once it has ended. */
export function refuseIfEnded(state: SessionState): Fail | null {
  return state.clock.status === 'ended' ? fail(SESSION_ENDED) : null;
}

export const STORAGE_TROUBLE = 'the server could not save this; please try again';

export interface PipelineParts {
  scenarios: ReadonlyMap<string, Scenario>;
  store: SessionStore;
  outbox: SessionOutbox;
  registry: SessionRegistry;
  now: () => number;
  /** Overload: the refusal for new sessions and joins while the server is behind (load-shedding.ts), or null. */
  busy?: () => string | null;
}

export class SessionPipeline {
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly store: SessionStore;
  readonly registry: SessionRegistry;
  readonly presence = new SessionPresence();
  readonly now: () => number;
  /** The refusal for new sessions, branches and joins while the server is overloaded, or null. */
  readonly busy: () => string | null;
  private readonly outbox: SessionOutbox;

  constructor(parts: PipelineParts) {
    this.scenarios = parts.scenarios;
    this.store = parts.store;
    this.outbox = parts.outbox;
    this.registry = parts.registry;
    this.now = parts.now;
    this.busy = parts.busy ?? (() => null);
  }

  commit<K extends LogType>(state: SessionState, type: K, payload: LogPayloads[K], at?: number): LogEntry {
    const wall = this.now();
    const entry = { seq: state.seq + 1, at: at ?? roundMs(simNow(state.clock, wall)), wall, type, payload } as LogEntry;
    const stored = this.store.append(state.settings.id, [entry]);
    // Only a programming error gets here (the seq comes from the same state): fail loudly.
    if (!stored.ok) throw new Error(`log append failed: ${stored.error}`);
    const problem = foldEntry(state, entry);
    if (problem) throw new Error(`log fold failed: ${problem}`);
    return entry;
  }

  /** Wait until what was committed is durable; null when it is, the answer to give when not. */
  async durable(sessionId: string): Promise<Fail | null> {
    try {
      await this.store.flush(sessionId);
      return null;
    } catch {
      this.send({ to: 'host', sessionId }, 'session:notice', { level: 'warning', text: 'The server could not save recent changes (storage trouble). Play continues; unsaved changes are retried.' });
      return fail(STORAGE_TROUBLE);
    }
  }

  /** Check the command on the team's world at now (nothing written); if the engine accepts it, log and fold it. */
  applyCommand(state: SessionState, teamId: string, playerId: string | null, clientActionId: string | null, command: Command): { ok: true; entry: number; seq: number } | Fail {
    const team = state.teams.get(teamId);
    if (!team) return fail('no such team');
    const t = teamTime(state, team, simNow(state.clock, this.now()));
    const world = advanceOwned(state.scenario, team.world, t);
    const result = check(state.scenario, world, command);
    if (!result.ok) return result;
    // Logged at the world's step time, so a replay (advance to `at`, apply) lands on the same step.
    const entry = this.commit(state, 'command', { teamId, playerId, clientActionId, command, entry: result.entry }, world.t);
    return { ok: true, entry: result.entry, seq: entry.seq };
  }

  /** Advance every team's world to session time `t` and send each team's delta once, to its room; the host's in one message. */
  emitDeltas(state: SessionState, t: number, wall: number): void {
    const sessionId = state.settings.id;
    const hostDeltas: HostTeamDelta[] = [];
    for (const team of state.teams.values()) {
      team.world = advanceOwned(state.scenario, team.world, teamTime(state, team, t));
      const deltas = teamDeltas(state, team, wall);
      if (deltas.team) this.send({ to: 'team', sessionId, teamId: team.info.id }, 'team:delta', deltas.team);
      if (deltas.host) hostDeltas.push(deltas.host);
    }
    if (hostDeltas.length > 0) this.send({ to: 'host', sessionId }, 'host:delta', hostDeltas);
  }

  lobbyChanged(state: SessionState): void {
    this.send({ to: 'session', sessionId: state.settings.id }, 'session:lobby', lobbyState(state, this.presence.isConnected(state.settings.id)));
  }

  teamSnapshotOf(state: SessionState, player: PlayerSeat): TeamSnapshot {
    const t = simNow(state.clock, this.now());
    const team = player.teamId ? state.teams.get(player.teamId) : undefined;
    if (team) team.world = advanceOwned(state.scenario, team.world, teamTime(state, team, t));
    return forTeams(state, teamSnapshot(state, player, this.now(), this.presence.isConnected(state.settings.id)));
  }

  hostSnapshotOf(state: SessionState, baseUrl: string): HostSnapshot {
    const t = simNow(state.clock, this.now());
    for (const team of state.teams.values()) team.world = advanceOwned(state.scenario, team.world, teamTime(state, team, t));
    return hostSnapshot(state, this.now(), joinUrls(baseUrl, state.settings.code).joinUrl, this.presence.isConnected(state.settings.id));
  }

  seatChanged(state: SessionState, playerId: string, teamId: string | null): void {
    this.outbox.seatChanged(state.settings.id, playerId, teamId, [...state.teams.keys()]);
  }

  /** Everything for a team, a player or the whole session leaves disguised when the session is (the host's does not). */
  send<E extends OutEvent>(audience: Audience, event: E, ...args: OutArgs<E>): void {
    const state = audience.to === 'host' ? undefined : this.registry.residentSession(audience.sessionId);
    this.outbox.send(audience, event, ...(state ? forTeams(state, args) : args));
  }
}
