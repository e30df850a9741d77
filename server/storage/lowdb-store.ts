/**
 * The lowdb store: one JSON file, rewritten whole by lowdb (steno: temp file + rename, so a crash
 * mid-write leaves the previous file). Writes are group-committed: at most one write in flight;
 * everything that changes meanwhile goes into the next one, which starts `batchMs` after the first
 * change (≤ 200 ms). `flush()` waits for the write that includes the caller's changes, so an
 * acknowledgement sent after it survives kill -9.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, StorageProblem, StoreResult } from './session-store.ts';
import { StoreData, emptyStoreFile, type StoreFile } from './store-data.ts';
import { storeFileSchema } from './store-file-schema.ts';
import { moveAside } from './corrupt-file.ts';

export interface LowdbStoreOptions {
  /** Delay between the first change and the write that carries it (batches a burst into one write). */
  batchMs?: number;
}

export class LowdbStore implements SessionStore {
  private data: StoreData;
  private version = 0;
  private writtenVersion = 0;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waiters: { version: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  private constructor(private readonly db: Low<StoreFile>, readonly problems: StorageProblem[], private readonly batchMs: number) {
    this.data = new StoreData(db.data);
  }

  static async open(file: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Low<StoreFile>(new JSONFile<StoreFile>(file), emptyStoreFile());
    const problems: StorageProblem[] = [];
    let readError: string | null = null;
    try {
      await db.read();
    } catch (err) {
      readError = `not valid JSON (${(err as Error).message})`;
    }
    if (readError === null) {
      const parsed = storeFileSchema.safeParse(db.data);
      if (parsed.success) db.data = parsed.data;
      else {
        const issue = parsed.error.issues[0];
        readError = `does not match the data file schema (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'})`;
      }
    }
    if (readError !== null) {
      const movedTo = await moveAside(file);
      const message = `data file ${file} ${readError}; ${movedTo ? `kept aside as ${movedTo}` : 'could not be moved aside'}, starting empty`;
      problems.push({ file, movedTo, message });
      db.data = emptyStoreFile();
      // If the corrupt file could not be moved, refuse to overwrite it: keep running in memory only.
      if (!movedTo) return new LowdbStore(new Low<StoreFile>(new NullAdapter(), db.data), problems, options.batchMs ?? 20);
    }
    return new LowdbStore(db, problems, Math.min(options.batchMs ?? 20, 200));
  }

  list(): readonly StoredSession[] { return this.data.list(); }
  get(sessionId: string): StoredSession | undefined { return this.data.get(sessionId); }
  create(settings: SessionSettings): StoreResult { return this.changed(this.data.create(settings)); }
  append(sessionId: string, entries: readonly LogEntry[]): StoreResult { return this.changed(this.data.append(sessionId, entries)); }
  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult {
    return this.changed(this.data.setCheckpoint(sessionId, checkpoint));
  }

  flush(): Promise<void> {
    if (this.writtenVersion >= this.version) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ version: this.version, resolve, reject });
      this.schedule(0);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private changed(result: StoreResult): StoreResult {
    if (result.ok) {
      this.version++;
      this.schedule(this.batchMs);
    }
    return result;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.writing) return; // the write in flight reschedules when it completes
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => { this.timer = null; void this.write(); }, delayMs);
  }

  private async write(): Promise<void> {
    if (this.writing || this.writtenVersion >= this.version) return;
    const version = this.version;
    let failed = false;
    this.writing = this.db.write();
    try {
      await this.writing;
      this.writtenVersion = version;
      this.settle((w) => w.version <= version, null);
    } catch (err) {
      failed = true;
      this.settle(() => true, err as Error);
    } finally {
      this.writing = null;
    }
    // After a failure, retry later rather than spin (a full disk does not empty itself in 20 ms).
    if (this.version > this.writtenVersion) this.schedule(failed ? 1000 : this.waiters.length > 0 ? 0 : this.batchMs);
  }

  private settle(match: (w: { version: number }) => boolean, err: Error | null): void {
    const done = this.waiters.filter(match);
    this.waiters = this.waiters.filter((w) => !match(w));
    for (const w of done) (err ? w.reject(err) : w.resolve());
  }
}

/** Used when a corrupt file could not be moved aside: nothing is ever written over it. */
class NullAdapter {
  read(): Promise<StoreFile | null> { return Promise.resolve(null); }
  write(): Promise<void> { return Promise.reject(new Error('the data file is corrupt and could not be moved aside; not writing over it')); }
}
