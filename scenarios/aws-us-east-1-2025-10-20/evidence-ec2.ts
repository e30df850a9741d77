/**
 * Evidence from EC2: launch failures by code and reason, physical capacity, DWFM's queues and
 * leases, Network Manager's backlog. Tables over the window each tool covers (the history rows).
 */
import { formatClock, type EvidenceBody } from '../../server/engine/index.ts';
import { COLLAPSE_AT, HISTORY_FIELDS, type AwsState } from './model-state.ts';
import {
  dwfmQueue, iceShare, launchErrorShare, propagationSeconds, recordEmpty, throttledShare, unreachableShare, pct,
} from './derive.ts';

const AZS = ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6'] as const;
/** Assumption (§7 not published): droplets per AZ, in thousands. */
const DROPLETS_K = [112, 104, 88, 120, 96, 80] as const;
const col = (name: (typeof HISTORY_FIELDS)[number]) => HISTORY_FIELDS.indexOf(name);

/** History rows (every five minutes) in [from, to]. */
function historyIn(m: AwsState, from: number, to: number): number[][] {
  return m.history.filter((r) => r[0]! >= from && r[0]! <= to);
}

/** RunInstances failures of the last 30 minutes by error code, and the placement service's reasons. */
export function ec2LaunchErrors(m: AwsState, t: number): EvidenceBody {
  const ice = iceShare(m, t);
  const throttled = throttledShare(m, t);
  const unreachable = unreachableShare(m);
  const admittedIce = (1 - throttled) * ice;
  const rows: (string | number)[][] = [
    ['InsufficientInstanceCapacity', pct(admittedIce), ice > 0.01 ? (m.collapsed ? 'launch workflow timed out waiting in the DWFM queue' : 'no candidate droplet with an active DWFM lease in the pool') : '–'],
    ['RequestLimitExceeded', pct(throttled), throttled > 0 ? `operator throttle on incoming work (rule incoming-work-limit, since ${formatClock(m.throttledAt ?? t)})` : '–'],
    ['InternalError', '0.2%', 'transient'],
    ['success: instance running, network configuration pending > 2 min', pct((1 - launchErrorShare(m, t)) * unreachable), unreachable > 0.01 ? `Network Manager has not propagated the instance's network state (p50 ${Math.round(propagationSeconds(m))} s)` : '–'],
  ];
  const leads = [...(ice > 0.05 ? ['component_dwfm'] : []), ...(unreachable > 0.02 ? ['component_network_manager'] : [])];
  const shows = [...(ice > 0.05 && !m.collapsed ? ['unleased_droplets_idle'] : []), ...(m.collapsed ? ['lease_work_timing_out'] : []), ...(unreachable > 0.02 ? ['propagation_backlog'] : [])];
  return {
    summary: `RunInstances over the last 30 minutes: ${pct(launchErrorShare(m, t))} failed (capacity ${pct(admittedIce)}, throttled ${pct(throttled)}); ${pct(unreachable)} of new instances without network after 2 min`,
    detail: 'EC2 RunInstances outcomes by error code over the last 30 minutes, with the placement and launch-workflow reason logged for each failure. Existing instances are not counted.',
    table: { columns: ['outcome', 'share of requests', 'reason logged'], rows },
    leads,
    shows,
  };
}

/** Physical capacity by AZ: healthy droplets, with a lease, free for launches (§6: "insufficient capacity" is not a shortage). */
export function capacityReport(m: AwsState): EvidenceBody {
  const rows = AZS.map((az, i) => {
    const total = DROPLETS_K[i]!;
    const leased = Math.round(total * Math.min(1, m.leased * (1 + (i - 2.5) * 0.01)));
    return [az, `${total}k`, `${Math.round(total * 0.993)}k`, `${leased}k`, `${Math.round(total * 0.21)}k`];
  });
  const unleased = m.leased < 0.95;
  return {
    summary: `${DROPLETS_K.reduce((a, b) => a + b, 0)}k droplets, 99.3% healthy; ${pct(m.leased)} with an active DWFM lease; about 21% of slots free`,
    detail: 'EC2 physical hosts (droplets) per AZ from the fleet inventory: hardware health, whether DWFM holds a lease on them (placement only uses leased droplets), and free instance slots.',
    table: { columns: ['AZ', 'droplets', 'healthy', 'with active lease', 'free slots'], rows },
    ...(unleased ? { leads: ['component_dwfm'], shows: ['unleased_droplets_idle'] } : {}),
  };
}

/** DWFM's queues, lease work and lease ages, and their last hour. */
export function dwfmStatus(m: AwsState, t: number): EvidenceBody {
  const reach = !recordEmpty(m, t);
  const queue = dwfmQueue(m);
  const attempts = Math.round(600 * (queue > 0 ? 1 / 60 : 0.2 / 60) * 60);
  const timeouts = m.collapsed ? Math.round(attempts * 0.97) : queue > COLLAPSE_AT * 0.6 ? Math.round(attempts * 0.2) : 0;
  const rows = historyIn(m, t - 3600, t).map((r) => [formatClock(r[col('t')]!), `${Math.round(600 * r[col('dwfmQueue')]!)}k`, pct(r[col('leased')]!), r[col('collapsed')] ? 'yes' : 'no']);
  const stateCheck = reach ? (m.collapsed ? 'state checks time out in the queue' : 'state checks OK') : 'state checks failing: UnknownEndpoint dynamodb.us-east-1.amazonaws.com';
  const shows = [...(m.collapsed ? ['lease_work_timing_out'] : []), ...(!reach && m.leased < 0.99 ? ['leases_lapsing_without_ddb'] : [])];
  return {
    summary: `DWFM: ${Math.round(600 * queue)}k work items queued; ${pct(m.leased)} of droplets leased; lease attempts ${attempts}k/min, timed out and re-queued ${timeouts}k/min; ${stateCheck}`,
    detail: `DropletWorkflow Manager hosts in every AZ: queued work (lease establishment and launch workflows), lease attempts and timeouts per minute, and the share of droplets with an active lease. ${stateCheck}. Table: the last hour, every five minutes.`,
    table: { columns: ['time', 'queued work', 'droplets leased', 'timeouts ≈ attempts'], rows },
    shows,
  };
}

/** Network Manager: its change queue, propagation times, and its last hour. */
export function networkManagerStatus(m: AwsState, t: number): EvidenceBody {
  const lat = propagationSeconds(m);
  const rows = historyIn(m, t - 3600, t).map((r) => [formatClock(r[col('t')]!), `${Math.round(5 * r[col('nmQueue')]!)}k`, `${Math.round(8 + 3.67 * r[col('nmQueue')]! / m.nmSpeed)} s`]);
  return {
    summary: `Network Manager: ${Math.round(5 * m.nmQueue)}k changes queued, ${Math.round(5 * m.nmHeld)}k waiting on DWFM; propagation p50 ${Math.round(lat)} s`,
    detail: 'Network Manager propagates network state (VPC mappings, routes, security groups) to instances and network appliances. Queue of changes to push, changes still waiting for their instance\'s launch workflow, and the time a new change takes to arrive. Table: the last hour, every five minutes.',
    table: { columns: ['time', 'changes queued', 'propagation p50'], rows },
    ...(lat > 30 ? { shows: ['propagation_backlog'] } : {}),
  };
}
