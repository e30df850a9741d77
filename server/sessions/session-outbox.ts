/**
 * How the session service talks to the outside, without knowing about sockets: the transport
 * maps these to socket.io rooms (session, host, team, player). Tests record them.
 */
import type { ServerToClientEvents } from '../protocol/events.ts';

export type OutEvent = keyof ServerToClientEvents;
export type OutArgs<E extends OutEvent> = Parameters<ServerToClientEvents[E]>;

export type Audience =
  | { to: 'session'; sessionId: string }
  | { to: 'host'; sessionId: string }
  | { to: 'team'; sessionId: string; teamId: string }
  | { to: 'player'; sessionId: string; playerId: string };

export interface SessionOutbox {
  send<E extends OutEvent>(audience: Audience, event: E, ...args: OutArgs<E>): void;
  /** A player's seat changed team: move that player's connections (out of every other team's room) to the new team's room. */
  seatChanged(sessionId: string, playerId: string, teamId: string | null, allTeamIds: readonly string[]): void;
}

/** Schedules the per-session tick; injectable so tests drive time by hand. */
export interface TickTimers {
  every(ms: number, fn: () => void): () => void;
}

export const realTimers: TickTimers = {
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};
