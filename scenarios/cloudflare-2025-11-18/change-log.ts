/**
 * The change log as a tool shows it (records with id, start, team, system, description and live
 * status), and what rolling a change back does to the world: its status, its owner's notice, the
 * customer-visible effects of what it undoes (signals.ts adds `rollbackEffects`), and for the grant
 * change the node-by-node revert of the cluster (model-state.ts `nodeUpdated`).
 */
import { clockLabel, formatClock, type ActResult, type EvidenceBody } from '../../server/engine/index.ts';
import {
  CHANGES, EFFECT_KEYS, GRANT_CHANGE, changeById, type ChangeEffects, type ChangeEntry, type EffectKey,
} from './change-catalog.ts';
import { CLICKHOUSE_NODES, clamp01, updatedCount, withState, type CfState, type QueuedFeedItem } from './model-state.ts';

const DAY = 24 * 3600;
/** Customers notice an undone fix or feature some minutes after the rollback completes (assumption). */
const REPORT_AFTER_S = 8 * 60;

/** A record's time as the change log prints it: to the minute, yesterday's marked so. */
const when = (t: number) => (t < 0 ? `yesterday ${formatClock(t + DAY)}` : formatClock(t));

function rollbackOf(m: CfState, id: string) {
  return m.rollbacks.find((r) => r.change === id);
}

/** When the grant change had reached every node, if it has. */
function grantCompleteAt(m: CfState): number {
  return Math.max(...m.grantAt);
}

/** A change's status at t, as the change-management system shows it. */
export function changeStatus(m: CfState, c: ChangeEntry, t: number): string {
  const rb = rollbackOf(m, c.id);
  if (rb) {
    const done = rb.at + c.rollback.minutes * 60;
    if (c.id === GRANT_CHANGE && t < done) return `rolling back · ${updatedCount(m, t)}/${CLICKHOUSE_NODES} nodes still on the change`;
    if (t < done) return `rolling back · ${Math.round(100 * clamp01((t - rb.at) / (done - rb.at)))}%`;
    return `rolled back ${when(done)}`;
  }
  const p = c.progress;
  if (p.kind === 'grant-nodes') {
    const n = updatedCount(m, t);
    return n < CLICKHOUSE_NODES ? `in progress · ${n}/${CLICKHOUSE_NODES} nodes` : `complete ${when(grantCompleteAt(m))}`;
  }
  const share = (t - c.at) / (c.rolloutMinutes * 60);
  if (share >= 1) return `complete ${when(c.at + c.rolloutMinutes * 60)}`;
  switch (p.kind) {
    case 'percent': return `in progress · ${Math.floor(100 * share)}% of ${p.of}`;
    case 'count': return `in progress · ${Math.floor(share * p.n)}/${p.n} ${p.of}`;
    case 'stages': return `in progress · stage ${Math.floor(share * p.n) + 1}/${p.n}`;
  }
}

/** Every change started by t, newest first. */
export const listedChanges = (t: number): ChangeEntry[] => CHANGES.filter((c) => c.at <= t).sort((a, b) => b.at - a.at);

export function changeLog(m: CfState, t: number): EvidenceBody {
  const listed = listedChanges(t);
  const rows = listed.map((c) => [c.ref, when(c.at), c.team, c.system, c.text, changeStatus(m, c, t)]);
  const running = rows.filter((r) => String(r[5]).startsWith('in progress') || String(r[5]).startsWith('rolling back')).length;
  return {
    summary: `Change log, last 24 hours to ${clockLabel(t)}: ${listed.length} changes, ${running} in progress`,
    detail: `From the change-management system, newest first; status as of ${clockLabel(t)}.`,
    table: { columns: ['id', 'started (UTC)', 'team', 'system', 'change', 'status'], rows },
    leads: listed.map((c) => c.id),
    ...(listed.some((c) => c.id === GRANT_CHANGE) ? { shows: ['grant_change_listed'] } : {}),
  };
}

/** Roll a change back through the system that shipped it. Only what has started can be rolled back, once. */
export function rollbackChange(m: CfState, id: string, t: number): ActResult<CfState> {
  const c = changeById(id);
  if (!c || c.at > t) return { model: m, outcome: `Nothing to roll back: ${id} is not in the change log.`, changed: false };
  const rb = rollbackOf(m, id);
  if (rb) {
    const done = rb.at + c.rollback.minutes * 60;
    return { model: m, outcome: t < done ? `${c.ref} is already being rolled back.` : `${c.ref} was already rolled back at ${when(done)}.`, changed: false };
  }
  const done = t + c.rollback.minutes * 60;
  const queued: QueuedFeedItem[] = [{ at: done, kind: 'notice', title: `${c.team}: ${c.ref} rolled back`, text: c.rollback.owner }];
  if (c.rollback.report) queued.push({ at: done + REPORT_AFTER_S, kind: 'customer-report', ...c.rollback.report });
  const next = withState(m, {
    rollbacks: [...m.rollbacks, { change: id, at: t }],
    queuedFeed: [...m.queuedFeed, ...queued].sort((a, b) => a.at - b.at),
    ...(id === GRANT_CHANGE ? { revertFrom: t, revertS: c.rollback.minutes * 60 } : {}),
  });
  return { model: next, outcome: `Rollback of ${c.ref} (${c.short}) started through ${c.system}; about ${c.rollback.minutes} minutes to complete.` };
}

const NONE: Required<ChangeEffects> = { fl2_5xx: 0, all_5xx: 0, kv_err: 0, p99: 0, challenge: 0, warp: 0, dash_p95: 0 };
export const NO_EFFECTS: Readonly<Required<ChangeEffects>> = NONE;

/** What the rollbacks so far add to the signals at t: `during` while each runs, `after` ramping in as it completes. */
export function rollbackEffects(m: CfState, t: number): Required<ChangeEffects> {
  const out = { ...NONE };
  const add = (fx: ChangeEffects | undefined, k: number) => {
    if (!fx || k <= 0) return;
    for (const key of EFFECT_KEYS) out[key as EffectKey] += (fx[key] ?? 0) * k;
  };
  for (const rb of m.rollbacks) {
    const spec = changeById(rb.change)?.rollback;
    if (!spec || t < rb.at) continue;
    const progress = clamp01((t - rb.at) / (spec.minutes * 60));
    add(spec.during, progress < 1 ? 1 : 0);
    add(spec.after, progress);
  }
  return out;
}

/** Security changes rolled back so far, and what each reopens (the facilitator's truth; scoring prices them). */
export function reopened(m: CfState): string[] {
  return m.rollbacks.flatMap((rb) => {
    const c = changeById(rb.change);
    return c?.rollback.reopens ? [`${c.ref}: ${c.rollback.reopens}`] : [];
  });
}
