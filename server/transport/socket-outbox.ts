/** The session service's outbox, mapped to socket.io rooms. */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../protocol/events.ts';
import type { Audience, OutArgs, OutEvent, SessionOutbox } from '../sessions/session-outbox.ts';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  session: (sessionId: string) => `s:${sessionId}`,
  host: (sessionId: string) => `s:${sessionId}:host`,
  team: (sessionId: string, teamId: string) => `s:${sessionId}:t:${teamId}`,
  player: (sessionId: string, playerId: string) => `s:${sessionId}:p:${playerId}`,
};

export function roomOf(audience: Audience): string {
  switch (audience.to) {
    case 'session': return rooms.session(audience.sessionId);
    case 'host': return rooms.host(audience.sessionId);
    case 'team': return rooms.team(audience.sessionId, audience.teamId);
    case 'player': return rooms.player(audience.sessionId, audience.playerId);
  }
}

export class SocketOutbox implements SessionOutbox {
  constructor(private readonly io: AppServer) {}

  send<E extends OutEvent>(audience: Audience, event: E, ...args: OutArgs<E>): void {
    // One serialisation per room, not per socket. socket.io's emit cannot take a generic event name.
    (this.io.to(roomOf(audience)).emit as (ev: string, ...a: unknown[]) => boolean)(event, ...args);
  }

  seatChanged(sessionId: string, playerId: string, teamId: string | null, allTeamIds: readonly string[]): void {
    const sockets = this.io.in(rooms.player(sessionId, playerId));
    // Applied at once on this node, and in order with later deltas on the others (cluster adapter):
    // the player's connections on every node leave the other teams' rooms before the next tick.
    const others = allTeamIds.filter((id) => id !== teamId).map((id) => rooms.team(sessionId, id));
    if (others.length > 0) sockets.socketsLeave(others);
    if (teamId !== null) sockets.socketsJoin(rooms.team(sessionId, teamId));
  }
}
