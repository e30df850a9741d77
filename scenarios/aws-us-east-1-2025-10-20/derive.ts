/**
 * What the hidden state means at a moment: the DNS answers clients get, what EC2 does with a launch
 * request, how long network state takes to arrive, what the NLB health checks do with it. Pure
 * functions of (state, time), shared by the dynamics, the signals and the evidence.
 */
import {
  clamp01, HC_GRACE_S, NLB_HEADROOM, NM_BASE_LATENCY_S, NM_SECONDS_PER_CHANGE, PENDING_MAX_RATE, PENDING_RETURN_MIN,
  type AwsState,
} from './model-state.ts';

/** The regional record answers NOERROR with zero records (§1 06:48, RI). */
export function recordEmpty(m: AwsState, t: number): boolean {
  return m.raceAt !== null && t >= m.raceAt && (m.restoredAt === null || t < m.restoredAt);
}

/** Share of client requests that need a new connection (and so a DNS answer): open connections churn within minutes (§1 "new ones are"). */
export function connectionChurn(m: AwsState, t: number): number {
  return m.raceAt === null || t < m.raceAt ? 0 : 1 - Math.exp(-(t - m.raceAt) / 120);
}

/** Share of customers who flushed their caches after the advice (only useful once the record is back). */
function flushed(m: AwsState, t: number): number {
  if (m.flushAdviceAt === null || m.restoredAt === null || t < m.flushAdviceAt) return 0;
  const from = Math.max(m.flushAdviceAt, m.restoredAt);
  return t < from ? 0 : 0.35 * clamp01((t - from) / 600);
}

/** Share of resolvers still serving the cached empty answer (negative caching, §3.1 RI; TTL an assumption). */
export function cachedEmpty(m: AwsState, t: number): number {
  if (m.raceAt === null || t < m.raceAt) return 0;
  if (recordEmpty(m, t)) return 1;
  const since = t - (m.restoredAt as number);
  return clamp01(1 - since / (m.negativeTtlMin * 60)) * (1 - flushed(m, t));
}

/** Long-running processes that cache the empty answer in-process (a small tail, §6 "DynamoDB is still broken"). */
function processTail(m: AwsState, t: number): number {
  if (m.restoredAt === null || t < m.restoredAt) return 0;
  return 0.006 * Math.exp(-(t - m.restoredAt) / 1800) * (1 - flushed(m, t) / 0.35 * 0.5);
}

/** Share of customer DynamoDB requests that fail to reach the endpoint. */
export function ddbFailShare(m: AwsState, t: number): number {
  return connectionChurn(m, t) * clamp01(cachedEmpty(m, t) + processTail(m, t));
}

/** Internal services (STS, IAM sign-in, recovery tooling) reach DynamoDB: the record is back, or the temporary internal endpoint is up. */
export function internalDdbOk(m: AwsState, t: number, lag = 0): boolean {
  if (!recordEmpty(m, t)) return true;
  return m.toolingAt !== null && t >= m.toolingAt + lag;
}

/** Customers spread over AZs after the advice (§1 11:48 HD), adopting over half an hour. */
function unpinnedShare(m: AwsState, t: number): number {
  return m.azAdviceAt === null || t < m.azAdviceAt ? 0 : 0.4 * clamp01((t - m.azAdviceAt) / 1800);
}

/** Share of admitted launches that find no droplet with a lease ("insufficient capacity", §3.2); all of them while DWFM is collapsed. */
export function iceShare(m: AwsState, t: number): number {
  if (m.collapsed) return 1;
  const free = 1 - m.leased;
  const unpinned = unpinnedShare(m, t);
  // A launch pinned to one AZ fails when that AZ has no leased droplet; an unpinned one only when none has.
  return clamp01((1 - unpinned) * free + unpinned * free * free);
}

/** Launch requests, in units of the normal rate: the base, customers' retries, and pending capacity coming back. */
export function launchDemand(m: AwsState, t: number): number {
  const retry = 1.5 * m.failSeen * (m.backoffAdviceAt !== null && t >= m.backoffAdviceAt ? 0.5 : 1);
  const pendingBack = Math.min(PENDING_MAX_RATE, m.pending / PENDING_RETURN_MIN) * (1 - iceShare(m, t));
  return 1 + retry + pendingBack;
}

/** Launch requests the throttle lets in. */
export function admitted(m: AwsState, t: number): number {
  const demand = launchDemand(m, t);
  return m.throttleCap === null ? demand : Math.min(demand, m.throttleCap);
}

/** Share of launch requests refused with "request limit exceeded" by the throttle on incoming work (§1 12:28). */
export function throttledShare(m: AwsState, t: number): number {
  if (m.throttleCap === null) return 0;
  return 1 - Math.min(1, m.throttleCap / launchDemand(m, t));
}

/** Launches per minute (normal = 1) that get an instance. */
export function successfulLaunches(m: AwsState, t: number): number {
  return admitted(m, t) * (1 - iceShare(m, t));
}

/** Time for a new instance's network state to arrive (Network Manager's queue, §3.2; Little's law). */
export function propagationSeconds(m: AwsState): number {
  return NM_BASE_LATENCY_S + (NM_SECONDS_PER_CHANGE * m.nmQueue) / m.nmSpeed;
}

/** Share of new instances still without network two minutes after launch (§1 13:21–17:36). */
export function unreachableShare(m: AwsState): number {
  const lat = propagationSeconds(m);
  return lat <= 120 ? 0 : (lat - 120) / lat;
}

/** New NLB nodes and targets coming into service (normal = 1): successful launches, plus targets replaced by hand. */
export function newNodes(m: AwsState, t: number): number {
  return successfulLaunches(m, t) + m.replacements;
}

/** Share of new nodes that fail their health checks because their network state has not arrived (§3.3). */
export function hcFailShare(m: AwsState): number {
  return clamp01(((propagationSeconds(m) - HC_GRACE_S) / 12) * (1 + 0.5 * m.hcDegradation));
}

/** How hard the health checks flap: failing share × how many new nodes there are (1: the afternoon of §1 under the throttle). */
export function flapPressure(m: AwsState, t: number): number {
  return hcFailShare(m) * Math.min(3, newNodes(m, t) / 0.5);
}

/** Node capacity automatic AZ failover takes out of service for the flapping it sees (§3.3). */
export function capacityOutTarget(m: AwsState, t: number): number {
  if (!m.autoFailover) return 0;
  return Math.min(0.85, flapPressure(m, t) * (0.3 + 0.45 * m.hcDegradation));
}

/** Share of new connections to NLBs in the region that fail: the load the remaining capacity cannot carry, on the load balancers hit. */
export function nlbErrorShare(m: AwsState): number {
  return 0.2 * clamp01((m.capacityOut - NLB_HEADROOM) / (1 - NLB_HEADROOM));
}

/** Share of all launch requests that fail, any code (ICE, throttled, other). */
export function launchErrorShare(m: AwsState, t: number): number {
  return 1 - (1 - throttledShare(m, t)) * (1 - iceShare(m, t)) * (1 - 0.002);
}

/** DWFM's queued work (shares of the fleet). */
export const dwfmQueue = (m: AwsState): number => m.leaseQueue + m.launchQueue;

/** A share as the tools print it: "12.3%" (two decimals under 1%). */
export const pct = (x: number): string => `${(100 * x).toFixed(Math.abs(x) < 0.01 && x !== 0 ? 2 : 1)}%`;
