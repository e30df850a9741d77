/**
 * The dynamics, in causal order: the DNS automation's race and the hand restore; DWFM's leases,
 * its queue and its congestive collapse; the throttle and its relaxation; Network Manager's
 * backlog; the NLB health checks and AZ failover; the services that depend on all of it. Then the
 * pages and reports the world produces by itself. Returns a shallow copy.
 */
import type { StepContext } from '../../server/engine/index.ts';
import {
  COLLAPSE_AT, DWFM_CAPACITY, LAUNCH_WORK, NM_HELD_PER_MIN, NM_RELEASE_RATE, NM_WORK_PER_LAUNCH, PENDING_MAX_RATE, PENDING_RETURN_MIN,
  PENDING_SHARE, RACE_AT, READMIT_RATE, REDSHIFT_REPLACE_AFTER, RELAX_FULL_CAP, RELAX_STEP, RELAX_STEP_MIN, RESTORE_SLOW_FACTOR,
  RESTORE_WORK_MIN, STS_NLB_AT, HISTORY_EVERY, clamp01, copyState, type AwsState,
} from './model-state.ts';
import {
  admitted, capacityOutTarget, dwfmQueue, flapPressure, iceShare, internalDdbOk, launchErrorShare, nlbErrorShare, propagationSeconds,
  recordEmpty, throttledShare, unreachableShare,
} from './derive.ts';
import { updatePages } from './pages.ts';
import { sayReports } from './reports.ts';

/** Exponential approach of `x` to `target` over `dtMin` minutes with time constant `tauMin`. */
const approach = (x: number, target: number, dtMin: number, tauMin: number) => target + (x - target) * Math.exp(-dtMin / tauMin);

export function step(prev: AwsState, ctx: StepContext): AwsState {
  const { t, dt } = ctx;
  const dtMin = dt / 60;
  const m = copyState(prev);

  // §3.1: the race fires at 06:48 unless the automation was frozen before it.
  if (m.raceAt === null && t >= RACE_AT && (m.frozenAt === null || m.frozenAt > RACE_AT)) m.raceAt = RACE_AT;
  // §4 08:15–09:25: the hand restore, slower without the repaired tooling.
  if (m.restoreWork !== null && m.restoredAt === null) {
    m.restoreWork += dtMin * (internalDdbOk(m, t) ? 1 : RESTORE_SLOW_FACTOR);
    if (m.restoreWork >= RESTORE_WORK_MIN) m.restoredAt = t;
  }

  stepDwfm(m, t, dtMin);
  stepThrottle(m, t);
  stepNetwork(m, t, dtMin);
  stepDependents(m, t, dtMin);

  updatePages(m, ctx);
  sayReports(m, ctx);
  if (t % HISTORY_EVERY === 0) {
    m.history = [...m.history, [t, m.leased, dwfmQueue(m), m.collapsed ? 1 : 0, m.nmQueue, m.capacityOut, flapPressure(m, t), m.throttleCap ?? 0, m.sqsBacklog]];
  }
  return m;
}

/** §3.2: leases lapse while DynamoDB is unreachable; the whole fleet re-leases at once when it is back. */
function stepDwfm(m: AwsState, t: number, dtMin: number): void {
  const reach = !recordEmpty(m, t);
  // State checks fail without DynamoDB, and time out in a collapsed queue: leases lapse.
  if (!reach || m.collapsed) m.leased = Math.max(0, m.leased - dtMin / m.lapseMin);
  if (reach) {
    const unqueued = 1 + (m.reserveAdded ? 0.04 : 0) - m.leased - m.leaseQueue - m.readmit;
    // Every droplet without a lease at once, unless a selective restart is admitting them host by host.
    if (unqueued > 1e-9) {
      if (m.readmit > 0) m.readmit += unqueued;
      else m.leaseQueue += unqueued;
    }
    const admit = Math.min(m.readmit, READMIT_RATE * dtMin);
    m.readmit -= admit;
    m.leaseQueue += admit;
  }
  m.launchQueue += admitted(m, t) * m.leased * LAUNCH_WORK * dtMin;
  const queued = dwfmQueue(m);
  if (!m.collapsed && queued > COLLAPSE_AT) m.collapsed = true;
  // Collapsed: work outlasts its timeout and is re-queued, no forward progress (PES).
  const goodput = m.collapsed || queued <= 0 ? 0 : Math.min(queued, DWFM_CAPACITY * dtMin);
  if (goodput > 0) {
    const leaseDone = reach ? goodput * (m.leaseQueue / queued) : 0;
    m.leaseQueue -= leaseDone;
    m.launchQueue = Math.max(0, m.launchQueue - (goodput - leaseDone));
    m.leased = Math.min(1, m.leased + leaseDone);
  }
}

/** Stepwise relaxation raises the cap while DWFM and Network Manager keep up (§4 18:23 → 20:50). */
function stepThrottle(m: AwsState, t: number): void {
  if (m.relaxLastStep === null || m.throttleCap === null) return;
  if (t - m.relaxLastStep < RELAX_STEP_MIN * 60) return;
  if (dwfmQueue(m) > COLLAPSE_AT / 2 || propagationSeconds(m) > 60) return;
  m.throttleCap += RELAX_STEP;
  m.relaxLastStep = t;
  if (m.throttleCap >= RELAX_FULL_CAP) {
    m.throttleCap = null;
    m.relaxLastStep = null;
  }
}

/** Launch demand that failed waits; Network Manager's backlog; the NLB health checks on what it has not propagated yet. */
function stepNetwork(m: AwsState, t: number, dtMin: number): void {
  const ice = iceShare(m, t);
  const throttled = throttledShare(m, t);
  const success = (1 - throttled) * (1 - ice);
  const pendingBack = Math.min(PENDING_MAX_RATE, m.pending / PENDING_RETURN_MIN) * (1 - ice);
  m.pending = Math.max(0, m.pending + (PENDING_SHARE * (1 - success) - pendingBack * (1 - throttled)) * dtMin);
  m.failSeen = approach(m.failSeen, 1 - success, dtMin, 10);

  // §3.2: network changes wait while DWFM is impaired, then come all together.
  const dwfmHealthy = !recordEmpty(m, t) && !m.collapsed && m.leased >= 0.99;
  if (!dwfmHealthy && m.raceAt !== null) m.nmHeld += NM_HELD_PER_MIN * dtMin;
  if (dwfmHealthy && m.nmHeld > 0) {
    const release = Math.min(m.nmHeld, NM_RELEASE_RATE * m.nmSpeed * dtMin);
    m.nmHeld -= release;
    m.nmQueue += release;
  }
  m.nmQueue += admitted(m, t) * (1 - ice) * NM_WORK_PER_LAUNCH * dtMin;
  m.nmQueue = Math.max(0, m.nmQueue - m.nmSpeed * dtMin);

  // §3.3: flapping loads the health-check subsystem, which degrades; AZ failover takes capacity out.
  const pressure = flapPressure(m, t);
  m.hcDegradation = clamp01(m.hcDegradation + (pressure / 362 - (pressure < 0.2 ? m.hcDegradation / 15 : 0)) * dtMin);
  const target = capacityOutTarget(m, t);
  // Failed-away AZs come back slowly while the failover stays on (checks must pass again), at once when it is off.
  m.capacityOut = approach(m.capacityOut, target, dtMin, target > m.capacityOut || !m.autoFailover ? 1 : 10);
  m.replacements = approach(m.replacements, 0, dtMin, 20);
  m.stsNlb = approach(m.stsNlb, m.capacityOut > STS_NLB_AT ? 1 : 0, dtMin, m.capacityOut > STS_NLB_AT ? 3 : 8);
}

/** Lambda's SQS poller and capacity, container tasks, Redshift host replacements. */
function stepDependents(m: AwsState, t: number, dtMin: number): void {
  // §1 09:24: the poller failed while DynamoDB was unreachable and does not recover by itself.
  if (!m.pollerFailed && m.raceAt !== null && t >= m.raceAt + 180 && !internalDdbOk(m, t)) m.pollerFailed = true;
  m.sqsBacklog = m.pollerFailed ? m.sqsBacklog + dtMin : Math.max(0, m.sqsBacklog - 3.65 * dtMin);
  // §1 17:03, 18:27: Lambda's capacity runs short while NLB trouble and launch throttling last; back once launches are let in.
  const relaxing = m.throttleCap === null || m.relaxLastStep !== null;
  if (nlbErrorShare(m) > 0.01 && throttledShare(m, t) > 0.3) m.lambdaShort = Math.min(0.3, m.lambdaShort + 0.004 * dtMin);
  else if (relaxing) m.lambdaShort = approach(m.lambdaShort, 0, dtMin, 2);
  // §2: container tasks need new instances; their backlog drains once launches are normal.
  const e = Math.max(launchErrorShare(m, t), unreachableShare(m));
  m.ecsBacklog = Math.min(100, Math.max(0, m.ecsBacklog + (40 * e - 3.4 * (1 - e)) * dtMin));
  // §1 13:45: Redshift host replacements block on EC2 launches and leave clusters "modifying".
  if (m.raceAt !== null && t >= m.raceAt + REDSHIFT_REPLACE_AFTER && launchErrorShare(m, t) > 0.2) m.redshiftStuck = Math.min(140, m.redshiftStuck + 1.2 * dtMin);
}
