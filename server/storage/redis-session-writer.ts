/**
 * Writes one session's changes to Redis, in order, one batch at a time: everything changed since
 * the last write goes in one Lua call (settings when new, the new log entries, the latest
 * checkpoint). The script checks the fencing token and the log sequence server-side, so
 *  - a deposed owner's write is refused (FencedWriteError), never silently applied;
 *  - a batch retried after a lost answer appends nothing twice (entries already there are
 *    compared and skipped), so appends are exactly-once.
 * When Redis cannot be reached the batch stays pending, flush() rejects with
 * StorageUnavailableError, and the write is retried until Redis is back.
 */
import { RedisScript, withTimeout, REDIS_CALL_TIMEOUT_MS, StorageUnavailableError, type Redis } from './redis-client.ts';
import { redisKeys } from './redis-keys.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings } from './session-record.ts';

/** The session's lease moved on (or was never held here): this node must stop writing it. */
export class FencedWriteError extends Error {
  constructor(readonly sessionId: string, detail: string) {
    super(`this node no longer owns session ${sessionId} (${detail}); the write was refused`);
    this.name = 'FencedWriteError';
  }
}

/** Redis holds something that contradicts this node's copy (another session's id or join code, a different log). */
export class StorageConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConflictError';
  }
}

// KEYS: settings, log, checkpoint, lease-token. ARGV: token ('' = unfenced), settings JSON ('' = none),
// checkpoint ('' = unchanged, '-' = clear, JSON), seq of the first entry, entries (JSON)...
// The log is a list, not a stream: entry seq n sits at index n - 1, so LLEN is the last seq and
// the sequence check is O(1); we need no stream ids or consumer groups (a new owner reads it whole).
const WRITE = new RedisScript(`
if ARGV[1] ~= '' then
  local current = redis.call('GET', KEYS[4])
  if current ~= ARGV[1] then return redis.error_reply('FENCED ' .. (current or 'none')) end
end
local existing = redis.call('GET', KEYS[1])
if ARGV[2] ~= '' then
  if existing and existing ~= ARGV[2] then return redis.error_reply('EXISTS') end
  if not existing then redis.call('SET', KEYS[1], ARGV[2]) end
elseif not existing then
  return redis.error_reply('NOSESSION')
end
local len = redis.call('LLEN', KEYS[2])
if #ARGV > 4 then
  local first = tonumber(ARGV[4])
  if first > len + 1 then return redis.error_reply('GAP ' .. len) end
  local stored = math.min(#ARGV - 4, len + 1 - first)
  for i = 0, stored - 1 do
    if redis.call('LINDEX', KEYS[2], first - 1 + i) ~= ARGV[5 + i] then return redis.error_reply('CONFLICT ' .. (first + i)) end
  end
  for i = 5 + stored, #ARGV, 1000 do
    redis.call('RPUSH', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
  end
end
if ARGV[3] == '-' then redis.call('DEL', KEYS[3]) elseif ARGV[3] ~= '' then redis.call('SET', KEYS[3], ARGV[3]) end
return redis.call('LLEN', KEYS[2])
`);

interface Batch {
  settings: SessionSettings | null;
  /** Entries as written (JSON), from seq `firstSeq` on. */
  entries: string[];
  firstSeq: number;
  /** undefined: unchanged; null: cleared. */
  checkpoint: ClockCheckpoint | null | undefined;
  /** The change count this batch brings the session up to. */
  version: number;
}

interface Waiter { version: number; resolve: () => void; reject: (err: Error) => void }

const emptyBatch = (version: number): Batch => ({ settings: null, entries: [], firstSeq: 0, checkpoint: undefined, version });

export interface WriterContext {
  redis: Redis;
  /** The fencing token writes must carry; null: unfenced. Throws FencedWriteError when there is none to carry. */
  token: (sessionId: string) => string | null;
  retryMs: number;
}

export class RedisSessionWriter {
  private pending: Batch = emptyBatch(0);
  private changes = 0;
  private durable = 0;
  private writing: Promise<void> | null = null;
  private waiters: Waiter[] = [];
  private retry: NodeJS.Timeout | null = null;
  private scheduled = false;
  /** Set once a write can never succeed (fenced, conflict): every later flush fails with it. */
  private fatal: Error | null = null;
  private stopped = false;

  constructor(readonly sessionId: string, private readonly context: WriterContext) {}

  created(settings: SessionSettings): void {
    this.pending.settings = structuredClone(settings);
    this.changed();
  }

  appended(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    if (this.pending.entries.length === 0) this.pending.firstSeq = entries[0]!.seq;
    for (const e of entries) this.pending.entries.push(JSON.stringify(e));
    this.changed();
  }

  checkpointed(checkpoint: ClockCheckpoint | null): void {
    this.pending.checkpoint = checkpoint ? { ...checkpoint } : null;
    this.changed();
  }

  /** Resolves when every change made before the call is in Redis (acknowledged; on disk with appendfsync always). */
  flush(): Promise<void> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.durable >= this.changes) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ version: this.changes, resolve, reject }));
    void this.drain();
    return done;
  }

  /** Stop writing (the session was removed or unloaded): pending changes are dropped, waiters told. */
  async stop(reason: string): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.writing;
    this.rejectWaiters(new Error(reason));
  }

  private changed(): void {
    this.changes++;
    this.pending.version = this.changes;
    // Changes made in the same tick go out together.
    if (this.scheduled || this.stopped || this.fatal) return;
    this.scheduled = true;
    setImmediate(() => { this.scheduled = false; void this.drain(); });
  }

  private drain(): Promise<void> {
    this.writing ??= this.writeAll().finally(() => { this.writing = null; });
    return this.writing;
  }

  private async writeAll(): Promise<void> {
    while (!this.stopped && !this.fatal && this.durable < this.changes) {
      const batch = this.pending;
      this.pending = emptyBatch(batch.version);
      try {
        await this.write(batch);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        if (error instanceof StorageUnavailableError) {
          this.pending = merge(batch, this.pending);
          this.scheduleRetry();
        } else {
          this.fatal = error;
        }
        this.rejectWaiters(error);
        return;
      }
      this.durable = batch.version;
      this.waiters = this.waiters.filter((w) => (w.version <= this.durable ? (w.resolve(), false) : true));
    }
  }

  private async write(batch: Batch): Promise<void> {
    const id = this.sessionId;
    const token = this.context.token(id);
    const { redis } = this.context;
    if (batch.settings) {
      // Global keys, outside the session's slot: the join-code index (first come wins) and the id set.
      const codeKey = redisKeys.code(batch.settings.code);
      const [, holder] = await withTimeout(REDIS_CALL_TIMEOUT_MS, Promise.all([
        redis.set(codeKey, id, { condition: 'NX' }),
        redis.get(codeKey),
        redis.sAdd(redisKeys.sessionIds, id),
      ]));
      if (holder !== null && String(holder) !== id) throw new StorageConflictError(`join code ${batch.settings.code} is already used by another session; create the session again`);
    }
    const checkpoint = batch.checkpoint === undefined ? '' : batch.checkpoint === null ? '-' : JSON.stringify(batch.checkpoint);
    try {
      await WRITE.run(redis, [redisKeys.settings(id), redisKeys.log(id), redisKeys.checkpoint(id), redisKeys.leaseToken(id)],
        [token ?? '', batch.settings ? JSON.stringify(batch.settings) : '', checkpoint, String(batch.firstSeq), ...batch.entries]);
    } catch (err) {
      if (err instanceof StorageUnavailableError || !(err instanceof Error)) throw err;
      const [code, detail] = err.message.split(' ');
      if (code === 'FENCED') throw new FencedWriteError(id, `its lease token is ${token}, the session's is now ${detail}`);
      if (code === 'EXISTS') throw new StorageConflictError(`another session with id ${id} is already stored`);
      if (code === 'NOSESSION') throw new StorageConflictError(`session ${id} is not in Redis (removed by another node?)`);
      if (code === 'GAP' || code === 'CONFLICT') throw new StorageConflictError(`the log of session ${id} in Redis differs from this node's copy (${err.message})`);
      throw err;
    }
  }

  private scheduleRetry(): void {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => { this.retry = null; void this.drain(); }, this.context.retryMs);
    this.retry.unref();
  }

  private rejectWaiters(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(error);
  }
}

/** A failed batch goes back in front of what changed meanwhile; the newer checkpoint wins. */
function merge(failed: Batch, later: Batch): Batch {
  return {
    settings: failed.settings ?? later.settings,
    entries: [...failed.entries, ...later.entries],
    firstSeq: failed.entries.length > 0 ? failed.firstSeq : later.firstSeq,
    checkpoint: later.checkpoint !== undefined ? later.checkpoint : failed.checkpoint,
    version: later.version,
  };
}
