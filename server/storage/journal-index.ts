/**
 * DATA_FILE for the journal store: the index of ended sessions, kept by lowdb (a small document,
 * rewritten only by a compaction). Each ended session's own file (settings and log) sits beside it
 * in <DATA_FILE minus .json>.sessions/. Open sessions are not here: they are in the journal.
 * A version 1 file is the lowdb store's index (clock checkpoints): read once, to take over its
 * sessions, then replaced by version 2.
 */
import { z } from 'zod';
import type { SessionSettings } from './session-record.ts';
import { indexFileSchema, settingsSchema, type IndexFile } from './store-file-schema.ts';

export interface IndexedSession {
  settings: SessionSettings;
  endedWall: number;
  /** Log entries in its file. */
  entries: number;
  /** Size of its file. */
  bytes: number;
}

export interface JournalIndexFile {
  version: 2;
  sessions: Record<string, IndexedSession>;
}

const indexedSession: z.ZodType<IndexedSession> = z.object({
  settings: settingsSchema, endedWall: z.number(), entries: z.number().int().min(0), bytes: z.number().int().min(0),
});

export const journalIndexSchema: z.ZodType<JournalIndexFile> = z.object({ version: z.literal(2), sessions: z.record(z.string(), indexedSession) });

export type AnyIndexFile = JournalIndexFile | IndexFile;
export const anyIndexSchema: z.ZodType<AnyIndexFile> = z.union([journalIndexSchema, indexFileSchema]);

export const emptyIndex = (): JournalIndexFile => ({ version: 2, sessions: {} });

/** Where the journal store keeps its files, beside DATA_FILE. */
export function journalPaths(dataFile: string): { dataFile: string; sessionsDir: string; journalDir: string } {
  const base = dataFile.replace(/\.json$/i, '');
  return { dataFile, sessionsDir: `${base}.sessions`, journalDir: `${base}.journal` };
}
