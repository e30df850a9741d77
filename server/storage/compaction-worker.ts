/**
 * The worker thread that runs compactions (journal-compaction.ts) for the journal store, so the
 * event loop that acknowledges commands never reads, parses or stringifies whole sessions.
 * Loaded through tsx (see journal-compactor.ts); answers each plan with its result or error.
 */
import { parentPort } from 'node:worker_threads';
import { compactJournal, type CompactionPlan, type CompactionResult } from './journal-compaction.ts';

export type ToCompactor = { id: number; plan: CompactionPlan };
export type FromCompactor = { id: number; result: CompactionResult } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (m: ToCompactor) => {
    compactJournal(m.plan).then(
      (result) => port.postMessage({ id: m.id, result } satisfies FromCompactor),
      (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies FromCompactor),
    );
  });
}
