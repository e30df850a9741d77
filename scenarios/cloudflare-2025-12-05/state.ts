/**
 * The hidden state of the 5 December world and what follows from it. Everything a signal or an
 * evidence needs is derived here from timestamps of events, so the model stays a pure function of
 * (state, time) and a change's propagation is visible second by second.
 */
import { BODY_BUFFER_STARTED } from './change-catalog.ts';
import { REGIONS, FL1_MANAGED_SHARE, FL1_SHARE, TEST_ENDPOINT_SHARE } from './traffic-profile.ts';

export type StatusMessage = 'investigating_dashboard_api' | 'investigating_widespread_errors' | 'fix_implemented' | 'resolved';

export interface Dec05State {
  /** Per-region lag (s) before the global configuration system delivers a change; one set per change. */
  killswitchLags: number[];
  revertLags: number[];
  disableLags: number[];
  killswitchSentAt: number | null;
  killswitchRevertedAt: number | null;
  managedRulesDisabledAt: number | null;
  movedToFl2At: number | null;
  /** When the body-buffer rollback started (gradual deployment system); null while it still rolls forward. */
  bufferRevertedAt: number | null;
  ddosModeSince: number | null;
  fl1RestartAt: number | null;
  dashboardFailoverAt: number | null;
  /** Start of the current (or last) episode of impact: failing share above 10%. */
  impactSince: number | null;
  /** When that episode ended (failing share back under 1%); null while it lasts. */
  recoveredAt: number | null;
  reportsSent: string[];
  statusPosts: { at: number; message: string }[];
  /** Changes the team undid (a global revert or a gradual rollback): which (its lead id) and when it started. */
  rollbacks: { change: string; at: number }[];
  /** Feed items an undo queued for later (owners' notices, customer reports), in time order. */
  queuedFeed: { at: number; kind: 'customer-report' | 'notice'; title: string; text: string }[];
}

/** A shallow copy written out field by field, in the order `init` builds the state: one object shape. */
export function copyState(m: Dec05State): Dec05State {
  return {
    killswitchLags: m.killswitchLags, revertLags: m.revertLags, disableLags: m.disableLags,
    killswitchSentAt: m.killswitchSentAt, killswitchRevertedAt: m.killswitchRevertedAt, managedRulesDisabledAt: m.managedRulesDisabledAt,
    movedToFl2At: m.movedToFl2At, bufferRevertedAt: m.bufferRevertedAt, ddosModeSince: m.ddosModeSince, fl1RestartAt: m.fl1RestartAt,
    dashboardFailoverAt: m.dashboardFailoverAt, impactSince: m.impactSince, recoveredAt: m.recoveredAt,
    reportsSent: m.reportsSent, statusPosts: m.statusPosts, rollbacks: m.rollbacks, queuedFeed: m.queuedFeed,
  };
}

/**
 * A copy with some fields changed (steps that change something, actions, undos), in `copyState`'s
 * shape: `{ ...m, x }` gives the state another hidden class, and every later read of it goes polymorphic.
 */
export function withState(m: Dec05State, changes: Partial<Dec05State>): Dec05State {
  return Object.assign(copyState(m), changes);
}

/** Global configuration reaches a region 2–20 s after it is sent, then every node within ~40 s (PM5: "within seconds"). */
export const PROPAGATION_TAU_SECONDS = 10;
export const PROPAGATION_COMPLETE_SECONDS = 40;
/** Moving affected customers to FL2 happens in batches over four minutes once prepared. */
export const FL2_MIGRATION_SECONDS = 240;
/** A rolling FL1 restart takes five minutes; a restarting node drops its connections (502s). */
export const FL1_RESTART_SECONDS = 300;
const RESTARTING_SHARE = 0.08;
/** The body-buffer rollout started before the window (PM5: "before 08:47"); its pace is illustrative. */
export const BUFFER_ROLLOUT_STARTED_AT = BODY_BUFFER_STARTED;
const BUFFER_ROLLOUT_PER_SECOND = 0.4 / 3600;
export const BUFFER_REVERT_PER_SECOND = 1.8 / 3600;

/** Share of the fleet running the 1 MB body buffer: derived from timestamps, so stepping allocates nothing. */
export function bufferRollout(m: Dec05State, t: number): number {
  const until = m.bufferRevertedAt === null ? t : Math.min(t, m.bufferRevertedAt);
  const reached = Math.min(1, Math.max(0, until - BUFFER_ROLLOUT_STARTED_AT) * BUFFER_ROLLOUT_PER_SECOND);
  if (m.bufferRevertedAt === null || t <= m.bufferRevertedAt) return reached;
  return Math.max(0, reached - (t - m.bufferRevertedAt) * BUFFER_REVERT_PER_SECOND);
}

/** Is an episode of impact going on? */
export const impactOngoing = (m: Dec05State): boolean => m.impactSince !== null && m.recoveredAt === null;

/** Fraction of a region's nodes running a change sent at `sentAt` (null: never sent). */
export function propagated(sentAt: number | null, lag: number, t: number): number {
  if (sentAt === null) return 0;
  const tau = t - sentAt - lag;
  if (tau < 0) return 0;
  if (tau >= PROPAGATION_COMPLETE_SECONDS) return 1;
  return 1 - Math.exp(-tau / PROPAGATION_TAU_SECONDS);
}

export const ramp = (since: number | null, t: number, seconds: number): number =>
  since === null || t < since ? 0 : Math.min(1, (t - since) / seconds);

/** Share of the affected customers already moved to FL2. */
export const movedToFl2 = (m: Dec05State, t: number): number => ramp(m.movedToFl2At, t, FL2_MIGRATION_SECONDS);

/** Share of region `i`'s FL1 nodes where the broken killswitch is live. */
export function killswitchLive(m: Dec05State, i: number, t: number): number {
  if (!REGIONS[i]!.receivesGlobalConfig) return 0;
  return propagated(m.killswitchSentAt, m.killswitchLags[i]!, t) * (1 - propagated(m.killswitchRevertedAt, m.revertLags[i]!, t));
}

/** Share of region `i`'s FL1 nodes still running the Managed Ruleset for its zones. */
export function managedRulesOn(m: Dec05State, i: number, t: number): number {
  if (!REGIONS[i]!.receivesGlobalConfig) return 1;
  return 1 - propagated(m.managedRulesDisabledAt, m.disableLags[i]!, t);
}

/** Share of region `i`'s FL1 + Managed Ruleset requests that hit the Lua nil index. */
export function brokenFraction(m: Dec05State, i: number, t: number): number {
  return killswitchLive(m, i, t) * managedRulesOn(m, i, t);
}

/** Share of region `i`'s whole HTTP traffic answered with the Lua 500. */
export function regionFailingShare(m: Dec05State, i: number, t: number): number {
  const r = REGIONS[i]!;
  return r.fl1Share * r.managedShare * (1 - movedToFl2(m, t)) * brokenFraction(m, i, t) * (1 - TEST_ENDPOINT_SHARE);
}

/** Share of all HTTP traffic failing: the quantity the whole scenario is about. */
export function globalFailingShare(m: Dec05State, t: number): number {
  return REGIONS.reduce((sum, r, i) => sum + r.weight * regionFailingShare(m, i, t), 0);
}

/** Traffic-weighted share of nodes where FL1 + Managed Ruleset requests fail (dashboard, probes). */
export function averageBroken(m: Dec05State, t: number): number {
  return REGIONS.reduce((s, r, i) => s + r.weight * brokenFraction(m, i, t), 0);
}

/** Share of the FL1 fleet restarting right now. */
export function restarting(m: Dec05State, t: number): number {
  if (m.fl1RestartAt === null || t < m.fl1RestartAt || t > m.fl1RestartAt + FL1_RESTART_SECONDS) return 0;
  return RESTARTING_SHARE;
}

/** Share of all HTTP traffic FL1 still serves (moving customers to FL2 shrinks it). */
export function fl1TrafficShare(m: Dec05State, t: number): number {
  return FL1_SHARE - movedToFl2(m, t) * FL1_MANAGED_SHARE;
}

/** Share of all HTTP traffic whose Managed Ruleset completes (FL1 nodes without the bug, moved zones, FL2). */
export function managedCompletingShare(m: Dec05State, t: number, fl2ManagedShare: number): number {
  const moved = movedToFl2(m, t);
  const onFl1 = REGIONS.reduce((s, r, i) => s + r.weight * r.fl1Share * r.managedShare * (1 - moved) * (1 - killswitchLive(m, i, t)) * managedRulesOn(m, i, t), 0);
  return onFl1 + FL1_MANAGED_SHARE * moved + (1 - FL1_SHARE) * fl2ManagedShare;
}
