/**
 * The storage contract. Mutations are synchronous on an in-memory copy (so a session's methods
 * stay synchronous and serialised); `flush()` resolves once everything mutated before the call is
 * durable. Implementations: memory (tests), lowdb (a JSON file per session), the journal (the
 * default: one append-only journal per node, ended sessions in lowdb files) and Redis (a
 * cluster's shared store).
 *
 * Open sessions are always in memory (`get`). An ended session may live only on disk: `list()`
 * still names it, `load()` reads it back, `release()` says the caller no longer needs it in memory.
 */
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';

export type StoreResult = { ok: true } | { ok: false; error: string };

/** Something wrong found when opening the store, e.g. a corrupt file moved aside. */
export interface StorageProblem {
  file: string;
  movedTo: string | null;
  message: string;
}

/** What the index knows of every stored session, without its log. */
export interface SessionSummary {
  settings: SessionSettings;
  /** Wall time (ms) of the session's end entry; null while it is open. */
  endedWall: number | null;
}

export interface SessionStore {
  /** Every stored session, open or ended (settings and end only). Callers must not mutate what they get. */
  list(): readonly SessionSummary[];
  /** A session held in memory: every open one, and an ended one once load()ed. Callers must not mutate it. */
  get(sessionId: string): StoredSession | undefined;
  /** A stored session, read back from disk when it is not in memory (undefined: not stored, or unreadable: see problems). */
  load(sessionId: string): Promise<StoredSession | undefined>;
  /** The caller no longer needs this ended session in memory; the store drops it once it is safely on disk. */
  release(sessionId: string): void;
  /** The join code must be free (the registry picks one; a store shared by nodes refuses a taken one at flush). */
  create(settings: SessionSettings): StoreResult;
  /** Entries must continue the session's sequence (seq = last + 1, …); the session must be in memory. */
  append(sessionId: string, entries: readonly LogEntry[]): StoreResult;
  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult;
  /** Forget a session and delete its file (the retention sweep; only ended sessions). */
  remove(sessionId: string): Promise<void>;
  /** Bytes the store's files take on disk (null: nothing on disk). */
  diskBytes(): Promise<number | null>;
  /**
   * Resolves when the settings and log entries written before this call are durable, i.e. on disk
   * through a power loss (fsynced, for the file stores) (at least that session's, when a sessionId
   * is given); rejects if the write failed. Checkpoints are best effort: durable within about a
   * second, and by close().
   */
  flush(sessionId?: string): Promise<void>;
  close(): Promise<void>;
  readonly problems: readonly StorageProblem[];
}
