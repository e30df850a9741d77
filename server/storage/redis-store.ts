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
import { REDIS_CALL_TIMEOUT_MS, RedisScript, scriptError, withTimeout, type Redis } from './redis-client.ts';
import { redisKeys } from './redis-keys.ts';
import { FencedWriteError, RedisSessionWriter, StorageConflictError } from './redis-session-writer.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, SessionSummary, StorageProblem, StoreResult } from './session-store.ts';
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
  /** Bound on one Redis call (default 3000 ms); beyond it Redis counts as unavailable and the write is retried. */
  timeoutMs?: number;
}

// KEYS: settings, log, checkpoint, lease-token, lease. ARGV: token ('' = this node holds no lease),
// the log length this node has ('' = unchecked). Returns the settings removed ('' = none). Without a lease, only a session nobody holds
// and whose log is exactly this node's copy (so ended there means ended here) is removed.
const REMOVE = new RedisScript(`
if ARGV[1] ~= '' then
  local current = redis.call('GET', KEYS[4])
  if current ~= ARGV[1] then return redis.error_reply('FENCED ' .. (current or 'none')) end
elseif redis.call('EXISTS', KEYS[1]) == 0 then
  return ''
else
  local holder = redis.call('GET', KEYS[5])
  if holder then return redis.error_reply('OWNED ' .. holder) end
  if ARGV[2] ~= '' and redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[2]) then return redis.error_reply('CHANGED') end
end
local settings = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return settings or ''
`);

export class RedisStore implements SessionStore {
  private readonly data = new StoreData(emptyStoreFile());
  private readonly writers = new Map<string, RedisSessionWriter>();
  readonly problems: StorageProblem[] = [];

  private readonly leases: SessionLeases | undefined;
  private readonly retryMs: number;
  private readonly timeoutMs: number;

  private constructor(private readonly redis: Redis, options: RedisStoreOptions) {
    this.leases = options.leases;
    this.retryMs = options.retryMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? REDIS_CALL_TIMEOUT_MS;
  }

  static async open(redis: Redis, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const store = new RedisStore(redis, options);
    if (!(await store.appendOnly())) {
      store.problems.push({ file: 'redis', movedTo: null, message: 'Redis runs without its append-only file (AOF): acknowledged writes are lost when Redis restarts; run it with --appendonly yes --appendfsync always (see docs/storage-redis.md)' });
    }
    if (options.preload ?? !options.leases) {
      const ids = (await store.sessionIds()).sort();
      // Pipelined: the replies come back in order, so sessions are listed by id.
      for (let i = 0; i < ids.length; i += 100) await Promise.all(ids.slice(i, i + 100).map((id) => store.load(id)));
    }
    return store;
  }

  /** The sessions this node holds in memory (a cluster lists every stored one with sessionIds()). */
  list(): readonly SessionSummary[] { return this.data.summaries(); }
  get(sessionId: string): StoredSession | undefined { return this.data.get(sessionId); }
  /** Ended sessions leave a node through session-ownership.ts (given back, then unload()). */
  release(_sessionId: string): void {}

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

  /**
   * Delete the session from Redis and from memory (the retention sweep of ended sessions). Fenced
   * when this node holds the lease; without one, refused while any node holds it or when Redis's
   * log differs from this node's copy.
   */
  async remove(sessionId: string): Promise<void> {
    const stored = this.data.get(sessionId);
    const token = this.leases?.grant(sessionId)?.token;
    await this.stopWriter(sessionId, `session ${sessionId} was removed`);
    this.data.remove(sessionId);
    const keys = [redisKeys.settings(sessionId), redisKeys.log(sessionId), redisKeys.checkpoint(sessionId), redisKeys.leaseToken(sessionId), redisKeys.lease(sessionId)];
    let removed: string;
    try {
      removed = String(await REMOVE.run(this.redis, keys, [token === undefined ? '' : String(token), this.leases && stored ? String(stored.log.length) : ''], this.timeoutMs));
    } catch (err) {
      const { code, detail } = scriptError(err) ?? { code: '', detail: '' };
      if (code === 'FENCED') throw new FencedWriteError(sessionId, `the session's lease token is now ${detail}`);
      if (code === 'OWNED') throw new FencedWriteError(sessionId, `node ${detail.replace(/:\d+$/, '')} holds its lease`);
      if (code === 'CHANGED') throw new StorageConflictError(`session ${sessionId} in Redis differs from this node's copy; not removed`);
      throw err;
    }
    // The join code from Redis's copy: this node may never have loaded the session.
    const code = removed ? (JSON.parse(removed) as Partial<SessionSettings>).code : stored?.settings.code;
    await withTimeout(this.timeoutMs, (async () => {
      await this.redis.sRem(redisKeys.sessionIds, sessionId);
      if (code && String(await this.redis.get(redisKeys.code(code))) === sessionId) await this.redis.del(redisKeys.code(code));
    })());
  }

  /** The size of Redis's append-only file (all of Redis's data, on the Redis host); null when AOF is off. */
  async diskBytes(): Promise<number | null> {
    const info = await this.persistenceInfo();
    if (!/^aof_enabled:1\b/m.test(info)) return null;
    const size = /^aof_current_size:(\d+)/m.exec(info)?.[1];
    return size === undefined ? null : Number(size);
  }

  private async appendOnly(): Promise<boolean> {
    return /^aof_enabled:1\b/m.test(await this.persistenceInfo());
  }

  private async persistenceInfo(): Promise<string> {
    return String(await withTimeout(this.timeoutMs, this.redis.info('persistence')));
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
    const [settings, log, checkpoint] = await withTimeout(this.timeoutMs, Promise.all([
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
    const id = await withTimeout(this.timeoutMs, this.redis.get(redisKeys.code(code)));
    return id === null ? undefined : String(id);
  }

  /** Every stored session id (any node's). */
  async sessionIds(): Promise<string[]> {
    return (await withTimeout(this.timeoutMs, this.redis.sMembers(redisKeys.sessionIds))).map(String);
  }

  /** Forget the in-memory copy (the lease was lost): its unwritten changes are dropped, they would be refused anyway. */
  unload(sessionId: string): void {
    void this.stopWriter(sessionId, `session ${sessionId} is no longer served by this node`);
    this.data.remove(sessionId);
  }

  /**
   * The session's writer, made on its first change since create() or load(). It is bound to the
   * lease held then: changes made under one lease are never written under a later one (after a
   * lease is lost and taken again, load() the session again).
   */
  private writer(sessionId: string): RedisSessionWriter {
    let writer = this.writers.get(sessionId);
    if (!writer) {
      const bound = this.leases?.grant(sessionId)?.token;
      writer = new RedisSessionWriter(sessionId, { redis: this.redis, token: () => this.token(sessionId, bound), retryMs: this.retryMs, timeoutMs: this.timeoutMs });
      this.writers.set(sessionId, writer);
    }
    return writer;
  }

  /** The fencing token a write carries (null: unfenced); FencedWriteError when this node's lease is not the one the changes were made under. */
  private token(sessionId: string, bound: number | undefined): string | null {
    if (!this.leases) return null;
    const grant = this.leases.grant(sessionId);
    if (!grant || bound === undefined) throw new FencedWriteError(sessionId, 'it holds no lease for it');
    if (grant.token !== bound) throw new FencedWriteError(sessionId, `the changes were made under lease token ${bound}, it now holds ${grant.token}; load the session again`);
    return String(bound);
  }

  private async stopWriter(sessionId: string, reason: string): Promise<void> {
    const writer = this.writers.get(sessionId);
    if (!writer) return;
    this.writers.delete(sessionId);
    await writer.stop(reason);
  }
}
