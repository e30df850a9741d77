/**
 * Evidence from the incident tooling every on-call has: the pager's open alarms, API errors by
 * service, traffic and routing, the change log.
 */
import { formatClock, type EvidenceBody } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import {
  connectionChurn, ddbFailShare, iceShare, internalDdbOk, launchErrorShare, nlbErrorShare, recordEmpty, throttledShare, pct,
} from './derive.ts';
import { PAGE_GROUPS, openPages } from './pages.ts';
import { CHANGES } from './change-log.ts';

const hhmm = (t: number) => (t < 0 ? `${formatClock(t + 24 * 3600)} (19 Oct)` : formatClock(t));

/** The pager's open alarms, grouped by owning team and deduplicated (RI: about 15 minutes of sorting). */
export function triagePages(m: AwsState): EvidenceBody {
  const firing = PAGE_GROUPS.map((g, i) => ({ g, i })).filter(({ i }) => (m.pages & (1 << i)) !== 0);
  firing.sort((a, b) => b.g.count - a.g.count || (m.pageFirst[a.i]! - m.pageFirst[b.i]!));
  const rows = firing.map(({ g, i }) => [g.title.split(':')[0]!, g.count, g.severity, formatClock(m.pageFirst[i]!), g.alarms]);
  const precise = firing.some(({ g }) => g.key === 'page:ddb-dns');
  return {
    summary: firing.length === 0 ? 'No alarm group open.' : `${openPages(m)} alarms open in ${firing.length} groups; ${firing.filter(({ g }) => g.severity === 'critical').length} groups critical`,
    detail: 'Open pages grouped by owning team, duplicates removed, largest groups first. Each row lists the group\'s alarms as the pager shows them.',
    table: { columns: ['group', 'alarms', 'severity', 'first paged', 'alarms (as listed)'], rows },
    ...(precise ? { leads: ['component_dns_enactor'], shows: ['enactor_updates_failing'] } : {}),
  };
}

/** API error rates by service and their top error messages now (the last five minutes). */
export function apiErrorsByService(m: AwsState, t: number): EvidenceBody {
  const ddb = ddbFailShare(m, t);
  const internalDown = !internalDdbOk(m, t);
  const churn = connectionChurn(m, t);
  const rows: (string | number)[][] = [
    ['DynamoDB', pct(0.0003 + ddb * 0.92), ddb > 0.02 ? 'UnknownEndpoint: Inaccessible host: dynamodb.us-east-1.amazonaws.com (getaddrinfo ENOTFOUND)' : 'ProvisionedThroughputExceeded (normal level)'],
    ['STS', pct(internalDown ? 0.7 * churn : 0.0005), internalDown ? 'InternalFailure: dependency unavailable' : '–'],
    ['Console sign-in', pct(internalDown ? 0.85 * churn : 0.002), internalDown ? 'Authentication failed: service dependency error' : '–'],
    ['Lambda', pct(recordEmpty(m, t) ? 0.45 * churn * (internalDown ? 1 : 0.15) : 0.001 + 0.4 * nlbErrorShare(m)), recordEmpty(m, t) ? 'ServiceException: dependency error (CreateFunction, Invoke)' : nlbErrorShare(m) > 0.01 ? 'Invoke: connection reset by upstream' : '–'],
    ['EC2 RunInstances', pct(launchErrorShare(m, t)), throttledShare(m, t) > iceShare(m, t) ? 'RequestLimitExceeded: Request limit exceeded.' : iceShare(m, t) > 0.01 ? 'InsufficientInstanceCapacity: We currently do not have sufficient capacity in the Availability Zone you requested.' : '–'],
    ['NLB (new connections)', pct(nlbErrorShare(m)), nlbErrorShare(m) > 0.005 ? 'connection reset / timeout on a subset of load balancers' : '–'],
    ['S3', '0.01%', '–'],
    ['SQS', '0.02%', '–'],
  ];
  return {
    summary: `Error rates now: DynamoDB ${rows[0]![1]}, STS ${rows[1]![1]}, EC2 RunInstances ${rows[4]![1]}, NLB ${rows[5]![1]}`,
    detail: 'API error rates by service in us-east-1 over the last five minutes, with the most frequent error message of each (from service request logs).',
    table: { columns: ['service', 'error rate', 'top error'], rows },
  };
}

/** Traffic sources, attack classifiers and routing: nothing of an attack (§6; secondary: no routing anomaly). */
export function trafficAnalysis(m: AwsState, t: number): EvidenceBody {
  const retries = recordEmpty(m, t) ? 2.4 : launchErrorShare(m, t) > 0.2 ? 1.6 : 1.05;
  return {
    summary: `Request volume ×${retries.toFixed(1)} of last week, from the usual clients (SDK retries); no attack signature; BGP and peering stable`,
    detail: 'Compared with the same time last week: request volume by source ASN and country, share of SDK retry headers, attack classifiers of the edge protection service, BGP sessions and prefix announcements of the region.',
    table: {
      columns: ['check', 'now', 'last week'],
      rows: [
        ['requests/s to regional endpoints', `×${retries.toFixed(1)}`, '×1.0'],
        ['requests carrying SDK retry attempt ≥ 2', recordEmpty(m, t) ? '58%' : '9%', '3%'],
        ['top 10 source ASNs share', '61%', '60%'],
        ['attack classifier detections', '0', '0'],
        ['BGP sessions up / prefixes announced', '100% / all', '100% / all'],
      ],
    },
    shows: ['no_attack_signature'],
  };
}

/** The change log of the last 24 hours, as of now. */
export function changeLog(m: AwsState, t: number): EvidenceBody {
  const seen = CHANGES.filter((c) => c.at <= t && c.at >= t - 24 * 3600);
  const status = (at: number, runsMin: number) => (t < at + runsMin * 60 ? 'in progress' : 'completed');
  const rows: (string | number)[][] = seen.map((c) => [hhmm(c.at), c.team, c.system, c.text, status(c.at, c.runsMin)]);
  if (m.raceAt !== null && t >= m.raceAt + 32 * 60) rows.push([formatClock(m.raceAt + 32 * 60), 'Change management', 'policy', 'Change freeze for us-east-1 (incident): non-emergency changes paused', 'in force']);
  if (m.frozenAt !== null && m.frozenAt <= t) rows.push([formatClock(m.frozenAt), 'DynamoDB', 'automation control', 'DNS Planner and Enactors disabled in every region (emergency change)', 'completed']);
  return {
    summary: `${rows.length} changes in the last 24 hours across ${new Set(seen.map((c) => c.team)).size} teams; ${rows.filter((r) => r[4] === 'in progress').length} in progress`,
    detail: 'Change-management log for us-east-1 (deployments, configuration, capacity and network changes), newest last.',
    table: { columns: ['time', 'team', 'system', 'change', 'status'], rows },
    leads: seen.flatMap((c) => (c.lead ? [c.lead] : [])),
  };
}
