/**
 * What the journal store does at start, before it takes any write: read the index of ended
 * sessions, the session files it does not know (a crash before the index was written, or a lowdb
 * store's files to take over), write the index as the files say it is, then replay the last
 * checkpoint and every journal segment after it (journal-fold.ts). Bytes that are not good records
 * are copied aside and reported; a torn tail is then cut off its segment.
 */
import { mkdir, readdir, readFile, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { readDataFile } from './data-file.ts';
import { writeFileDurably } from './durable-json-file.ts';
import { readSessionFile } from './ended-session-file.ts';
import { keepAside } from './journal-aside.ts';
import { checkpointName, checkpointNumber } from './journal-compaction.ts';
import { JournalFold } from './journal-fold.ts';
import { anyIndexSchema, emptyIndex, type AnyIndexFile, type journalPaths, type JournalIndexFile } from './journal-index.ts';
import { decodeJournal, type Span } from './journal-record.ts';
import { segmentName, segmentNumber } from './journal-writer.ts';
import type { SessionSettings, StoredSession } from './session-record.ts';
import type { StorageProblem } from './session-store.ts';
import { endedWall } from './store-data.ts';

export interface Recovered {
  /** Ended sessions with a file. */
  known: Map<string, { settings: SessionSettings; endedWall: number; bytes: number; entries: number }>;
  /** A lowdb store's open sessions (one file each), to move into the journal. */
  takeOver: StoredSession[];
  /** The sessions the journal holds (open ones, ended ones not yet compacted), and those it removed. */
  fold: JournalFold;
  /** The checkpoint replayed (0: none) and every segment number found. */
  base: number;
  segments: number[];
  /** Whether anything was replayed (a compaction is then due). */
  replayed: boolean;
  /** `<file>@<offset>` of the spans kept aside, so a compaction does not report them again. */
  reported: string[];
  /** False when the index was corrupt and could not be moved aside: it is never written over. */
  writeIndex: boolean;
}

export async function recoverJournal(paths: ReturnType<typeof journalPaths>, fsync: boolean, problems: StorageProblem[]): Promise<Recovered> {
  await mkdir(paths.sessionsDir, { recursive: true });
  await mkdir(paths.journalDir, { recursive: true });
  // 1. The index of ended sessions (a lowdb store's index: its clock checkpoints, for taking its sessions over).
  const indexLoaded = await readDataFile<AnyIndexFile>(paths.dataFile, anyIndexSchema, emptyIndex(), (f) => new JSONFile<AnyIndexFile>(f));
  if (!indexLoaded.ok) problems.push(indexLoaded.problem);
  const index = indexLoaded.ok ? indexLoaded.db.data : emptyIndex();
  const writeIndex = indexLoaded.ok || indexLoaded.problem.movedTo !== null;

  // 2. Session files: the index's, those it does not know yet (a crash before the index was written), and a lowdb store's open ones.
  const known = new Map<string, { settings: SessionSettings; endedWall: number; bytes: number; entries: number }>();
  const takeOver: StoredSession[] = [];
  for (const name of (await readdir(paths.sessionsDir)).filter((n) => /^[A-Za-z0-9_-]{1,64}\.json$/.test(n)).sort()) {
    const id = name.slice(0, -'.json'.length);
    const entry = index.version === 2 ? index.sessions[id] : undefined;
    if (entry) {
      known.set(id, { settings: entry.settings, endedWall: entry.endedWall, bytes: entry.bytes, entries: entry.entries });
      continue;
    }
    const stored = await readSessionFile(paths.sessionsDir, id, problems);
    if (!stored) continue;
    const ended = endedWall(stored);
    if (ended !== null) known.set(id, { settings: stored.settings, endedWall: ended, bytes: stored.bytes, entries: stored.log.length });
    else takeOver.push({ settings: stored.settings, log: stored.log, checkpoint: index.version === 1 ? index.checkpoints[id] ?? null : null });
  }

  // The index as the files say it is (a missing or corrupt one, a lowdb store's, sessions it missed): written at once,
  // so DATA_FILE exists from the start and an unwritable disk shows early.
  const reconciled = index.version === 2 && known.size === Object.keys(index.sessions).length && [...known.keys()].every((id) => id in index.sessions);
  if (writeIndex && (!reconciled || !indexLoaded.ok || !indexLoaded.existed)) {
    const sessions = Object.fromEntries([...known].map(([id, k]) => [id, { settings: k.settings, endedWall: k.endedWall, entries: k.entries, bytes: k.bytes }]));
    await writeFileDurably(paths.dataFile, JSON.stringify({ version: 2, sessions } satisfies JournalIndexFile, null, 2), fsync)
      .catch((err: Error) => { problems.push({ file: paths.dataFile, movedTo: null, message: `cannot write ${paths.dataFile}: ${err.message}` }); });
  }

  // 3. The last checkpoint and the segments after it.
  const names = await readdir(paths.journalDir);
  const checkpoints = names.map(checkpointNumber).filter((n): n is number => n !== null).sort((a, b) => a - b);
  const base = checkpoints.at(-1) ?? 0;
  const segments = names.map(segmentNumber).filter((n): n is number => n !== null).sort((a, b) => a - b);
  // Left by a crash between a compaction's new checkpoint and its clean-up: covered by that checkpoint.
  const covered = [...checkpoints.filter((n) => n < base).map(checkpointName), ...segments.filter((n) => n <= base).map(segmentName), ...names.filter((n) => n.endsWith('.tmp'))];
  for (const name of covered) await rm(path.join(paths.journalDir, name), { force: true });
  const fold = new JournalFold(async (id) => (known.has(id) ? readSessionFile(paths.sessionsDir, id, problems) : null));
  const reported: string[] = [];
  const replay = [...(base > 0 ? [checkpointName(base)] : []), ...segments.filter((n) => n > base).map(segmentName)];
  for (const name of replay) {
    const file = path.join(paths.journalDir, name);
    const bytes = await readFile(file);
    const decoded = decodeJournal(bytes);
    for (const { record, span } of decoded.records) await fold.apply(record, file, span);
    const rejected = fold.rejected.splice(0);
    const bad = [...decoded.corrupt, ...rejected.map((r) => r.span)].sort((a, b) => a.offset - b.offset);
    if (bad.length > 0) {
      const movedTo = await keepAside(file, bytes, bad, fsync);
      problems.push({ file, movedTo, message: `journal ${file}: ${describeBad(decoded.corrupt, rejected.map((r) => r.reason))}; ${movedTo ? `kept aside as ${movedTo}` : 'could not be kept aside'}` });
      reported.push(...bad.map((s) => `${file}@${s.offset}`));
    }
    if (decoded.tornTail) problems.push(await cutTornTail(file, bytes, decoded.tornTail, fsync));
  }

  return { known, takeOver, fold, base, segments, replayed: replay.length > 0, reported, writeIndex };
}

function describeBad(corrupt: readonly Span[], rejected: readonly string[]): string {
  const parts: string[] = [];
  if (corrupt.length > 0) parts.push(`${corrupt.length} corrupt record(s) (checksum, JSON or schema) followed by good ones`);
  if (rejected.length > 0) parts.push(`${rejected.length} record(s) that do not apply (${rejected.slice(0, 3).join('; ')}${rejected.length > 3 ? '; …' : ''})`);
  return parts.join(' and ');
}

/**
 * The end of a segment that is not a whole good record: a write the process did not finish (it
 * was never acknowledged, since acknowledgements wait for the fdatasync) or a corrupt last record.
 * Copied aside first, then cut off, so the next start does not find it again.
 */
async function cutTornTail(file: string, bytes: Buffer, tail: Span, fsync: boolean): Promise<StorageProblem> {
  const movedTo = await keepAside(file, bytes, [tail], fsync);
  if (movedTo) await truncate(file, tail.offset);
  return {
    file, movedTo,
    message: `journal ${file}: the last ${tail.length} byte(s), from offset ${tail.offset}, are not a whole record (a write cut short by a crash, never acknowledged, or corruption); ${movedTo ? `kept aside as ${movedTo} and cut off the journal` : 'could not be kept aside and were left in place'}`,
  };
}

