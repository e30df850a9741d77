/** Who is online: open connections per seat. Presence is not logged (it is not part of the game). */
export class SessionPresence {
  /** sessionId → playerId → open connections. */
  private readonly connections = new Map<string, Map<string, number>>();

  /** Count a connection in or out; true when the seat went online or offline. */
  change(sessionId: string, playerId: string, delta: 1 | -1): boolean {
    let counts = this.connections.get(sessionId);
    if (!counts) this.connections.set(sessionId, (counts = new Map()));
    const before = counts.get(playerId) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) counts.delete(playerId);
    else counts.set(playerId, after);
    // Nobody left: forget the session, so a long day of ended sessions leaves nothing behind.
    if (counts.size === 0) this.connections.delete(sessionId);
    return (before === 0) !== (after === 0);
  }

  /** Replace a session's counts with a fresh count of its connections (one player id per connection). */
  recount(sessionId: string, playerIds: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const id of playerIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    this.connections.set(sessionId, counts);
  }

  /** Forget a session's counts (cluster mode: it is no longer served here). */
  clear(sessionId: string): void {
    this.connections.delete(sessionId);
  }

  isConnected(sessionId: string): (playerId: string) => boolean {
    const counts = this.connections.get(sessionId);
    return (playerId) => (counts?.get(playerId) ?? 0) > 0;
  }
}
