/**
 * The session store of a cluster: sessions live in Redis, and each node keeps an in-memory copy
 * of the sessions it serves (the SessionStore contract: synchronous mutations on that copy,
 * flush() = acknowledged by Redis, which with `appendfsync always` means on its disk).
 *   session:{id}:settings    JSON            written once, at creation
 *   session:{id}:log         list of JSON    entry seq n at index n - 1 (see redis-session-writer.ts)
 *   session:{id}:checkpoint  JSON            the clock checkpoint, best effort
 *   join-code:<code>         session id      the join-code index
 *   session-ids              set             every stored session
 * With `leases`, every write of a session carries this node's fencing token for it and Redis
 * refuses it once another node has taken the session over; acquire the lease before create().
 */
import type { SessionLeases } from '../cluster/session-lease.ts';
import { REDIS_CALL_TIMEOUT_MS, withTimeout, type Redis } from './redis-client.ts';
import { redisKeys } from './redis-keys.ts';
import { FencedWriteError, RedisSessionWriter } from './redis-session-writer.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, StorageProblem, StoreResult } from './session-store.ts';
import { StoreData, emptyStoreFile } from './store-data.ts';
import { checkpointSchema, sessionFileSchema } from './store-file-schema.ts';

export { FencedWriteError, StorageConflictError } from './redis-session-writer.ts';
export { StorageUnavailableError } from './redis-client.ts';

export interface RedisStoreOptions {
  /** This node's leases: writes are fenced with their tokens. Absent: no fencing (one node, tests). */
  leases?: SessionLeases;
  /** Read every stored session into memory at open (default: only without leases; a cluster node loads the sessions it takes). */
  preload?: boolean;
  /** How soon a write that failed because Redis was unreachable is tried again (default 500 ms). */
  retryMs?: number;
}

export class RedisStore implements SessionStore {
  private readonly data = new StoreData(emptyStoreFile());
  private readonly writers = new Map<string, RedisSessionWriter>();
  readonly problems: StorageProblem[] = [];

  private constructor(private readonly redis: Redis, private readonly leases: SessionLeases | undefined, private readonly retryMs: number) {}

  static async open(redis: Redis, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const store = new RedisStore(redis, options.leases, options.retryMs ?? 500);
    if (options.preload ?? !options.leases) {
      for (const id of (await store.sessionIds()).sort()) await store.load(id);
    }
    return store;
  }

  list(): readonly StoredSession[] { return this.data.list(); }
  get(sessionId: string): StoredSession | undefined { return this.data.get(sessionId); }

  create(settings: SessionSettings): StoreResult {
    // The id sits inside a key's hash tag: no braces, nothing odd.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(settings.id)) return { ok: false, error: 'a session id must be 1 to 64 letters, digits, - or _' };
    const result = this.data.create(settings);
    if (result.ok) this.writer(settings.id).created(settings);
    return result;
  }

  append(sessionId: string, entries: readonly LogEntry[]): StoreResult {
    const result = this.data.append(sessionId, entries);
    if (result.ok) this.writer(sessionId).appended(entries);
    return result;
  }

  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult {
    const result = this.data.setCheckpoint(sessionId, checkpoint);
    if (result.ok) this.writer(sessionId).checkpointed(checkpoint);
    return result;
  }

  /** Delete the session from Redis and from memory (the retention sweep). */
  async remove(sessionId: string): Promise<void> {
    const code = this.data.get(sessionId)?.settings.code;
    await this.stopWriter(sessionId, `session ${sessionId} was removed`);
    this.data.remove(sessionId);
    const keys = [redisKeys.settings(sessionId), redisKeys.log(sessionId), redisKeys.checkpoint(sessionId), redisKeys.leaseToken(sessionId)];
    const codeKey = code ? redisKeys.code(code) : null;
    await withTimeout(REDIS_CALL_TIMEOUT_MS, (async () => {
      await Promise.all([this.redis.del(keys), this.redis.sRem(redisKeys.sessionIds, sessionId)]);
      if (codeKey && String(await this.redis.get(codeKey)) === sessionId) await this.redis.del(codeKey);
    })());
  }

  /** The size of Redis's append-only file (all of Redis's data, on the Redis host); null when AOF is off. */
  async diskBytes(): Promise<number | null> {
    const info = String(await withTimeout(REDIS_CALL_TIMEOUT_MS, this.redis.info('persistence')));
    if (!/^aof_enabled:1\b/m.test(info)) return null;
    const size = /^aof_current_size:(\d+)/m.exec(info)?.[1];
    return size === undefined ? null : Number(size);
  }

  async flush(sessionId?: string): Promise<void> {
    if (sessionId !== undefined) return this.writers.get(sessionId)?.flush();
    await Promise.all([...this.writers.values()].map((w) => w.flush()));
  }

  /** Flushes; the Redis client stays open (it is the caller's). */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await Promise.all([...this.writers.values()].map((w) => w.stop('the store is closed')));
      this.writers.clear();
    }
  }

  /**
   * Read one session from Redis into memory, replacing any copy (a node taking ownership: acquire
   * the lease first, so nothing newer can be written after this read). undefined when it is not
   * stored; a session that fails the schema is reported in `problems` and not loaded.
   */
  async load(sessionId: string): Promise<StoredSession | undefined> {
    const [settings, log, checkpoint] = await withTimeout(REDIS_CALL_TIMEOUT_MS, Promise.all([
      this.redis.get(redisKeys.settings(sessionId)),
      this.redis.lRange(redisKeys.log(sessionId), 0, -1),
      this.redis.get(redisKeys.checkpoint(sessionId)),
    ]));
    if (settings === null) return undefined;
    let session: StoredSession;
    try {
      const file = sessionFileSchema.parse({ version: 1, settings: JSON.parse(String(settings)), log: log.map((e) => JSON.parse(String(e))) });
      session = { settings: file.settings, log: file.log, checkpoint: checkpoint === null ? null : checkpointSchema.parse(JSON.parse(String(checkpoint))) };
    } catch (err) {
      const message = `session ${sessionId} in Redis is unreadable (${err instanceof Error ? err.message.slice(0, 300) : String(err)}); not loaded`;
      this.problems.push({ file: redisKeys.settings(sessionId), movedTo: null, message });
      return undefined;
    }
    await this.stopWriter(sessionId, `session ${sessionId} was reloaded`);
    this.data.put(session);
    return session;
  }

  /** The session a join code belongs to (any node's), from the index in Redis. */
  async findByCode(code: string): Promise<string | undefined> {
    const id = await withTimeout(REDIS_CALL_TIMEOUT_MS, this.redis.get(redisKeys.code(code)));
    return id === null ? undefined : String(id);
  }

  /** Every stored session id (any node's). */
  async sessionIds(): Promise<string[]> {
    return (await withTimeout(REDIS_CALL_TIMEOUT_MS, this.redis.sMembers(redisKeys.sessionIds))).map(String);
  }

  /** Forget the in-memory copy (the lease was lost): its unwritten changes are dropped, they would be refused anyway. */
  unload(sessionId: string): void {
    void this.stopWriter(sessionId, `session ${sessionId} is no longer served by this node`);
    this.data.remove(sessionId);
  }

  private writer(sessionId: string): RedisSessionWriter {
    let writer = this.writers.get(sessionId);
    if (!writer) {
      writer = new RedisSessionWriter(sessionId, { redis: this.redis, token: (id) => this.token(id), retryMs: this.retryMs });
      this.writers.set(sessionId, writer);
    }
    return writer;
  }

  private token(sessionId: string): string | null {
    if (!this.leases) return null;
    const grant = this.leases.grant(sessionId);
    if (!grant) throw new FencedWriteError(sessionId, 'it holds no lease for it');
    return String(grant.token);
  }

  private async stopWriter(sessionId: string, reason: string): Promise<void> {
    const writer = this.writers.get(sessionId);
    if (!writer) return;
    this.writers.delete(sessionId);
    await writer.stop(reason);
  }
}
