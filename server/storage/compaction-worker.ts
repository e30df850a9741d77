/**
 * The worker thread that runs compactions (journal-compaction.ts) for the journal store, so the
 * event loop that acknowledges commands never reads, parses or stringifies whole sessions.
 * Loaded through tsx (see journal-compactor.ts); answers each plan with its result or error.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { compactJournal, type CompactionPlan, type CompactionResult } from './journal-compaction.ts';

export type ToCompactor = { id: number; plan: CompactionPlan };
/** `heapMb`: the worker's own V8 heap after the compaction (the server's /healthz shows it beside the main heap). */
export type FromCompactor = { id: number; result: CompactionResult; heapMb: WorkerHeapMb } | { id: number; error: string };
export interface WorkerHeapMb { used: number; total: number }

function heapMb(): WorkerHeapMb {
  const h = getHeapStatistics();
  return { used: Math.round(h.used_heap_size / 1e6), total: Math.round(h.total_heap_size / 1e6) };
}

const port = parentPort;
if (port) {
  port.on('message', (m: ToCompactor) => {
    compactJournal(m.plan).then(
      (result) => port.postMessage({ id: m.id, result, heapMb: heapMb() } satisfies FromCompactor),
      (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies FromCompactor),
    );
  });
}
