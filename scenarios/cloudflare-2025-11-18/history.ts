/**
 * The network at a past moment, for evidence that reports a window: which share of each region ran
 * a bad file at time τ, from the edge log. Only investigations call these (never the step or the
 * signals), so they may scan.
 */
import { KV_GATEWAY_FL2, REGIONS, clamp01, type CfState, type EdgeSegment } from './model-state.ts';

function segmentAt(m: CfState, tau: number): EdgeSegment {
  const log = m.edgeLog;
  let i = log.length - 1;
  while (i > 0 && log[i]!.at > tau) i--;
  return log[i]!;
}

/** Share of region r's proxies on a bad file at τ (the same rule as `regionBad`, for any past τ). */
export function regionBadAt(m: CfState, r: number, tau: number): number {
  const s = segmentAt(m, tau);
  const from = s.from[r]!;
  return from + (s.to - from) * clamp01((tau - s.at - REGIONS[r]!.lagS) / s.dur);
}

export interface SharesAt {
  /** Traffic-weighted share of the network on a bad file. */
  bad: number;
  /** Share of all requests failing on FL2. */
  fl2Fail: number;
  /** Share of all requests scored 0 on FL. */
  flZero: number;
}

export function sharesAt(m: CfState, tau: number): SharesAt {
  const out = { bad: 0, fl2Fail: 0, flZero: 0 };
  REGIONS.forEach((reg, r) => {
    const b = regionBadAt(m, r, tau);
    out.bad += reg.weight * b;
    out.fl2Fail += reg.weight * b * reg.fl2;
    out.flZero += reg.weight * b * (1 - reg.fl2);
  });
  return out;
}

/** Share of Workers KV requests failing at τ (nothing once the bypass took effect). */
export function kvFailAt(m: CfState, tau: number): number {
  if (m.kvBypassAt !== null && tau >= m.kvBypassAt) return 0;
  return KV_GATEWAY_FL2 * sharesAt(m, tau).bad;
}
