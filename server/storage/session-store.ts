/**
 * The storage contract. Mutations are synchronous on an in-memory copy (so a session's methods
 * stay synchronous and serialised); `flush()` resolves once everything mutated before the call is
 * durable. Implementations: memory (tests), lowdb (a JSON file) and Redis (a cluster's shared store).
 */
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';

export type StoreResult = { ok: true } | { ok: false; error: string };

/** Something wrong found when opening the store, e.g. a corrupt file moved aside. */
export interface StorageProblem {
  file: string;
  movedTo: string | null;
  message: string;
}

export interface SessionStore {
  /** Every stored session (settings, log, checkpoint). Callers must not mutate what they get. */
  list(): readonly StoredSession[];
  get(sessionId: string): StoredSession | undefined;
  /** The join code must be free (the registry picks one; a store shared by nodes refuses a taken one at flush). */
  create(settings: SessionSettings): StoreResult;
  /** Entries must continue the session's sequence (seq = last + 1, …). */
  append(sessionId: string, entries: readonly LogEntry[]): StoreResult;
  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult;
  /** Forget a session and delete its file (the retention sweep; only ended sessions). */
  remove(sessionId: string): Promise<void>;
  /** Bytes the store's files take on disk (null: nothing on disk). */
  diskBytes(): Promise<number | null>;
  /**
   * Resolves when the settings and log entries written before this call are durable, i.e. on disk
   * through a power loss (fsynced, for the lowdb store) (only that
   * session's, when a sessionId is given); rejects if the write failed. Checkpoints are best effort:
   * durable within about a second, and by close().
   */
  flush(sessionId?: string): Promise<void>;
  close(): Promise<void>;
  readonly problems: readonly StorageProblem[];
}
