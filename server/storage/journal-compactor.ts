/**
 * Runs compactions off the event loop: in one long-lived worker thread, started at the first
 * compaction (the worker loads the TypeScript sources through tsx, as the server does). `inline`
 * runs them in this thread instead (tests); so does a compactor whose worker failed (it could not
 * start, or died): compaction must go on, even at some cost to the event loop.
 */
import { Worker } from 'node:worker_threads';
import type { FromCompactor, ToCompactor, WorkerHeapMb } from './compaction-worker.ts';
import { compactJournal, type CompactionPlan, type CompactionResult } from './journal-compaction.ts';

export type CompactionMode = 'worker' | 'inline';

const WORKER_URL = new URL('./compaction-worker.ts', import.meta.url).href;

export class JournalCompactor {
  private worker: Worker | null = null;
  private nextId = 0;
  /** The worker's heap after its last compaction (null: none yet, or inline). */
  workerHeapMb: WorkerHeapMb | null = null;
  private readonly pending = new Map<number, { resolve: (r: CompactionResult) => void; reject: (e: Error) => void }>();

  constructor(private mode: CompactionMode) {}

  get inWorker(): boolean {
    return this.mode === 'worker';
  }

  run(plan: CompactionPlan): Promise<CompactionResult> {
    if (this.mode === 'inline') return compactJournal(plan);
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, plan } satisfies ToCompactor);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.removeAllListeners('exit');
    await worker.terminate();
  }

  private startWorker(): Worker {
    // tsx's API registers its loader in the worker, then imports the worker module through it.
    const source = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(WORKER_URL)}))`;
    // A small young generation: the worker's garbage is short-lived strings of the files it
    // writes, and V8's default would let its heap swing by tens of MB, all of it in the server's RSS.
    const worker = new Worker(source, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.unref();
    worker.on('message', (m: FromCompactor) => {
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      if ('error' in m) waiter.reject(new Error(m.error));
      else {
        this.workerHeapMb = m.heapMb;
        waiter.resolve(m.result);
      }
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      this.mode = 'inline';
      for (const w of this.pending.values()) w.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the compaction worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
