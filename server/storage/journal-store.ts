/**
 * The default store of one node: an append-only journal for everything that happens, lowdb files
 * for what is finished. Beside DATA_FILE (default ./data/db.json):
 *   DATA_FILE                                    index of ended sessions (lowdb; journal-index.ts)
 *   <DATA_FILE minus .json>.sessions/<id>.json   one ended session each: settings and log (lowdb format)
 *   <DATA_FILE minus .json>.journal/             journal-<n>.jsonl segments and the last checkpoint-<n>.jsonl
 *
 * Every session's log entries go to one journal (journal-writer.ts: JSON lines with a CRC-32 each,
 * group commit: one fdatasync for every record appended meanwhile, across sessions), so an
 * acknowledgement costs the command's own bytes and a share of one fsync, whatever the session's
 * length. In the background a compaction (journal-compaction.ts, in a worker thread) folds the
 * sealed segments into a checkpoint of the open sessions and writes each ended session to its file;
 * an ended session then leaves memory (flat memory over a long day) and is read back on demand.
 *
 * At open (journal-recovery.ts): the index, the session files it does not know yet, then the last
 * checkpoint and every segment after it are replayed. Bytes that are not good records (a torn tail
 * from a crash, a corrupt line) are copied aside (<segment>.corrupt-<time>) and reported, never
 * dropped silently or written over; a torn tail is then cut off its segment. Writing always
 * continues in a new segment. The lowdb store's layout (one file per session, open ones included)
 * is taken over at first open: its open sessions move into the journal.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readSessionFile, sessionFilePath } from './ended-session-file.ts';
import { checkpointName, type CompactionPlan } from './journal-compaction.ts';
import { JournalCompactor, type CompactionMode } from './journal-compactor.ts';
import type { WorkerHeapMb } from './compaction-worker.ts';
import { journalPaths } from './journal-index.ts';
import { encodeRecord } from './journal-record.ts';
import { recoverJournal } from './journal-recovery.ts';
import { JournalWriter, segmentName, type JournalStats } from './journal-writer.ts';
import type { ClockCheckpoint, LogEntry, SessionSettings, StoredSession } from './session-record.ts';
import type { SessionStore, SessionSummary, StorageProblem, StoreResult } from './session-store.ts';
import { emptyStoreFile, endedWall, StoreData } from './store-data.ts';

export interface JournalStoreOptions {
  /** fdatasync each batch (default true): "acknowledged" means on disk. false only for benchmarks and tmpfs (DATA_FSYNC=off). */
  fsync?: boolean;
  /** Where compactions run (default a worker thread). */
  compaction?: CompactionMode;
  /** Compact once the segment being written holds this many bytes (default 8 MB). */
  segmentBytes?: number;
  /** Compact this long after a session ended, so its log leaves memory (default 30 s). */
  compactAfterEndMs?: number;
  /** Compact at least this often while the journal grows (default 60 s); 0: only when asked or by the rules above. */
  compactEveryMs?: number;
  /** Where problems found after open (a corrupt file read back, a failed compaction) are told, besides `problems`. */
  log?: (message: string) => void;
}

/** The journal's figures for /healthz and the soak bench. */
export interface JournalHealth extends JournalStats {
  /** Log entries appended since open (bytesWritten / entriesAppended ≈ the cost of one). */
  entriesAppended: number;
  /** Durations of the write + fdatasync batches since the last call (emptied by reading). */
  fsyncMs: number[];
  compactions: { count: number; failures: number; lastMs: number | null; lastBytes: number | null; lastError: string | null; running: boolean; inWorker: boolean; workerHeapMb: WorkerHeapMb | null };
  /** Sessions held in memory: open ones and ended ones not yet released or not yet on disk. */
  resident: number;
}

const DEFAULTS = { segmentBytes: 8 * 1024 * 1024, compactAfterEndMs: 30_000, compactEveryMs: 60_000 };
const COMPACTION_RETRY_MS = 5_000;
const DISK_BYTES_TIMEOUT_MS = 1_000;

export class JournalStore implements SessionStore {
  /** Sessions in memory: every open one, and ended ones someone holds or not yet in their file. */
  private readonly data = new StoreData(emptyStoreFile());
  private readonly summaries = new Map<string, SessionSummary & { bytes: number }>();
  /** Ended sessions somebody uses (created here, load()ed or get()): kept until release(). */
  private readonly claimed = new Set<string>();
  /** Ended sessions whose file holds this many entries (their whole log when it equals the log's length). */
  private readonly onDisk = new Map<string, number>();
  private readonly loading = new Map<string, Promise<StoredSession | undefined>>();
  private readonly options: Required<Omit<JournalStoreOptions, 'fsync' | 'compaction' | 'log'>>;
  private readonly log: (message: string) => void;
  private entriesAppended = 0;
  private compactionRunning: Promise<void> | null = null;
  private compactAgain = false;
  private compactTimer: { at: number; timer: NodeJS.Timeout } | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private bytesAtLastCompaction = 0;
  private readonly compactions: Omit<JournalHealth['compactions'], 'inWorker' | 'workerHeapMb'> = { count: 0, failures: 0, lastMs: null, lastBytes: null, lastError: null, running: false };
  private closed = false;

  private constructor(
    private readonly paths: ReturnType<typeof journalPaths>,
    private readonly writer: JournalWriter,
    private readonly compactor: JournalCompactor,
    private readonly fsync: boolean,
    /** The checkpoint the uncompacted segments continue (0: none yet). */
    private checkpointBase: number,
    private readonly writeIndex: boolean,
    /** Spans kept aside at open, so a compaction does not report them again. */
    private readonly reported: string[],
    readonly problems: StorageProblem[],
    options: JournalStoreOptions,
  ) {
    const { log, ...rest } = options;
    this.options = { ...DEFAULTS, ...definedOnly(rest) };
    this.log = log ?? (() => {});
    if (this.options.compactEveryMs > 0) {
      this.periodic = setInterval(() => { if (this.writer.stats().bytesWritten > this.bytesAtLastCompaction) this.scheduleCompaction(0); }, this.options.compactEveryMs);
      this.periodic.unref();
    }
  }

  /** The folder of ended sessions' files and the journal's, next to the data file. */
  static pathsOf(dataFile: string): ReturnType<typeof journalPaths> {
    return journalPaths(path.resolve(dataFile));
  }

  static async open(dataFile: string, options: JournalStoreOptions = {}): Promise<JournalStore> {
    const paths = JournalStore.pathsOf(dataFile);
    const fsync = options.fsync ?? true;
    const problems: StorageProblem[] = [];

    const { known, takeOver, fold, base, segments, replayed, reported, writeIndex } = await recoverJournal(paths, fsync, problems);

    const store = new JournalStore(paths, await JournalWriter.start(paths.journalDir, Math.max(base, ...segments, 0) + 1, fsync),
      new JournalCompactor(options.compaction ?? 'worker'), fsync, base, writeIndex, reported, problems, options);
    for (const [id, summary] of known) if (!fold.removed.has(id)) {
      store.summaries.set(id, { settings: summary.settings, endedWall: summary.endedWall, bytes: summary.bytes });
      store.onDisk.set(id, summary.entries);
    }
    for (const session of fold.sessions.values()) store.hold({ settings: session.settings, log: session.log, checkpoint: session.checkpoint });
    // A removal whose file deletion a crash interrupted.
    for (const id of fold.removed) await rm(sessionFilePath(paths.sessionsDir, id), { force: true });

    // 4. A lowdb store's open sessions move into the journal (unless the journal already has them), then their files go.
    const moved = takeOver.filter((s) => !store.data.get(s.settings.id));
    for (const session of moved) {
      store.hold(session);
      store.writer.append(recordsOf(session));
    }
    if (moved.length > 0) {
      await store.writer.flush();
      for (const session of moved) await rm(sessionFilePath(paths.sessionsDir, session.settings.id), { force: true });
    }
    if (replayed || moved.length > 0) store.scheduleCompaction(store.options.compactAfterEndMs);
    return store;
  }

  list(): readonly SessionSummary[] {
    return [...this.summaries.values()].map(({ settings, endedWall }) => ({ settings, endedWall }));
  }

  get(sessionId: string): StoredSession | undefined {
    const stored = this.data.get(sessionId);
    if (stored) this.claimed.add(sessionId);
    return stored;
  }

  load(sessionId: string): Promise<StoredSession | undefined> {
    const resident = this.get(sessionId);
    if (resident) return Promise.resolve(resident);
    if (!this.summaries.has(sessionId)) return Promise.resolve(undefined);
    let loading = this.loading.get(sessionId);
    if (!loading) {
      loading = this.readBack(sessionId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, loading);
    }
    return loading;
  }

  release(sessionId: string): void {
    this.claimed.delete(sessionId);
    this.dropIfOnDisk(sessionId);
  }

  create(settings: SessionSettings): StoreResult {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(settings.id)) return { ok: false, error: 'a session id must be a plain file name' };
    if (this.summaries.has(settings.id)) return { ok: false, error: `session ${settings.id} already exists` };
    const result = this.data.create(settings);
    if (!result.ok) return result;
    const stored = this.data.get(settings.id)!;
    this.summaries.set(settings.id, { settings: stored.settings, endedWall: null, bytes: 0 });
    this.claimed.add(settings.id);
    this.writer.append(encodeRecord({ s: settings.id, k: 'create', settings: stored.settings }));
    return result;
  }

  append(sessionId: string, entries: readonly LogEntry[]): StoreResult {
    const result = this.data.append(sessionId, entries);
    if (!result.ok) return result;
    let lines = '';
    for (const e of entries) {
      lines += encodeRecord({ s: sessionId, k: 'log', e });
      if (e.type === 'clock' && e.payload.action === 'end') {
        const summary = this.summaries.get(sessionId);
        if (summary) summary.endedWall = e.wall;
        this.scheduleCompaction(this.options.compactAfterEndMs);
      }
    }
    this.entriesAppended += entries.length;
    this.onDisk.delete(sessionId);
    this.writer.append(lines);
    if (this.writer.currentSegmentBytes >= this.options.segmentBytes) this.scheduleCompaction(0);
    return result;
  }

  setCheckpoint(sessionId: string, checkpoint: ClockCheckpoint | null): StoreResult {
    const result = this.data.setCheckpoint(sessionId, checkpoint);
    if (result.ok) this.writer.appendLazy(sessionId, encodeRecord({ s: sessionId, k: 'cp', c: checkpoint }));
    return result;
  }

  /** The removal is journaled first (a replay of older records must not bring the session back), then its file is deleted. */
  async remove(sessionId: string): Promise<void> {
    if (!this.summaries.has(sessionId)) return;
    this.writer.append(encodeRecord({ s: sessionId, k: 'remove' }));
    await this.writer.flush();
    // A compaction in flight may be writing this session's file: let it finish first.
    await this.compactionRunning;
    this.summaries.delete(sessionId);
    this.data.remove(sessionId);
    this.claimed.delete(sessionId);
    this.onDisk.delete(sessionId);
    await rm(sessionFilePath(this.paths.sessionsDir, sessionId), { force: true });
  }

  /** From what the store knows (ended files' sizes) plus the journal folder: never a scan of every session file. */
  async diskBytes(): Promise<number | null> {
    let ended = 0;
    for (const s of this.summaries.values()) ended += s.bytes;
    const sizes = async () => {
      const names = await readdir(this.paths.journalDir);
      const files = [this.paths.dataFile, ...names.map((n) => path.join(this.paths.journalDir, n))];
      return (await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0)))).reduce((a, b) => a + b, 0);
    };
    // A disk that does not answer must not hold /healthz up.
    const journal = await Promise.race([sizes(), new Promise<null>((r) => setTimeout(r, DISK_BYTES_TIMEOUT_MS, null).unref())]);
    return journal === null ? null : ended + journal;
  }

  /** One journal for every session: a flush covers them all. */
  flush(_sessionId?: string): Promise<void> {
    return this.writer.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.periodic) clearInterval(this.periodic);
    if (this.compactTimer) clearTimeout(this.compactTimer.timer);
    this.compactTimer = null;
    await this.compactionRunning;
    await this.writer.close();
    await this.compactor.close();
  }

  /** How far the disk is behind: the write in flight, or the last batch's write + fdatasync (ms). */
  writeLagMs(): number {
    const { inFlightMs, lastBatchMs } = this.writer.stats();
    return Math.max(inFlightMs, lastBatchMs);
  }

  health(): JournalHealth {
    return {
      ...this.writer.stats(), entriesAppended: this.entriesAppended, fsyncMs: this.writer.takeLatencies(),
      compactions: { ...this.compactions, running: this.compactionRunning !== null, inWorker: this.compactor.inWorker, workerHeapMb: this.compactor.workerHeapMb }, resident: this.data.list().length,
    };
  }

  /**
   * Fold the sealed journal into a checkpoint and the ended sessions' files, now (resolves when
   * done; a compaction already running is followed by another). Runs on its own otherwise.
   */
  async compact(): Promise<void> {
    if (this.compactionRunning) {
      this.compactAgain = true;
      await this.compactionRunning;
      if (this.compactionRunning) await this.compactionRunning;
      return;
    }
    this.compactionRunning = this.runCompaction().finally(() => { this.compactionRunning = null; });
    await this.compactionRunning;
    if (this.compactAgain && !this.closed) {
      this.compactAgain = false;
      await this.compact();
    }
  }

  private scheduleCompaction(delayMs: number): void {
    if (this.closed) return;
    const at = Date.now() + delayMs;
    if (this.compactTimer && this.compactTimer.at <= at) return;
    if (this.compactTimer) clearTimeout(this.compactTimer.timer);
    const timer = setTimeout(() => { this.compactTimer = null; void this.compact(); }, delayMs);
    timer.unref();
    this.compactTimer = { at, timer };
  }

  private async runCompaction(): Promise<void> {
    const started = performance.now();
    const upTo = await this.writer.rotate();
    const segments: string[] = [];
    for (let n = this.checkpointBase + 1; n <= upTo; n++) segments.push(segmentName(n));
    const plan: CompactionPlan = {
      journalDir: this.paths.journalDir, sessionsDir: this.paths.sessionsDir, indexFile: this.paths.dataFile,
      checkpoint: this.checkpointBase > 0 ? checkpointName(this.checkpointBase) : null, segments, upTo,
      fsync: this.fsync, writeIndex: this.writeIndex, reported: this.reported,
    };
    this.bytesAtLastCompaction = this.writer.stats().bytesWritten;
    try {
      const result = await this.compactor.run(plan);
      this.checkpointBase = upTo;
      this.report(result.problems);
      for (const { id, entries, bytes } of result.written) {
        const summary = this.summaries.get(id);
        if (!summary) continue;
        summary.bytes = bytes;
        this.onDisk.set(id, entries);
        this.dropIfOnDisk(id);
      }
      this.compactions.count++;
      this.compactions.lastMs = Math.round(performance.now() - started);
      this.compactions.lastBytes = result.bytesWritten;
    } catch (err) {
      // Nothing was deleted: the segments stay and are folded by the next attempt.
      this.compactions.failures++;
      this.compactions.lastError = err instanceof Error ? err.message : String(err);
      this.log(`storage: compaction failed (${this.compactions.lastError}); the journal is kept and compacted again in ${COMPACTION_RETRY_MS / 1000} s`);
      this.scheduleCompaction(COMPACTION_RETRY_MS);
    }
  }

  private report(problems: readonly StorageProblem[]): void {
    for (const p of problems) {
      this.problems.push(p);
      this.log(`storage: ${p.message}`);
    }
  }

  /** An ended session nobody holds whose file holds its whole log leaves memory. */
  private dropIfOnDisk(sessionId: string): void {
    if (this.claimed.has(sessionId)) return;
    const stored = this.data.get(sessionId);
    if (stored && endedWall(stored) !== null && this.onDisk.get(sessionId) === stored.log.length) this.data.remove(sessionId);
  }

  /** Put a session in memory as replayed (open sessions always stay; ended ones until compacted or released). */
  private hold(session: StoredSession): void {
    this.data.put(session);
    const existing = this.summaries.get(session.settings.id);
    this.summaries.set(session.settings.id, { settings: session.settings, endedWall: endedWall(session), bytes: existing?.bytes ?? 0 });
  }

  private async readBack(sessionId: string): Promise<StoredSession | undefined> {
    const problems: StorageProblem[] = [];
    const stored = await readSessionFile(this.paths.sessionsDir, sessionId, problems);
    this.report(problems);
    if (!stored) {
      // Unreadable (kept aside and reported) or gone: no longer a stored session.
      if (problems.length > 0) this.summaries.delete(sessionId);
      return undefined;
    }
    // A session appended to (or removed) while its file was being read: memory wins.
    const resident = this.data.get(sessionId);
    if (resident || !this.summaries.has(sessionId)) return resident;
    const session: StoredSession = { settings: stored.settings, log: stored.log, checkpoint: null };
    this.data.put(session);
    this.onDisk.set(sessionId, stored.log.length);
    this.claimed.add(sessionId);
    return session;
  }
}

/** A session as journal records (taking over a lowdb store's open session). */
function recordsOf(session: StoredSession): string {
  const id = session.settings.id;
  let lines = encodeRecord({ s: id, k: 'create', settings: session.settings });
  for (const e of session.log) lines += encodeRecord({ s: id, k: 'log', e });
  if (session.checkpoint) lines += encodeRecord({ s: id, k: 'cp', c: session.checkpoint });
  return lines;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
