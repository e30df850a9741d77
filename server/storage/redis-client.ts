/**
 * Connecting to Redis the way the cluster needs it, and running Lua scripts on it.
 *
 * The client refuses commands at once while disconnected (no offline queue): a write that
 * cannot reach Redis must fail now with "try again", not wait in a queue and be acknowledged
 * late or never. It reconnects on its own (≤ 1 s apart), so everything resumes when Redis is back.
 */
import { createHash } from 'node:crypto';
import { ErrorReply, createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

/** Redis could not be reached (down, restarting, too slow): nothing was acknowledged; try again. */
export class StorageUnavailableError extends Error {
  constructor(cause: string) {
    super(`storage unavailable (Redis: ${cause}); try again in a few seconds`);
    this.name = 'StorageUnavailableError';
  }
}

export interface ConnectRedisOptions {
  /** Where connection errors are reported (rate-limited to one line per outage). Default: console.error. */
  log?: (message: string) => void;
}

/** Connect (waits for the first connection; rejects when Redis is not there). */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<Redis> {
  const log = options.log ?? ((m: string) => console.error(m));
  const client: Redis = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1_000) },
  });
  let down = false;
  // Without an 'error' listener a dropped connection would crash the process.
  client.on('error', (err: Error) => {
    if (!down) log(`redis: ${err.message || err.name} (reconnecting)`);
    down = true;
  });
  client.on('ready', () => {
    if (down) log('redis: connected again');
    down = false;
  });
  await client.connect();
  return client;
}

/** Default bound on one script call: beyond this Redis counts as unavailable. */
export const REDIS_CALL_TIMEOUT_MS = 3_000;

const shaOf = (script: string): string => createHash('sha1').update(script).digest('hex');

/** A Lua script run by its SHA (loaded on first use and after a Redis restart). */
export class RedisScript {
  private readonly sha: string;

  constructor(readonly source: string) {
    this.sha = shaOf(source);
  }

  /**
   * Run it. Connection trouble becomes StorageUnavailableError; an error the script itself
   * returns (redis.error_reply) is rethrown as is, for the caller to interpret.
   */
  async run(redis: Redis, keys: string[], args: string[], timeoutMs = REDIS_CALL_TIMEOUT_MS): Promise<unknown> {
    return withTimeout(timeoutMs, (async () => {
      try {
        return await redis.evalSha(this.sha, { keys, arguments: args });
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return redis.eval(this.source, { keys, arguments: args });
        throw err;
      }
    })());
  }
}

/** Any Redis call with the same rules: a bounded wait, connection trouble as StorageUnavailableError. */
export async function withTimeout<T>(timeoutMs: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageUnavailableError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } catch (err) {
    throw asUnavailable(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors that mean "Redis is not reachable now" become StorageUnavailableError; script and command errors stay. */
export function asUnavailable(err: unknown): unknown {
  if (err instanceof StorageUnavailableError) return err;
  if (!(err instanceof Error)) return new StorageUnavailableError(String(err));
  if (err instanceof ErrorReply) {
    // Redis answered, but cannot take writes (loading its AOF after a restart, a failed fsync, read-only replica).
    return /^(LOADING|MISCONF|READONLY|MASTERDOWN|BUSY)/.test(err.message) ? new StorageUnavailableError(err.message) : err;
  }
  return new StorageUnavailableError(err.message || err.name);
}
