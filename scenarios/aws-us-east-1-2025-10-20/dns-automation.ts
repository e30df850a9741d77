/**
 * The DNS automation as its own tools record it (§3.1): the Planner's plan generations, the three
 * Enactors, the record trees named by UUID, the race at 06:48. Used by the evidence; the dynamics
 * only need `raceAt`. Numbers of generations and endpoints are illustrative (not published).
 */
import { clock, formatClockSeconds } from '../../server/engine/index.ts';
import { RACE_AT } from './model-state.ts';

/** The Planner writes a new plan generation every two and a half minutes (assumption). */
const PLAN_EVERY = 150;
const FIRST_GENERATION = 12000;
export const generationAt = (t: number): number => FIRST_GENERATION + Math.floor(t / PLAN_EVERY);

/** The delayed Enactor's plan: generated at 04:30, checked as newer than the applied one at 04:31 (§3.1 step 1). */
export const STALE_PLAN = generationAt(clock('04:30'));
export const STALE_CHECK_AT = clock('04:31') + 7;
/** The fast Enactor's plan, applied everywhere just before the race (§3.1 step 2). */
export const FRESH_PLAN = generationAt(RACE_AT - 1);
/** The cleanup deletes trees of plans this many generations older than the one it applied (§3.1 step 3). */
export const CLEANUP_KEEP = 40;
export const ENDPOINTS = 4388;
export const DELAYED = 'enactor-use1-az2';
export const FAST = 'enactor-use1-az4';
export const ENACTORS = ['enactor-use1-az1', DELAYED, FAST] as const;

/** Record trees are named by UUID (RI: "UUIDs slowed them down"); a stable one per generation. */
export function treeId(generation: number): string {
  const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(8, '0').slice(0, len);
  const h = (k: number) => {
    let x = Math.imul(generation ^ 0x9e3779b1, 0x85ebca77 + k * 0x27d4eb2f) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    return (x ^ (x >>> 13)) >>> 0;
  };
  return `${hex(h(1), 8)}-${hex(h(2), 4)}-4${hex(h(3), 3)}-a${hex(h(4), 3)}-${hex(h(5), 8)}${hex(h(6), 4)}`;
}

export const at = (t: number): string => formatClockSeconds(t);

export interface LogLine { t: number; source: string; level: 'INFO' | 'WARN' | 'ERROR'; text: string }

/**
 * The Enactors' log lines in [from, to] (sampled as the log tool samples them: a few lines per
 * kind). `raceAt` null: the race never happened; `restoredAt`/`frozenAt` when they happened.
 */
export function enactorLog(from: number, to: number, s: { raceAt: number | null; restoredAt: number | null; frozenAt: number | null }): LogLine[] {
  const lines: LogLine[] = [];
  const push = (t: number, source: string, level: LogLine['level'], text: string) => { if (t >= from && t <= to) lines.push({ t, source, level, text }); };
  const frozen = (t: number) => s.frozenAt !== null && t >= s.frozenAt;
  // The delayed Enactor's one-time check, long before it reaches the regional endpoint.
  push(STALE_CHECK_AT, DELAYED, 'INFO', `plan ${STALE_PLAN} is newer than applied plan ${STALE_PLAN - 1}: starting rollout to ${ENDPOINTS} endpoints`);
  // Losing the per-endpoint lock again and again (RI), sampled every 20 minutes.
  for (let t = clock('04:40') + 13; t < (s.raceAt ?? RACE_AT) && !frozen(t); t += 1200) {
    const done = Math.min(ENDPOINTS - 1, Math.round(((t - clock('04:31')) / (RACE_AT - clock('04:31'))) * (ENDPOINTS - 1)));
    push(t, DELAYED, 'WARN', `lock on endpoint ${done + 1}/${ENDPOINTS} held by ${FAST} (concurrent update; TXT _lock, expires in 30s); backing off ${8 + (done % 7)}s (attempt ${18 + (done % 23)})`);
    push(t + 41, DELAYED, 'INFO', `plan ${STALE_PLAN}: ${done}/${ENDPOINTS} endpoints applied`);
  }
  // The fast Enactors keep up with the Planner (one line per ten generations, as sampled).
  for (let t = clock('04:00') + 29; t < (s.raceAt ?? to) && !frozen(t); t += 1500) {
    push(t, FAST, 'INFO', `plan ${generationAt(t)}: applied to ${ENDPOINTS}/${ENDPOINTS} endpoints in ${48 + (t % 9)}s`);
  }
  if (s.raceAt === null) return lines.sort((a, b) => a.t - b.t);
  const race = s.raceAt;
  push(race - 60 + 1, FAST, 'INFO', `plan ${FRESH_PLAN}: applied to ${ENDPOINTS}/${ENDPOINTS} endpoints in 52s`);
  push(race + 3, DELAYED, 'INFO', `plan ${STALE_PLAN}: applying to dynamodb.us-east-1.amazonaws.com: alias -> tree ${treeId(STALE_PLAN)}, rollback -> tree ${treeId(FRESH_PLAN)}`);
  push(race + 4, DELAYED, 'INFO', `plan ${STALE_PLAN}: dynamodb.us-east-1.amazonaws.com committed (${ENDPOINTS}/${ENDPOINTS})`);
  push(race + 5, FAST, 'INFO', `cleanup after plan ${FRESH_PLAN}: deleting trees of ${CLEANUP_KEEP + 5} plans older than ${FRESH_PLAN - CLEANUP_KEEP}`);
  push(race + 6, FAST, 'INFO', `cleanup: deleted tree ${treeId(STALE_PLAN)} (plan ${STALE_PLAN}) from zone dynamodb.us-east-1.amazonaws.com`);
  // From then on every Enactor fails on the regional endpoint, plan after plan (PES; RI: rollback to nothing).
  const stuckUntil = Math.min(to, s.restoredAt ?? Infinity, s.frozenAt ?? Infinity);
  for (let t = race + 150; t < stuckUntil; t += 150) {
    const g = generationAt(t);
    const who = ENACTORS[Math.floor(t / 150) % 3]!;
    push(t + 2, who, 'ERROR', `plan ${g}: dynamodb.us-east-1.amazonaws.com: ChangeResourceRecordSets rejected (InvalidChangeBatch): zone state inconsistent: rollback record target tree ${treeId(STALE_PLAN)} does not exist; will retry`);
  }
  if (s.frozenAt !== null && s.frozenAt <= to) push(s.frozenAt, 'automation-control', 'WARN', 'DNS Planner and all Enactors disabled by operator (all regions)');
  if (s.restoredAt !== null && s.restoredAt <= to) push(s.restoredAt + 30, FAST, 'INFO', `dynamodb.us-east-1.amazonaws.com: rollback record now points at tree ${treeId(generationAt(s.restoredAt))}; resuming`);
  return lines.sort((a, b) => a.t - b.t);
}
