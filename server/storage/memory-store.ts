/** A store that keeps everything in memory: for tests, and for running without a data file. */
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, SessionSummary, StorageProblem, StoreResult } from './session-store.ts';
import { StoreData, emptyStoreFile } from './store-data.ts';

export class MemoryStore implements SessionStore {
  private readonly data = new StoreData(emptyStoreFile());
  readonly problems: readonly StorageProblem[] = [];

  list(): readonly SessionSummary[] { return this.data.summaries(); }
  get(sessionId: string): StoredSession | undefined { return this.data.get(sessionId); }
  /** Everything stays in memory: nothing to read back, nothing to drop. */
  load(sessionId: string): Promise<StoredSession | undefined> { return Promise.resolve(this.data.get(sessionId)); }
  release(_sessionId: string): void {}
  create(settings: SessionSettings): StoreResult { return this.data.create(settings); }
  append(sessionId: string, entries: readonly LogEntry[]): StoreResult { return this.data.append(sessionId, entries); }
  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult { return this.data.setCheckpoint(sessionId, checkpoint); }
  remove(sessionId: string): Promise<void> { this.data.remove(sessionId); return Promise.resolve(); }
  diskBytes(): Promise<number | null> { return Promise.resolve(null); }
  flush(_sessionId?: string): Promise<void> { return Promise.resolve(); }
  close(): Promise<void> { return Promise.resolve(); }
}
