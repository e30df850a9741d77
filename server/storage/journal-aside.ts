/**
 * Bytes of a journal file that are not good records (a torn tail, corruption, records that do not
 * apply) are copied to <file>.corrupt-<timestamp> before anything else happens, so nothing is ever
 * dropped silently: the copy is what an operator looks at.
 */
import type { Span } from './journal-record.ts';
import { writeFileDurably } from './durable-json-file.ts';

export async function keepAside(file: string, bytes: Buffer, spans: readonly Span[], fsync: boolean, now: Date = new Date()): Promise<string | null> {
  const target = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    await writeFileDurably(target, Buffer.concat(spans.map((s) => bytes.subarray(s.offset, s.offset + s.length))), fsync);
    return target;
  } catch {
    return null;
  }
}
