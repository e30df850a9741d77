/**
 * An ended session's own file, <sessionsDir>/<id>.json (the lowdb store's format: settings and the
 * whole log). Written once a compaction finds the session ended (again if entries were appended
 * after the end), read back on demand. A file that is not a valid session file is kept aside.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { readDataFile } from './data-file.ts';
import { writeFileDurably } from './durable-json-file.ts';
import type { StoredSession } from './session-record.ts';
import type { StorageProblem } from './session-store.ts';
import { sessionFileSchema, type SessionFile } from './store-file-schema.ts';

export const sessionFilePath = (sessionsDir: string, sessionId: string): string => path.join(sessionsDir, `${sessionId}.json`);

/** The session in its file; null when there is no file, or (reported in `problems`) it was unreadable and kept aside. */
export async function readSessionFile(sessionsDir: string, sessionId: string, problems: StorageProblem[]): Promise<(StoredSession & { bytes: number }) | null> {
  const file = sessionFilePath(sessionsDir, sessionId);
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) return null;
  const loaded = await readDataFile<SessionFile>(file, sessionFileSchema, null, (f) => new JSONFile<SessionFile>(f));
  if (!loaded.ok) {
    problems.push(loaded.problem);
    return null;
  }
  const { settings, log } = loaded.db.data;
  if (settings.id !== sessionId) {
    problems.push({ file, movedTo: null, message: `session file ${file} holds session ${settings.id}; not used` });
    return null;
  }
  return { settings, log, checkpoint: null, bytes: size };
}

/** Writes the file durably; returns its size. */
export async function writeSessionFile(sessionsDir: string, session: StoredSession, fsync: boolean): Promise<number> {
  const text = JSON.stringify({ version: 1, settings: session.settings, log: session.log } satisfies SessionFile);
  await writeFileDurably(sessionFilePath(sessionsDir, session.settings.id), text, fsync);
  return Buffer.byteLength(text);
}
