/**
 * One lowdb file written by group commit: at most one write in flight; everything that changes
 * meanwhile goes into the next write, which starts `batchMs` after the first change (or at once
 * when someone is waiting). `flush()` resolves when the write that includes every change made
 * before the call has completed (temp file + rename, so a crash leaves the old file; with the
 * DurableJSONFile adapter also fsynced, so one fsync covers every change made meanwhile).
 */
import type { Low } from 'lowdb';

/** Recent write durations (ms) of every file, for /healthz: slow disks show up here first. */
export const recentWriteMs: number[] = [];
const KEEP = 4096;

export class GroupCommitFile<T> {
  private version = 0;
  private writtenVersion = 0;
  private writing = false;
  private timer: NodeJS.Timeout | null = null;
  private waiters: { version: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  constructor(readonly db: Low<T>, private readonly batchMs: number) {}

  get clean(): boolean {
    return this.writtenVersion >= this.version;
  }

  changed(): void {
    this.version++;
    this.schedule(this.batchMs);
  }

  flush(): Promise<void> {
    if (this.clean) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ version: this.version, resolve, reject });
      this.schedule(0);
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
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
    if (this.writing || this.clean) return;
    const version = this.version;
    let failed = false;
    this.writing = true;
    const started = performance.now();
    try {
      await this.db.write();
      recentWriteMs.push(performance.now() - started);
      if (recentWriteMs.length > KEEP) recentWriteMs.splice(0, recentWriteMs.length - KEEP);
      this.writtenVersion = version;
      this.settle((w) => w.version <= version, null);
    } catch (err) {
      failed = true;
      this.settle(() => true, err as Error);
    } finally {
      this.writing = false;
    }
    // After a failure, retry later rather than spin (a full disk does not empty itself in 20 ms).
    if (!this.clean) this.schedule(failed ? 1000 : this.waiters.length > 0 ? 0 : this.batchMs);
  }

  private settle(match: (w: { version: number }) => boolean, err: Error | null): void {
    const done = this.waiters.filter(match);
    this.waiters = this.waiters.filter((w) => !match(w));
    for (const w of done) (err ? w.reject(err) : w.resolve());
  }
}
