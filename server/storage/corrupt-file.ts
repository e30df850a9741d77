/** A data file we cannot trust is moved aside (never overwritten) and reported. */
import { rename } from 'node:fs/promises';

export async function moveAside(file: string, now: Date = new Date()): Promise<string | null> {
  const target = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, target);
    return target;
  } catch {
    return null;
  }
}
