/**
 * The change logs as their systems show them, and what undoing a change does to the world: its
 * status, its owner's notice, the effects of what it undoes (model.ts adds `undoEffects` to the
 * signals), and for the killswitch and the body buffer the model's own state (state.ts).
 */
import { clockLabel, formatClock, formatClockSeconds, type ActResult, type EvidenceBody } from '../../server/engine/index.ts';
import {
  BODY_BUFFER, CHANGES, KILLSWITCH, UNDO_KEYS, changeById, type Dec05Change, type DeploySystem, type UndoEffects,
} from './change-catalog.ts';
import { BUFFER_REVERT_PER_SECOND, bufferRollout, withState, type Dec05State } from './state.ts';

const DAY = 24 * 3600;
/** Customers notice what came undone some minutes after it did (assumption). */
const REPORT_AFTER_S = 5 * 60;
/** PM5: the global configuration system reaches every data centre within seconds. */
const GLOBAL_PROPAGATION_S = 40;

const stamp = (t: number, seconds: boolean) => {
  const s = seconds ? formatClockSeconds(t < 0 ? t + DAY : t) : formatClock(t < 0 ? t + DAY : t);
  return t < 0 ? `yesterday ${s}` : s;
};
const undoneAt = (m: Dec05State, id: string) => m.rollbacks.find((r) => r.change === id)?.at ?? null;

/** When the change went out in this world (the killswitch is the model's premise, sent by `step`). */
function sentAt(m: Dec05State, c: Dec05Change): number | null {
  return c.id === KILLSWITCH ? m.killswitchSentAt : c.at;
}

/** Share of the fleet a gradual change has reached (the body buffer is the model's own rollout). */
function reached(m: Dec05State, c: Dec05Change, t: number): number {
  if (c.id === BODY_BUFFER) return bufferRollout(m, t);
  const undone = undoneAt(m, c.id);
  const forward = Math.min(1, (Math.min(t, undone ?? t) - c.at) / (c.rolloutMinutes! * 60));
  if (undone === null || t <= undone) return forward;
  return Math.max(0, forward * (1 - (t - undone) / (c.undo.minutes * 60)));
}

/** How long undoing takes from t: the body buffer rolls back at the model's pace from where it reached. */
function undoSeconds(m: Dec05State, c: Dec05Change, undone: number): number {
  return c.id === BODY_BUFFER ? Math.ceil(bufferRollout(m, undone) / BUFFER_REVERT_PER_SECOND) : c.undo.minutes * 60;
}

function status(m: Dec05State, c: Dec05Change, t: number): string {
  const undone = undoneAt(m, c.id);
  if (c.system === 'global_config') {
    if (undone !== null) return `reverted ${formatClockSeconds(undone)}, propagated`;
    return `propagated ${stamp(sentAt(m, c)! + GLOBAL_PROPAGATION_S, true)}`;
  }
  const share = reached(m, c, t);
  if (undone !== null) return share > 0 ? `rolling back · on ${Math.round(share * 100)}% of the fleet` : `rolled back ${formatClock(undone + undoSeconds(m, c, undone))}`;
  if (share >= 1) return `complete ${stamp(c.at + c.rolloutMinutes! * 60, false)}`;
  const stage = Math.min(c.stages!, Math.floor(share * c.stages!) + 1);
  return `stage ${stage}/${c.stages} · ${Math.floor(share * 100)}% of the fleet · health gates passed`;
}

/** The changes of one system that had gone out by t, newest first. */
export function listed(m: Dec05State, system: DeploySystem, t: number): Dec05Change[] {
  return CHANGES.filter((c) => c.system === system && (sentAt(m, c) ?? Infinity) <= t).sort((a, b) => sentAt(m, b)! - sentAt(m, a)!);
}

export function changeLog(m: Dec05State, system: DeploySystem, t: number): EvidenceBody {
  const rows = listed(m, system, t).map((c) => [c.ref, stamp(sentAt(m, c)!, system === 'global_config'), c.team, c.text, status(m, c, t)]);
  const name = system === 'global_config' ? 'Global configuration system' : 'Gradual deployment system';
  const shows = system === 'global_config' && m.killswitchSentAt !== null && m.killswitchSentAt <= t ? ['killswitch_change_listed'] : [];
  return {
    leads: listed(m, system, t).map((c) => c.id),
    ...(shows.length > 0 ? { shows } : {}),
    summary: `${name}, changes of the last 24 hours to ${clockLabel(t)}: ${rows.length}`,
    detail: system === 'global_config'
      ? 'Newest first. Time: when the change was sent; status: when every data centre had it.'
      : 'Newest first. Each change advances stage by stage behind health gates; status as of now.',
    table: { columns: ['id', system === 'global_config' ? 'sent (UTC)' : 'started (UTC)', 'team', 'change', 'status'], rows },
  };
}

/**
 * Undo a change through the system that shipped it: a global revert or a gradual rollback. What
 * it undoes is the model's (`killswitchRevertedAt`, `bufferRevertedAt`) for the two changes the
 * incident is about; for every change its status, its owner's notice and its effects.
 */
export function undoChange(m: Dec05State, system: DeploySystem, id: string, t: number): ActResult<Dec05State> {
  const c = changeById(id);
  const sent = c ? sentAt(m, c) : null;
  if (!c || c.system !== system) return { model: m, outcome: `Nothing to undo: ${id} is not in this system's log.`, changed: false };
  if (sent === null || sent > t) return { model: m, outcome: `Nothing to revert: the ${system === 'global_config' ? 'global configuration' : 'gradual deployment'} log shows no such change yet.`, changed: false };
  if (undoneAt(m, id) !== null) return { model: m, outcome: `${c.ref} was already ${system === 'global_config' ? 'reverted' : 'rolled back'}.`, changed: false };
  const done = t + undoSeconds(m, c, t);
  const queued = [
    { at: done, kind: 'notice' as const, title: `${c.team}: ${c.ref} ${system === 'global_config' ? 'reverted' : 'rolled back'}`, text: c.undo.owner },
    ...(c.undo.report ? [{ at: done + REPORT_AFTER_S, kind: 'customer-report' as const, ...c.undo.report }] : []),
  ];
  const next = withState(m, {
    rollbacks: [...m.rollbacks, { change: id, at: t }],
    queuedFeed: [...m.queuedFeed, ...queued].sort((a, b) => a.at - b.at),
    ...(id === KILLSWITCH ? { killswitchRevertedAt: t } : {}),
    ...(id === BODY_BUFFER ? { bufferRevertedAt: t } : {}),
  });
  const how = system === 'global_config'
    ? `sent through the global configuration system at ${formatClockSeconds(t)}; it reaches every data centre within about a minute`
    : `started in the gradual deployment system at ${formatClock(t)}, stage by stage (it was on ${Math.round(reached(m, c, t) * 100)}% of the fleet; about ${Math.round(undoSeconds(m, c, t) / 60)} minutes)`;
  return { model: next, outcome: `${system === 'global_config' ? 'Revert' : 'Rollback'} of ${c.ref} (${c.short}) ${how}.` };
}

const NONE: Required<UndoEffects> = { all_5xx: 0, fl2_5xx: 0, p99: 0, dash_err: 0 };
export const NO_UNDO: Readonly<Required<UndoEffects>> = NONE;

/** What the undos so far add to the signals at t: `during` while each runs, `after` ramping in as it completes. */
export function undoEffects(m: Dec05State, t: number): Required<UndoEffects> {
  const out = { ...NONE };
  for (const { change, at } of m.rollbacks) {
    const undo = changeById(change)?.undo;
    if (!undo || t < at) continue;
    const progress = Math.min(1, (t - at) / (undo.minutes * 60));
    for (const key of UNDO_KEYS) out[key] += (progress < 1 ? undo.during?.[key] ?? 0 : 0) + progress * (undo.after?.[key] ?? 0);
  }
  return out;
}

/** Security changes undone so far and what each reopens (the facilitator's truth; scoring prices them). */
export function reopened(m: Dec05State): string[] {
  return m.rollbacks.flatMap(({ change }) => {
    const c = changeById(change);
    return c?.undo.reopens ? [`${c.ref}: ${c.undo.reopens}`] : [];
  });
}
