/** `--responders N` for the CLIs: how many responders play a headless run (r1…rN). */
import { DEFAULT_RESPONDERS } from '../engine/index.ts';

export const MAX_RESPONDERS = 12;

/** The number given, DEFAULT_RESPONDERS when absent, or the reason it is refused. */
export function parseResponders(text: string | undefined): number | string {
  if (text === undefined) return DEFAULT_RESPONDERS;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= MAX_RESPONDERS ? n : `--responders takes a whole number from 1 to ${MAX_RESPONDERS}, got "${text}"`;
}
