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

  seatChanged(sessionId: string, playerId: string, teamId: string | null): void {
    const sockets = this.io.in(rooms.player(sessionId, playerId));
    const teamPrefix = `s:${sessionId}:t:`;
    // The local adapter applies these synchronously, before the next tick's deltas.
    for (const socketId of this.io.sockets.adapter.rooms.get(rooms.player(sessionId, playerId)) ?? []) {
      const socket = this.io.sockets.sockets.get(socketId);
      if (!socket) continue;
      for (const room of socket.rooms) if (room.startsWith(teamPrefix)) void socket.leave(room);
    }
    if (teamId !== null) sockets.socketsJoin(rooms.team(sessionId, teamId));
  }
}
