/**
 * The lowdb store. lowdb rewrites a whole file per write, so one file for everything would grow
 * with every session and make each acknowledgement wait for a multi-megabyte rewrite. Instead:
 *   DATA_FILE                       index: the running clocks' checkpoints (tiny, batched 200 ms)
 *   <DATA_FILE minus .json>.sessions/<sessionId>.json   one file per session: settings + log
 * Each file is group-committed on its own (see GroupCommitFile), so a write carries only the
 * sessions that changed, and is durable when it completes (DurableJSONFile: fsync of the file,
 * rename, fsync of the directory, the directory syncs shared between files). A file that is not JSON or fails its schema is moved aside, reported,
 * and never written over; the other sessions load as usual.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { moveAside } from './corrupt-file.ts';
import { readDataFile, RefuseToWrite } from './data-file.ts';
import { DurableJSONFile } from './durable-json-file.ts';
import { GroupCommitFile } from './group-commit-file.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, SessionSummary, StorageProblem, StoreResult } from './session-store.ts';
import { StoreData } from './store-data.ts';
import { indexFileSchema, sessionFileSchema, type IndexFile, type SessionFile } from './store-file-schema.ts';

export interface LowdbStoreOptions {
  /** Delay between the first change and the write that carries it (batches a burst into one write; ≤ 200 ms). */
  batchMs?: number;
  /**
   * fsync each session file and its directory before a write counts as done (default true):
   * "acknowledged" then means on disk, through a power loss. false only for benchmarks and tmpfs.
   */
  fsync?: boolean;
}

/** Checkpoints may be up to a second stale by design; half of that goes to batching. */
const CHECKPOINT_BATCH_MS = 200;

export class LowdbStore implements SessionStore {
  private readonly files = new Map<string, GroupCommitFile<SessionFile>>();

  private constructor(
    private readonly data: StoreData,
    private readonly index: GroupCommitFile<IndexFile>,
    private readonly sessionsDir: string,
    private readonly dataFile: string,
    private readonly batchMs: number,
    private readonly fsync: boolean,
    readonly problems: StorageProblem[],
  ) {}

  /** The folder holding one file per session, next to the data file. */
  static sessionsDirOf(dataFile: string): string {
    const resolved = path.resolve(dataFile);
    return `${resolved.replace(/\.json$/i, '')}.sessions`;
  }

  static async open(dataFile: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const batchMs = Math.min(options.batchMs ?? 10, 200);
    const fsync = options.fsync ?? true;
    // Session files hold what is acknowledged: durable writes. The index holds only checkpoints (best effort).
    const sessionFile = (file: string) => new DurableJSONFile<SessionFile>(file, fsync);
    const sessionsDir = LowdbStore.sessionsDirOf(dataFile);
    await mkdir(sessionsDir, { recursive: true });
    const problems: StorageProblem[] = [];

    const indexLoaded = await readDataFile<IndexFile>(dataFile, indexFileSchema, { version: 1, checkpoints: {} }, (file) => new JSONFile<IndexFile>(file));
    let indexDb: Low<IndexFile>;
    if (indexLoaded.ok) indexDb = indexLoaded.db;
    else {
      problems.push(indexLoaded.problem);
      // Never write over a corrupt file we could not move away.
      indexDb = new Low<IndexFile>(indexLoaded.problem.movedTo ? new JSONFile<IndexFile>(dataFile) : new RefuseToWrite<IndexFile>(), { version: 1, checkpoints: {} });
    }

    const sessions: StoredSession[] = [];
    const sessionDbs: Low<SessionFile>[] = [];
    const names = (await readdir(sessionsDir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const file = path.join(sessionsDir, name);
      const loaded = await readDataFile<SessionFile>(file, sessionFileSchema, null, sessionFile);
      if (!loaded.ok) { problems.push(loaded.problem); continue; }
      const { settings, log } = loaded.db.data;
      if (`${settings.id}.json` !== name) {
        const movedTo = await moveAside(file);
        problems.push({ file, movedTo, message: `session file ${file} holds session ${settings.id}; ${movedTo ? `kept aside as ${movedTo}` : 'left in place'}` });
        continue;
      }
      sessions.push({ settings, log, checkpoint: indexDb.data.checkpoints[settings.id] ?? null });
      sessionDbs.push(loaded.db);
    }
    // Checkpoints are rewritten every second for every running session: batch them harder.
    const store = new LowdbStore(new StoreData({ version: 1, sessions }), new GroupCommitFile(indexDb, CHECKPOINT_BATCH_MS), sessionsDir, path.resolve(dataFile), batchMs, fsync, problems);
    for (const db of sessionDbs) store.files.set(db.data.settings.id, new GroupCommitFile(db, batchMs));
    // A fresh index is written at once (the data file exists from the start, and an unwritable disk shows early).
    if (!indexLoaded.ok || !indexLoaded.existed) {
      store.index.changed();
      try {
        await store.index.flush();
      } catch (err) {
        problems.push({ file: dataFile, movedTo: null, message: `cannot write ${dataFile}: ${(err as Error).message}` });
      }
    }
    return store;
  }

  list(): readonly SessionSummary[] { return this.data.summaries(); }
  get(sessionId: string): StoredSession | undefined { return this.data.get(sessionId); }
  /** Every session file is read at open and kept in memory: nothing to read back, nothing to drop. */
  load(sessionId: string): Promise<StoredSession | undefined> { return Promise.resolve(this.data.get(sessionId)); }
  release(_sessionId: string): void {}

  create(settings: SessionSettings): StoreResult {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(settings.id)) return { ok: false, error: 'a session id must be a plain file name' };
    const result = this.data.create(settings);
    if (!result.ok) return result;
    const stored = this.data.get(settings.id)!;
    // The file's data shares the stored session's objects: appends to the log are what gets written.
    const db = new Low<SessionFile>(new DurableJSONFile<SessionFile>(path.join(this.sessionsDir, `${settings.id}.json`), this.fsync), { version: 1, settings: stored.settings, log: stored.log });
    const file = new GroupCommitFile(db, this.batchMs);
    this.files.set(settings.id, file);
    file.changed();
    return result;
  }

  append(sessionId: string, entries: readonly LogEntry[]): StoreResult {
    const result = this.data.append(sessionId, entries);
    if (result.ok) this.files.get(sessionId)?.changed();
    return result;
  }

  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult {
    const result = this.data.setCheckpoint(sessionId, checkpoint);
    if (!result.ok) return result;
    const checkpoints = this.index.db.data.checkpoints;
    if (checkpoint) checkpoints[sessionId] = { ...checkpoint };
    else delete checkpoints[sessionId];
    this.index.changed();
    return result;
  }

  async remove(sessionId: string): Promise<void> {
    const file = this.files.get(sessionId);
    if (file) {
      // Let a write in flight land first, so it cannot recreate the file after the delete.
      await file.flush().catch(() => {});
      file.close();
    }
    this.files.delete(sessionId);
    this.data.remove(sessionId);
    const checkpoints = this.index.db.data.checkpoints;
    if (sessionId in checkpoints) {
      delete checkpoints[sessionId];
      this.index.changed();
    }
    await rm(path.join(this.sessionsDir, `${sessionId}.json`), { force: true });
  }

  async diskBytes(): Promise<number> {
    const names = await readdir(this.sessionsDir);
    const sizes = await Promise.all([this.dataFile, ...names.map((n) => path.join(this.sessionsDir, n))].map((f) => stat(f).then((s) => s.size, () => 0)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** Waits for session files only: an acknowledgement never waits for the checkpoint index. */
  async flush(sessionId?: string): Promise<void> {
    if (sessionId !== undefined) return this.files.get(sessionId)?.flush();
    const pending: Promise<void>[] = [];
    for (const file of this.files.values()) if (!file.clean) pending.push(file.flush());
    await Promise.all(pending);
  }

  async close(): Promise<void> {
    await Promise.all([this.flush(), this.index.flush()]);
    this.index.close();
    for (const file of this.files.values()) file.close();
  }
}
