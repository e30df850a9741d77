/**
 * Reading a lowdb data file we are about to trust: it must exist (or be allowed not to), parse,
 * and match its schema. Anything else is kept aside (renamed, never written over) and reported.
 */
import { stat } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { moveAside } from './corrupt-file.ts';
import type { StorageProblem } from './session-store.ts';

export type Loaded<T> = { ok: true; db: Low<T>; existed: boolean } | { ok: false; problem: StorageProblem };

/**
 * Read and validate one file; only a file that does not exist is `fallback` (or a problem when
 * there is none). A file that exists and holds anything else than a valid data file (`null`
 * included: lowdb reads a missing file as null too, so existence is checked first) is kept aside.
 */
export async function readDataFile<T>(file: string, schema: z.ZodType<T>, fallback: T | null, adapter: (file: string) => Adapter<T>): Promise<Loaded<T>> {
  const exists = await stat(file).then(() => true, (err: NodeJS.ErrnoException) => err.code !== 'ENOENT');
  if (!exists && fallback !== null) return { ok: true, db: new Low<T>(adapter(file), fallback), existed: false };
  const db = new Low<T | null>(new JSONFile<T | null>(file), null);
  let reason: string | null = null;
  try {
    await db.read();
  } catch (err) {
    reason = `not valid JSON (${(err as Error).message})`;
  }
  if (reason === null && db.data === null) reason = exists ? 'holds null, not a data file' : 'is missing';
  if (reason === null) {
    const parsed = schema.safeParse(db.data);
    if (parsed.success) return { ok: true, db: new Low<T>(adapter(file), parsed.data), existed: true };
    const issue = parsed.error.issues[0];
    reason = `does not match the data file schema (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'})`;
  }
  const movedTo = await moveAside(file);
  return { ok: false, problem: { file, movedTo, message: `data file ${file} ${reason}; ${movedTo ? `kept aside as ${movedTo}` : 'could not be moved aside and will not be written'}` } };
}

/** Stands in for a corrupt file that could not be moved aside: nothing is ever written over it. */
export class RefuseToWrite<T> {
  read(): Promise<T | null> { return Promise.resolve(null); }
  write(): Promise<void> { return Promise.reject(new Error('the data file is corrupt and could not be moved aside; not writing over it')); }
}
