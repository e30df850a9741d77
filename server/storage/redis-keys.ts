/**
 * Every Redis key the cluster uses, in one place. A session's keys share the hash tag `{id}`, so
 * under Redis Cluster they live in one slot (a Lua script may touch them together) and sessions
 * spread across shards by id. The join-code index and the set of session ids are global keys,
 * written by separate commands, never inside a session's script.
 */
export const redisKeys = {
  /** `<nodeId>:<token>` while a node owns the session (SET NX PX, renewed). */
  lease: (sessionId: string) => `lease:{${sessionId}}`,
  /** The fencing token: INCR on every acquisition, so it only grows. Writes must carry the current one. */
  leaseToken: (sessionId: string) => `lease-token:{${sessionId}}`,
  /** The settings (JSON string). */
  settings: (sessionId: string) => `session:{${sessionId}}:settings`,
  /** The event log: a list of JSON entries, entry seq n at index n - 1. */
  log: (sessionId: string) => `session:{${sessionId}}:log`,
  /** The clock checkpoint (JSON string), absent when none. */
  checkpoint: (sessionId: string) => `session:{${sessionId}}:checkpoint`,
  /** Join code → session id. */
  code: (code: string) => `join-code:${code}`,
  /** Every stored session id (a set). */
  sessionIds: 'session-ids',
  /** A shared rate-limit bucket (a hash: tokens, last). */
  rateBucket: (scope: string, key: string) => `rate:${scope}:${key}`,
} as const;
