/**
 * The published shape of the day (fact sheet §1, §3, §4), which every seed must keep: randomness
 * varies the details (which node each query lands on, the rollout's pace, propagation times, the
 * status page outage), not the structure. A seed's draws are conditioned on that structure by
 * redrawing until the file sequence the world would produce by itself satisfies it.
 */
import { clock } from '../../server/engine/index.ts';
import { CLICKHOUSE_NODES, GEN_EVERY, GEN_PHASE, START, keyedUnit } from './model-state.ts';

/** §1 11:28 "impact starts", 11:31 first alert: the first bad file is the one generated at 11:27. */
export const FIRST_BAD_FILE_AT = clock('11:27');
/** §1 12:21, §3: a recovery period around 12:00–12:30, at least two good files in a row (≥ 5 min). */
export const NOON_RECOVERY = { from: clock('12:02'), to: clock('12:27') };

/** Time of generation slot k (slot 1 runs at 11:02) and the inverse. */
export const slotTime = (k: number) => START + GEN_PHASE + (k - 1) * GEN_EVERY;

/**
 * Would the world, left alone, produce the published shape? Without actions a file is bad iff the
 * node its query lands on already has the grant (the same rule `step` applies).
 */
export function hasPublishedShape(salt: number, grantAt: readonly number[]): boolean {
  const bad = (t: number, k: number) => grantAt[Math.floor(keyedUnit(salt, k, 0) * CLICKHOUSE_NODES)]! <= t;
  let k = 1;
  for (; slotTime(k) < FIRST_BAD_FILE_AT; k++) if (bad(slotTime(k), k)) return false;
  if (!bad(FIRST_BAD_FILE_AT, k)) return false;
  for (; slotTime(k + 1) <= NOON_RECOVERY.to; k++) {
    if (slotTime(k) >= NOON_RECOVERY.from && !bad(slotTime(k), k) && !bad(slotTime(k + 1), k + 1)) return true;
  }
  return false;
}
