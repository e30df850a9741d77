/**
 * A compaction: fold the last checkpoint and the sealed journal segments after it, then
 *   1. write every ended session to its own file (lowdb format), durably;
 *   2. write the open sessions as the new checkpoint (journal records: create, log, checkpoint),
 *      durably (temp file, fdatasync, rename, directory fsync);
 *   3. rewrite the index of ended sessions (DATA_FILE);
 *   4. delete the old checkpoint and the folded segments.
 * A crash at any step leaves a state that replays to the same sessions: until step 2 the old
 * checkpoint and segments are still what a restart reads; after it, the new checkpoint is, and an
 * ended session missing from the index is found by its file.
 * It runs in a worker thread (compaction-worker.ts) so that none of it — reading, parsing and
 * stringifying whole sessions — runs on the event loop that acknowledges commands.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { readDataFile, RefuseToWrite } from './data-file.ts';
import { DurableJSONFile, writeFileDurably } from './durable-json-file.ts';
import { readSessionFile, sessionFilePath, writeSessionFile } from './ended-session-file.ts';
import { keepAside } from './journal-aside.ts';
import { JournalFold } from './journal-fold.ts';
import { anyIndexSchema, emptyIndex, type AnyIndexFile, type IndexedSession, type JournalIndexFile } from './journal-index.ts';
import { decodeJournal, encodeRecord, type Span } from './journal-record.ts';
import type { StorageProblem } from './session-store.ts';
import { endedWall } from './store-data.ts';
import { numberedFile } from './numbered-file.ts';

const checkpointFiles = numberedFile('checkpoint');
export const checkpointName = checkpointFiles.name;
export const checkpointNumber = checkpointFiles.number;

export interface CompactionPlan {
  journalDir: string;
  sessionsDir: string;
  indexFile: string;
  /** The checkpoint the segments continue (a file name in journalDir), or null. */
  checkpoint: string | null;
  /** Sealed segments after it, oldest first (file names; a missing one counts as empty). */
  segments: string[];
  /** The last sealed segment's number: the new checkpoint is checkpoint-<upTo>.jsonl. */
  upTo: number;
  fsync: boolean;
  /** False when the index was corrupt and could not be moved aside: it is never written over. */
  writeIndex: boolean;
  /** `<file>@<offset>` of spans already kept aside and reported (at open): not again. */
  reported: string[];
}

export interface CompactionResult {
  checkpoint: string;
  /** Ended sessions now in their files: how many log entries each file holds. */
  written: { id: string; entries: number; bytes: number }[];
  /** Open sessions in the new checkpoint. */
  open: number;
  /** Bytes written: checkpoint, session files and index. */
  bytesWritten: number;
  problems: StorageProblem[];
}

export async function compactJournal(plan: CompactionPlan): Promise<CompactionResult> {
  const problems: StorageProblem[] = [];
  const fold = new JournalFold((id) => readSessionFile(plan.sessionsDir, id, problems));
  const reported = new Set(plan.reported);
  const files = [...(plan.checkpoint ? [plan.checkpoint] : []), ...plan.segments];
  for (const name of files) {
    const file = path.join(plan.journalDir, name);
    // A segment whose file could not be created is empty; a checkpoint that is missing is an error (it holds the open sessions).
    const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => { if (err.code === 'ENOENT' && name !== plan.checkpoint) return Buffer.alloc(0); throw err; });
    // Checked at open, or written by this process since: the checksums are enough.
    const decoded = decodeJournal(bytes, false);
    for (const { record, span } of decoded.records) await fold.apply(record, file, span);
    const bad = [...decoded.corrupt, ...(decoded.tornTail ? [decoded.tornTail] : []), ...fold.rejected.splice(0).filter((r) => r.file === file).map((r) => r.span)]
      .filter((s) => !reported.has(`${file}@${s.offset}`));
    if (bad.length > 0) problems.push(await asideProblem(file, bytes, bad, plan.fsync));
  }

  let bytesWritten = 0;
  const written: CompactionResult['written'] = [];
  const indexed: Record<string, IndexedSession> = {};
  let checkpoint = '';
  let open = 0;
  for (const [id, session] of fold.sessions) {
    const ended = endedWall(session);
    if (ended === null) {
      open++;
      checkpoint += encodeRecord({ s: id, k: 'create', settings: session.settings });
      for (const e of session.log) checkpoint += encodeRecord({ s: id, k: 'log', e });
      if (session.checkpoint) checkpoint += encodeRecord({ s: id, k: 'cp', c: session.checkpoint });
      continue;
    }
    const bytes = await writeSessionFile(plan.sessionsDir, session, plan.fsync);
    bytesWritten += bytes;
    written.push({ id, entries: session.log.length, bytes });
    indexed[id] = { settings: session.settings, endedWall: ended, entries: session.log.length, bytes };
  }
  const name = checkpointName(plan.upTo);
  await writeFileDurably(path.join(plan.journalDir, name), checkpoint, plan.fsync);
  bytesWritten += Buffer.byteLength(checkpoint);

  // From here on the new checkpoint is what a restart reads: nothing below may fail the compaction
  // (a retry would read the old checkpoint, perhaps already deleted). A failure is reported; the
  // index is rebuilt from the session files at the next start, a leftover file deleted then.
  const tidy = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (err) {
      problems.push({ file: plan.journalDir, movedTo: null, message: `compaction: could not ${what} (${err instanceof Error ? err.message : String(err)}); the next start tidies up` });
    }
  };
  if (plan.writeIndex) await tidy(`write the index ${plan.indexFile}`, async () => { bytesWritten += await updateIndex(plan, indexed, fold.removed, problems); });
  for (const id of fold.removed) await tidy(`delete the file of removed session ${id}`, () => rm(sessionFilePath(plan.sessionsDir, id), { force: true }));
  for (const old of files) if (old !== name) await tidy(`delete ${old}`, () => rm(path.join(plan.journalDir, old), { force: true }));
  return { checkpoint: name, written, open, bytesWritten, problems };
}

async function asideProblem(file: string, bytes: Buffer, spans: Span[], fsync: boolean): Promise<StorageProblem> {
  const movedTo = await keepAside(file, bytes, spans, fsync);
  const total = spans.reduce((n, s) => n + s.length, 0);
  return { file, movedTo, message: `journal ${file}: ${total} bytes that are not good records found by a compaction; ${movedTo ? `kept aside as ${movedTo}` : 'could not be kept aside'}` };
}

/** The index of ended sessions, with those just written and without those removed. Returns the bytes written. */
async function updateIndex(plan: CompactionPlan, indexed: Record<string, IndexedSession>, removed: ReadonlySet<string>, problems: StorageProblem[]): Promise<number> {
  const adapter = new DurableJSONFile<AnyIndexFile>(plan.indexFile, plan.fsync);
  const loaded = await readDataFile<AnyIndexFile>(plan.indexFile, anyIndexSchema, emptyIndex(), () => adapter);
  if (!loaded.ok) problems.push(loaded.problem);
  // A corrupt index that could not be moved aside is never written over.
  const db = loaded.ok ? loaded.db : new Low<AnyIndexFile>(loaded.problem.movedTo ? adapter : new RefuseToWrite<AnyIndexFile>(), emptyIndex());
  const before = db.data.version === 2 ? db.data.sessions : {};
  const next: JournalIndexFile = { version: 2, sessions: { ...before, ...indexed } };
  for (const id of removed) delete next.sessions[id];
  db.data = next;
  await db.write();
  return (await stat(plan.indexFile)).size;
}
