/**
 * The append-only journal of one node, written by group commit: one write in flight at a time;
 * every record appended meanwhile, from every session, goes into the next write, and one
 * `fdatasync` covers the whole batch. An append costs its own bytes, never a rewrite.
 *
 * The journal is a series of segment files (journal-<n>.jsonl). `rotate()` seals the current one
 * and starts the next, so a compaction can fold the sealed ones while appends go on.
 * After a failed write or fsync the segment is abandoned (what a failed fsync left in the page
 * cache cannot be trusted) and the batch is written again to a fresh segment; replay applies an
 * entry found twice once.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './durable-json-file.ts';
import { numberedFile } from './numbered-file.ts';

const journalFiles = numberedFile('journal');
export const segmentName = journalFiles.name;
export const segmentNumber = journalFiles.number;

/** Figures for /healthz and the soak bench; counters only grow, `fsyncMs` is emptied when read. */
export interface JournalStats {
  segment: number;
  bytesWritten: number;
  recordsWritten: number;
  writes: number;
  fsyncs: number;
  /** Bytes appended and not yet written. */
  pendingBytes: number;
  /** How long the write in flight has been waiting for the disk (0: none). */
  inFlightMs: number;
  /** How long the last write + fdatasync took. */
  lastBatchMs: number;
}

interface Waiter { upto: number; resolve: () => void; reject: (err: Error) => void }

const KEEP_LATENCIES = 4096;
const RETRY_MS = 1000;
/** Checkpoints ride with the next batch; alone, they are written after this long. */
const LAZY_MS = 200;

export class JournalWriter {
  private handle: FileHandle | null = null;
  private segmentBytes = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Best-effort records by key (a session's clock checkpoint): only the latest of each is written. */
  private lazy = new Map<string, string>();
  private lazyTimer: NodeJS.Timeout | null = null;
  private appended = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private rotation: { resolve: (sealed: number) => void; upto: number } | null = null;
  private broken = false;
  private closed = false;
  private inFlightSince = 0;
  private lastBatchMs = 0;
  private readonly counters = { bytesWritten: 0, recordsWritten: 0, writes: 0, fsyncs: 0 };
  /** Durations (ms) of recent write + fdatasync batches, emptied by takeLatencies(). */
  private latencies: number[] = [];

  private constructor(private readonly dir: string, private segment: number, private readonly fsync: boolean) {}

  /** Starts segment `first` (a new file: segments are never appended to after a restart). */
  static async start(dir: string, first: number, fsync: boolean): Promise<JournalWriter> {
    const writer = new JournalWriter(dir, first, fsync);
    await writer.openSegment();
    return writer;
  }

  get currentSegment(): number {
    return this.segment;
  }

  /** Bytes in the segment being written. */
  get currentSegmentBytes(): number {
    return this.segmentBytes + this.pendingBytes;
  }

  /** Appends lines (whole records); returns at once. flush() says when they are on disk. */
  append(lines: string): void {
    this.pending.push(lines);
    this.pendingBytes += Buffer.byteLength(lines);
    this.appended++;
    this.kick();
  }

  /** A best-effort record: replaces the pending one with the same key; written with the next batch, or within LAZY_MS. */
  appendLazy(key: string, line: string): void {
    this.lazy.set(key, line);
    if (this.lazyTimer || this.closed) return;
    this.lazyTimer = setTimeout(() => { this.lazyTimer = null; this.kick(); }, LAZY_MS);
    this.lazyTimer.unref();
  }

  /** Resolves once every record appended before the call is on disk (fdatasync), rejects if its write failed. */
  flush(): Promise<void> {
    if (this.durable >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upto: this.appended, resolve, reject });
      this.kick();
    });
  }

  /** Seals the current segment (what was appended before goes to it) and starts the next; resolves with the sealed number. */
  rotate(): Promise<number> {
    return new Promise((resolve) => {
      this.rotation = { resolve, upto: this.appended };
      this.kick();
    });
  }

  stats(): JournalStats {
    return {
      segment: this.segment, ...this.counters, pendingBytes: this.pendingBytes,
      inFlightMs: this.inFlightSince ? performance.now() - this.inFlightSince : 0, lastBatchMs: this.lastBatchMs,
    };
  }

  /** The write + fsync durations since the last call. */
  takeLatencies(): number[] {
    const taken = this.latencies;
    this.latencies = [];
    return taken;
  }

  /** Writes everything pending (checkpoints too), then closes the segment. */
  async close(): Promise<void> {
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    if (this.lazy.size > 0) this.append('');
    await this.flush().catch(() => {});
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.writing;
    await this.handle?.close().catch(() => {});
    this.handle = null;
  }

  private kick(): void {
    if (this.closed || this.writing || this.retryTimer || this.scheduled) return;
    // Started on the next turn, so everything appended in this one (every socket event read at once) shares the batch.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.closed || this.writing || this.retryTimer) return;
      // What arrives while drain() resolves its last waiters finds `writing` still set: look again after.
      this.writing = this.drain().finally(() => { this.writing = null; if (this.hasWork()) this.kick(); });
    });
  }

  private hasWork(): boolean {
    return this.pending.length > 0 || this.rotation !== null || (this.lazy.size > 0 && this.lazyTimer === null);
  }

  /** At the top of each round nothing is in flight: `pending` holds appends durable + 1 … appended. */
  private async drain(): Promise<void> {
    while (!this.closed) {
      const sealing = this.rotation !== null && this.durable >= this.rotation.upto;
      if (sealing || this.broken) {
        await this.handle?.close().catch(() => {});
        this.handle = null;
        const sealed = this.segment;
        this.segment++;
        try {
          await this.openSegment();
        } catch (err) {
          this.failBatch(err as Error, []);
          return;
        }
        this.broken = false;
        if (sealing) {
          this.rotation!.resolve(sealed);
          this.rotation = null;
        }
        continue;
      }
      if (this.pending.length === 0 && (this.lazy.size === 0 || this.lazyTimer)) return;
      // What was appended before a rotation was asked for goes to the segment being sealed.
      const count = this.rotation ? Math.min(this.pending.length, this.rotation.upto - this.durable) : this.pending.length;
      const batch = this.pending.splice(0, count);
      const upto = this.durable + count;
      const lazy = [...this.lazy.values()];
      this.lazy.clear();
      if (this.lazyTimer) { clearTimeout(this.lazyTimer); this.lazyTimer = null; }
      const batchText = batch.join('');
      const text = batchText + lazy.join('');
      this.pendingBytes -= Buffer.byteLength(batchText);
      try {
        await this.write(text);
      } catch (err) {
        this.failBatch(err as Error, batch);
        return;
      }
      this.counters.recordsWritten += countLines(text);
      this.durable = upto;
      this.waiters = this.waiters.filter((w) => (w.upto <= upto ? (w.resolve(), false) : true));
    }
  }

  private async write(text: string): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new Error('the journal segment is not open');
    if (text.length === 0) return;
    const bytes = Buffer.from(text);
    const started = performance.now();
    this.inFlightSince = started;
    try {
      let done = 0;
      while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
      if (this.fsync) {
        await handle.datasync();
        this.counters.fsyncs++;
      }
    } finally {
      this.inFlightSince = 0;
    }
    this.segmentBytes += bytes.length;
    this.counters.bytesWritten += bytes.length;
    this.counters.writes++;
    this.lastBatchMs = performance.now() - started;
    this.latencies.push(this.lastBatchMs);
    if (this.latencies.length > KEEP_LATENCIES) this.latencies.splice(0, this.latencies.length - KEEP_LATENCIES);
  }

  /** The batch goes back in front; its waiters hear of the failure; a fresh segment is tried after RETRY_MS. */
  private failBatch(err: Error, batch: string[]): void {
    this.pending = [...batch, ...this.pending];
    this.pendingBytes = this.pending.reduce((n, l) => n + Buffer.byteLength(l), 0);
    this.broken = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(err);
    this.retryTimer = setTimeout(() => { this.retryTimer = null; this.kick(); }, RETRY_MS);
    this.retryTimer.unref();
  }

  private async openSegment(): Promise<void> {
    // 'a': appends only; a new file's name is made durable (directory fsync) before anything in it counts.
    this.handle = await open(path.join(this.dir, segmentName(this.segment)), 'a');
    this.segmentBytes = (await this.handle.stat()).size;
    if (this.fsync) await syncDirectory(this.dir);
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
