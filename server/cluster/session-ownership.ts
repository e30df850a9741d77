/**
 * Which sessions this node serves. A running session is served by the one node holding its lease
 * (session-lease.ts): that node rebuilds it from the Redis log with the same code as a restart
 * (SessionService.adopt → restoreState), runs its clock, and is the only one whose writes Redis
 * accepts (fencing). A lost lease stops the session here at once. Ended sessions are read-only:
 * their lease is given back and any node may rebuild and serve them.
 */
import type { SessionLeases } from './session-lease.ts';
import type { RedisStore } from '../storage/redis-store.ts';
import type { SessionService } from '../sessions/session-service.ts';

/** Where a session is served: here, by another node, or nowhere (it is not stored). */
export type Placement = { at: 'here' } | { at: 'node'; nodeId: string } | { at: 'nowhere' };

export interface OwnershipParts {
  leases: SessionLeases;
  store: RedisStore;
  service: SessionService;
  log: (message: string) => void;
  /** Called after this node took a session over (e.g. to count who is connected to it). */
  adopted?: (sessionId: string) => void;
}

export class SessionOwnership {
  /** Sessions whose lease this node holds and whose state it has in memory. */
  private readonly served = new Set<string>();
  private readonly placing = new Map<string, Promise<Placement>>();
  private adoptions = 0;

  constructor(private readonly parts: OwnershipParts) {
    parts.leases.onLost((sessionId) => this.lost(sessionId));
  }

  get nodeId(): string {
    return this.parts.leases.nodeId;
  }

  /** Sessions taken over from storage since start (after a failover, a Redis outage or a release). */
  get takeovers(): number {
    return this.adoptions;
  }

  /** Served here: owned (lease held) or ended and in memory (read-only). */
  servesHere(sessionId: string): boolean {
    return this.served.has(sessionId) || this.parts.service.hasEndedHere(sessionId);
  }

  owned(): string[] {
    return [...this.served];
  }

  /**
   * Find who serves the session, taking it over when nobody does. Rejects when Redis cannot be
   * reached (the caller answers "try again").
   */
  place(sessionId: string): Promise<Placement> {
    if (this.servesHere(sessionId)) return Promise.resolve({ at: 'here' });
    let placing = this.placing.get(sessionId);
    if (!placing) {
      placing = this.placeOnce(sessionId).finally(() => this.placing.delete(sessionId));
      this.placing.set(sessionId, placing);
    }
    return placing;
  }

  /** A session being created here: its lease first, and a join code nobody in the cluster uses. */
  async reserve(sessionId: string, code: string): Promise<boolean> {
    if ((await this.parts.store.findByCode(code)) !== undefined) return false;
    if (!(await this.parts.leases.acquire(sessionId))) return false;
    this.served.add(sessionId);
    return true;
  }

  /**
   * Give back the leases of sessions that ended (they are read-only now) or never got created.
   * Run periodically.
   */
  async sweep(): Promise<void> {
    const resident = new Map(this.parts.service.residentSessions().map((s) => [s.sessionId, s]));
    for (const sessionId of [...this.served]) {
      const session = resident.get(sessionId);
      if (session && !session.ended) continue;
      this.served.delete(sessionId);
      await this.parts.leases.release(sessionId).catch(() => {});
    }
  }

  /** Stop serving everything (shutdown): the leases are released by SessionLeases.close(). */
  clear(): void {
    this.served.clear();
  }

  private async placeOnce(sessionId: string): Promise<Placement> {
    const { leases, store, service, log } = this.parts;
    const owner = await leases.owner(sessionId);
    if (owner && owner.nodeId !== leases.nodeId) return { at: 'node', nodeId: owner.nodeId };
    const grant = await leases.acquire(sessionId);
    if (!grant) {
      const now = await leases.owner(sessionId);
      // Taken and given back between the two calls: the caller asks again.
      return now ? { at: 'node', nodeId: now.nodeId } : this.placeOnce(sessionId);
    }
    try {
      // Read after the lease is ours: nothing newer can be written by anyone else from now on.
      const stored = await store.load(sessionId);
      if (!stored || !service.adopt(sessionId)) {
        store.unload(sessionId);
        await leases.release(sessionId);
        return { at: 'nowhere' };
      }
    } catch (err) {
      service.drop(sessionId);
      store.unload(sessionId);
      await leases.release(sessionId).catch(() => {});
      throw err;
    }
    this.served.add(sessionId);
    this.adoptions++;
    log(`cluster: node ${leases.nodeId} now serves session ${sessionId} (lease token ${grant.token})`);
    this.parts.adopted?.(sessionId);
    return { at: 'here' };
  }

  private lost(sessionId: string): void {
    this.served.delete(sessionId);
    this.parts.service.drop(sessionId);
    this.parts.store.unload(sessionId);
    this.parts.log(`cluster: node ${this.parts.leases.nodeId} lost the lease of session ${sessionId}; stopped serving it`);
  }
}
