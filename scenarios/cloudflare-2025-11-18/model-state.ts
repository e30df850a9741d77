/**
 * Hidden state of the 18 Nov 2025 model, its constants and the small pure helpers every part of
 * the model shares. Facts come from /work/shared/facts/cloudflare-2025-11-18.md (rows cited as
 * "§n"); every number the facts do not give is an assumption listed in docs/model.md.
 */
import { clock } from '../../server/engine/index.ts';

export const START = clock('11:00');
/** §1 11:05: the ClickHouse grant change starts rolling out. */
export const GRANT_AT = clock('11:05');
/** §3: the feature file is regenerated every five minutes. */
export const GEN_EVERY = 300;
/** Assumption: the job's phase is not published; runs at :02, :07, :12… so a bad file can land by 11:28 (§1). */
export const GEN_PHASE = 120;
/** §3: ~60 features normally; the proxy preallocates for 200. */
export const NORMAL_FEATURES = 60;
export const FEATURE_LIMIT = 200;
/** Assumption: extra rows the query returns from `r0` on an updated node ("more than 200" in total). */
export const R0_EXTRA_FEATURES = 176;
export const CLICKHOUSE_NODES = 24;

/** Traffic weight and FL2 share per region (assumption: the split is not published, §2). */
export const REGIONS = [
  { id: 'na', weight: 0.38, fl2: 0.66, lagS: 0 },
  { id: 'eu', weight: 0.32, fl2: 0.62, lagS: 8 },
  { id: 'apac', weight: 0.18, fl2: 0.55, lagS: 20 },
  { id: 'latam', weight: 0.07, fl2: 0.5, lagS: 30 },
  { id: 'mea', weight: 0.05, fl2: 0.48, lagS: 25 },
] as const;

/** Share of the Workers KV front-end gateway's requests that go through FL2 (assumption). */
export const KV_GATEWAY_FL2 = 0.85;
/** Access authentication requests that go through FL2 (assumption). */
export const ACCESS_FL2 = 0.9;

/**
 * Downstream services that enter a bad state after long exposure to the failing proxy (§1 14:30–17:06).
 * Names are illustrative: the post-mortem does not list them. `residual` is their 5xx share (percent
 * of all traffic) while stuck; `exposureMin` the minutes of failing traffic before they wedge;
 * `restartMin` how long a rolling restart of the group takes.
 */
export const GROUPS = [
  { id: 'workers_runtime', label: 'Workers runtime', residual: 1.6, exposureMin: 25, restartMin: 30 },
  { id: 'zero_trust', label: 'Zero Trust gateways', residual: 0.8, exposureMin: 30, restartMin: 20 },
  { id: 'load_balancing', label: 'Load Balancing health checks', residual: 1.0, exposureMin: 40, restartMin: 25 },
  { id: 'images_stream', label: 'Images and Stream', residual: 0.6, exposureMin: 45, restartMin: 25 },
  { id: 'email_security', label: 'Email Security pipeline', residual: 0.5, exposureMin: 35, restartMin: 30 },
] as const;

/** Share of WARP users by WARP region (assumption). */
export const WARP_REGIONS: Record<string, number> = { london: 0.07, frankfurt: 0.06, ashburn: 0.09, singapore: 0.05, sao_paulo: 0.04 };
export const WARP_LABELS: Record<string, string> = { london: 'London', frankfurt: 'Frankfurt', ashburn: 'Ashburn', singapore: 'Singapore', sao_paulo: 'São Paulo' };

/** Secondary source (§5): scheduled maintenance in Santiago listed on the status page that day. */
export const SCL_MAINTENANCE = { from: clock('12:00'), to: clock('15:00') };

export interface FeatureFile {
  /** When it was generated (or pushed by hand). */
  at: number;
  /** The ClickHouse node the generation query ran on; -1 for a file pushed by hand. */
  node: number;
  features: number;
}

/**
 * One movement of the edge towards a file's state: a publish (the file's propagation) or a forced
 * restart (every proxy loads what is on the edge within a minute). Kept in order so that evidence
 * can look back over the window a tool covered; the latest one is also in `edgeFrom`…`edgeDur`.
 */
export interface EdgeSegment {
  at: number;
  dur: number;
  /** 1: towards a bad file, 0: towards a good one. */
  to: number;
  /** Per region, the share on a bad file when it started. */
  from: number[];
}

/** A change from the change log rolled back by the team: which (its lead id) and when it started. */
export interface Rollback {
  change: string;
  at: number;
}

/** A feed item an action's consequence puts on the feed later (actions cannot emit; `step` does). */
export interface QueuedFeedItem {
  at: number;
  kind: 'customer-report' | 'notice';
  title: string;
  text: string;
}

export interface CfState {
  /** Salt for per-generation draws, so the file sequence of a seed does not depend on the plan. */
  salt: number;
  /** When the grant lands on each ClickHouse node (sim seconds). */
  grantAt: number[];
  /** When a rollback of the grant started, if any; it reverts node by node over `revertS`. */
  revertFrom: number | null;
  revertS: number;
  generating: boolean;
  /** Every file that went out, generated or pushed, oldest first. */
  files: FeatureFile[];
  /** Edge propagation of the latest file: per-region share on a bad file when it started. */
  edgeFrom: number[];
  edgeTo: number;
  edgeStart: number;
  edgeDur: number;
  /** Every edge movement so far, oldest first (evidence looks back over it). */
  edgeLog: EdgeSegment[];
  kvBypass: boolean;
  /** When the KV bypass took effect (evidence over a window that spans it). */
  kvBypassAt: number | null;
  accessBypass: boolean;
  ddos: boolean;
  kvLimited: boolean;
  warpOff: string[];
  proxyRestartAt: number | null;
  /** Dashboard control plane's circuit breaker towards Workers KV. */
  breakerOpen: boolean;
  kvOkSince: number | null;
  /** Login demand held back by the outage, released once sites work again. */
  pentUp: number;
  loginQueue: number;
  /** When extra login capacity started coming online (capacity ramps up, see step.ts). */
  loginScaleAt: number | null;
  loginOk: number;
  coreOkSince: number | null;
  /** Per downstream group: minutes of failing traffic seen, stuck or not, end of a running restart. */
  exposure: number[];
  stuck: boolean[];
  restartEnd: (number | null)[];
  statusDown: [number, number][];
  /** Bit set of feed items already emitted. */
  said: number;
  /** Changes the team rolled back (the grant's node-by-node revert is `revertFrom`, listed here too). */
  rollbacks: Rollback[];
  /** Feed items waiting for their time (owners' notices and customer reports after a rollback). */
  queuedFeed: QueuedFeedItem[];
}

/** A shallow copy written out field by field: one fixed object shape, much faster than `{ ...m }` per step. */
export function copyState(m: CfState): CfState {
  return {
    salt: m.salt, grantAt: m.grantAt, revertFrom: m.revertFrom, revertS: m.revertS, generating: m.generating,
    files: m.files, edgeFrom: m.edgeFrom, edgeTo: m.edgeTo, edgeStart: m.edgeStart, edgeDur: m.edgeDur, edgeLog: m.edgeLog,
    kvBypass: m.kvBypass, kvBypassAt: m.kvBypassAt, accessBypass: m.accessBypass, ddos: m.ddos, kvLimited: m.kvLimited, warpOff: m.warpOff,
    proxyRestartAt: m.proxyRestartAt, breakerOpen: m.breakerOpen, kvOkSince: m.kvOkSince, pentUp: m.pentUp,
    loginQueue: m.loginQueue, loginScaleAt: m.loginScaleAt, loginOk: m.loginOk, coreOkSince: m.coreOkSince,
    exposure: m.exposure, stuck: m.stuck, restartEnd: m.restartEnd, statusDown: m.statusDown, said: m.said,
    rollbacks: m.rollbacks, queuedFeed: m.queuedFeed,
  };
}

/**
 * A copy with some fields changed (actions, rollbacks), in `copyState`'s shape: `{ ...m, x }`
 * makes an object of another hidden class, and every step reading such a state turned the step
 * loop's property reads polymorphic for the rest of the run.
 */
export function withState(m: CfState, changes: Partial<CfState>): CfState {
  return Object.assign(copyState(m), changes);
}

export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
export const isBadFile = (f: FeatureFile) => f.features > FEATURE_LIMIT;

/** A uniform draw in [0,1) keyed by (salt, k, stream): stable whatever else consumed randomness. */
export function keyedUnit(salt: number, k: number, stream: number): number {
  let h = (salt ^ Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(stream + 7, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Does the generation query see the `r0` tables on node i at time t? */
export function nodeUpdated(m: CfState, i: number, t: number): boolean {
  const at = m.grantAt[i]!;
  if (at > t) return false;
  if (m.revertFrom === null) return true;
  if (at >= m.revertFrom) return false; // the rollback stopped the rollout before this node
  return t < m.revertFrom + (m.revertS * (i + 1)) / CLICKHOUSE_NODES;
}

export function updatedCount(m: CfState, t: number): number {
  let n = 0;
  for (let i = 0; i < CLICKHOUSE_NODES; i++) if (nodeUpdated(m, i, t)) n++;
  return n;
}

/** Share of region r's proxies running a bad file at time t. */
export function regionBad(m: CfState, r: number, t: number): number {
  const p = clamp01((t - m.edgeStart - REGIONS[r]!.lagS) / m.edgeDur);
  const from = m.edgeFrom[r]!;
  return from + (m.edgeTo - from) * p;
}

/** Traffic-weighted share of the network on a bad file, and of all requests failing on FL2. */
export function coreShares(m: CfState, t: number): { bad: number; fl2Fail: number; flZero: number } {
  let bad = 0;
  let fl2Fail = 0;
  let flZero = 0;
  for (let r = 0; r < REGIONS.length; r++) {
    const reg = REGIONS[r]!;
    const b = regionBad(m, r, t);
    bad += reg.weight * b;
    fl2Fail += reg.weight * b * reg.fl2;
    flZero += reg.weight * b * (1 - reg.fl2);
  }
  return { bad, fl2Fail, flZero };
}

export const kvFail = (m: CfState, bad: number) => (m.kvBypass ? 0 : KV_GATEWAY_FL2 * bad);
export const accessFail = (m: CfState, bad: number) => (m.accessBypass ? 0 : ACCESS_FL2 * bad);
/** Assumption: Turnstile runs on Workers and reads Workers KV; a small part is served by the core proxy directly. */
export const turnstileFail = (m: CfState, bad: number) => clamp01(0.95 * kvFail(m, bad) + 0.04 * bad);

/**
 * Share of a group's tail (its `residual`) that a rolling restart of healthy instances costs while
 * it runs: each batch is out of service as it restarts (assumption, docs/model.md).
 */
export const HEALTHY_RESTART_COST = 0.25;

/** Residual 5xx (percent of all traffic) from downstream groups in a bad state, or restarting. */
export function residual5xx(m: CfState, t: number): number {
  let sum = 0;
  for (let g = 0; g < GROUPS.length; g++) {
    if (!m.stuck[g]) {
      const restarting = m.restartEnd[g];
      if (restarting !== null && restarting !== undefined && restarting > t) sum += GROUPS[g]!.residual * HEALTHY_RESTART_COST;
      continue;
    }
    const end = m.restartEnd[g];
    const left = end === null || end === undefined ? 1 : clamp01((end - t) / (GROUPS[g]!.restartMin * 60));
    sum += GROUPS[g]!.residual * left;
  }
  return sum;
}

export function statusPageDown(m: CfState, t: number): boolean {
  for (const w of m.statusDown) if (t >= w[0] && t < w[1]) return true;
  return false;
}
