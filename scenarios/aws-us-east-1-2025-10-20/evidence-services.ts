/**
 * Evidence from Lambda and from the load balancers: the event-source pollers, NLB connection errors
 * and target health, and the health-check subsystem's history.
 */
import { formatClock, type EvidenceBody } from '../../server/engine/index.ts';
import { HISTORY_FIELDS, type AwsState } from './model-state.ts';
import { flapPressure, hcFailShare, internalDdbOk, newNodes, nlbErrorShare, propagationSeconds, pct } from './derive.ts';

const col = (name: (typeof HISTORY_FIELDS)[number]) => HISTORY_FIELDS.indexOf(name);

/** Lambda's front end and event-source mappings. */
export function lambdaHealth(m: AwsState, t: number): EvidenceBody {
  const pollers = m.pollerFailed ? 0 : 1420;
  const rows: (string | number)[][] = [
    ['API (Invoke, CreateFunction…)', internalDdbOk(m, t) ? 'OK' : 'errors: dependency unavailable'],
    ['SQS pollers active', `${pollers} / 1420${m.pollerFailed ? ' (heartbeats missing; none restarted)' : ''}`],
    ['SQS event-source backlog', `${(0.05 * m.sqsBacklog).toFixed(1)}M messages`],
    ['Kinesis and DynamoDB Streams pollers', internalDdbOk(m, t) ? 'OK' : 'lagging'],
    ['Worker capacity', m.lambdaShort > 0.05 ? `short by ${Math.round(100 * m.lambdaShort)}% (scale-out launches refused)` : 'OK'],
  ];
  return {
    summary: `Lambda: SQS pollers ${pollers}/1420 active, backlog ${(0.05 * m.sqsBacklog).toFixed(1)}M messages; API ${internalDdbOk(m, t) ? 'OK' : 'failing'}`,
    detail: 'Lambda front end and the event-source mapping fleet (the pollers that read SQS queues and streams and invoke functions).',
    table: { columns: ['part', 'state'], rows },
    ...(m.pollerFailed ? { leads: ['component_lambda_sqs_poller'], shows: ['sqs_pollers_down'] } : {}),
  };
}

/** A sample of NLBs: connection errors, healthy host counts, AZ failovers by the health checks. */
export function nlbOverview(m: AwsState, t: number): EvidenceBody {
  const err = nlbErrorShare(m);
  const out = m.capacityOut;
  const rows = ['net/api-gw-ext/7f3a', 'net/sts-fe/19c2', 'net/lambda-int/a04d', 'net/cust-9921/55e0', 'net/cust-1874/0b7c'].map((lb, i) => {
    const hit = out * (1 + (i - 2) * 0.15);
    return [lb, pct(Math.max(0, (hit - 0.15) / 0.85) * 0.5), `${Math.round(100 - 100 * Math.min(0.95, hit))}%`, out > 0.05 ? `${1 + ((i * 3 + Math.floor(t / 600)) % 4)} AZ removed / restored` : 'none', '100% (direct probe)'];
  });
  const failing = out > 0.05 || flapPressure(m, t) > 0.1;
  return {
    summary: `NLB new-connection errors ${pct(err)}; ${pct(out)} of node capacity out of service after health-check DNS failover; targets healthy on direct probes`,
    detail: 'A sample of Network Load Balancers in us-east-1 over the last 15 minutes: failed new connections, share of nodes in service, AZ failovers made by the health-check subsystem, and the same targets probed directly from a bastion.',
    table: { columns: ['load balancer', 'failed connections', 'nodes in service', 'AZ failover events', 'targets on direct probe'], rows },
    ...(failing ? { leads: ['component_nlb_health_checks'] } : {}),
  };
}

/** The health-check subsystem's history: state changes, failovers, and what failing new nodes report. */
export function nlbHealthHistory(m: AwsState, t: number): EvidenceBody {
  const lat = propagationSeconds(m);
  const rows = m.history.filter((r) => r[0]! >= t - 3600 && r[0]! <= t).map((r) => [
    formatClock(r[col('t')]!), Math.round(30 + 2000 * r[col('flapPressure')]!), pct(r[col('capacityOut')]!),
  ]);
  const flapping = hcFailShare(m) > 0.1 && newNodes(m, t) > 0.05;
  return {
    summary: `Health checks: ${Math.round(30 + 2000 * flapPressure(m, t))} state changes/min; new nodes failing ${pct(hcFailShare(m))} of first checks; automatic failover ${m.autoFailover ? 'on' : 'off'}; ${pct(m.capacityOut)} of capacity failed away`,
    detail: `NLB health-check subsystem over the last hour: health-state changes per minute, capacity removed by AZ DNS failover. New nodes failing checks log "no network configuration for ENI yet" (network state propagation p50 now ${Math.round(lat)} s); the same nodes pass a few minutes later and flip back into service. Automatic failover is ${m.autoFailover ? 'enabled' : 'disabled'}.`,
    table: { columns: ['time', 'state changes/min', 'capacity failed away'], rows },
    ...(flapping ? { leads: ['component_network_manager'], shows: ['nlb_checks_fail_unpropagated'] } : {}),
  };
}
