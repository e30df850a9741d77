/**
 * The dashboards an AWS operator watches, computed from state with sample noise. Symptoms only:
 * error rates by service and code, DNS probe answers, queues and latencies, pages. §5.
 */
import type { ModelContext } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import {
  cachedEmpty, connectionChurn, ddbFailShare, dwfmQueue, flapPressure, iceShare, internalDdbOk, launchErrorShare, nlbErrorShare,
  propagationSeconds, recordEmpty, throttledShare, unreachableShare,
} from './derive.ts';
import { openPages } from './pages.ts';

/** Assumption (§7 "not published"): the region's droplets, for the DWFM queue's scale (thousands of work items). */
const FLEET_K = 600;

export function signals(m: AwsState, { t, rng }: ModelContext): Record<string, number> {
  const n = (sd: number) => rng.normal(0, sd);
  const pos = (v: number) => (v < 0 ? 0 : v);
  const churn = connectionChurn(m, t);
  const empty = recordEmpty(m, t);
  const ddb = ddbFailShare(m, t);
  const nlb = nlbErrorShare(m);
  const throttled = throttledShare(m, t);
  const sinceRace = m.raceAt === null ? -Infinity : (t - m.raceAt) / 60;
  const lambdaDdb = empty ? churn * (internalDdbOk(m, t) ? 0.15 : 1) : 0;
  // Detours: a fleet restart drops connections while it runs; tightened edge limits refuse some retries for a while.
  const restarting = (service: string) => ((m.restartUntil[service] ?? 0) > t ? 1 : 0);
  const shield = m.shieldAt !== null && t >= m.shieldAt && t < m.shieldAt + 90 * 60 ? 1 : 0;
  return {
    dynamodb_error_pct: pos(0.03 + 92 * ddb * (1 + n(0.01)) + 3 * restarting('dynamodb_frontend') + 0.6 * shield + n(0.01)),
    dns_empty_authoritative_pct: empty ? 100 : 0,
    dns_empty_resolver_pct: pos(100 * cachedEmpty(m, t) + (cachedEmpty(m, t) > 0 && cachedEmpty(m, t) < 1 ? n(0.5) : 0)),
    ec2_launch_error_pct: pos(100 * launchErrorShare(m, t) + n(0.08)),
    ec2_ice_pct: pos(100 * iceShare(m, t) * (1 - throttled) + 0.1 + n(0.05)),
    ec2_throttled_pct: pos(100 * throttled + (throttled > 0 ? n(0.4) : 0)),
    ec2_unreachable_pct: pos(100 * unreachableShare(m) + n(0.1)),
    propagation_p50_ms: pos(1000 * propagationSeconds(m) * (1 + n(0.02))),
    dwfm_leased_pct: Math.min(100, pos(100 * m.leased + n(0.02))),
    dwfm_queue_depth: pos(FLEET_K * dwfmQueue(m) + 2 + n(0.5)),
    nm_backlog: pos(5 * m.nmQueue + 0.2 + n(0.05)),
    nlb_error_pct: pos(100 * nlb + 0.01 + n(0.005)),
    nlb_hc_flaps: pos(30 + 2000 * flapPressure(m, t) * (1 + m.hcDegradation) + n(4)),
    nlb_capacity_out_pct: pos(100 * m.capacityOut + n(0.05)),
    lambda_error_pct: pos(0.1 + 45 * lambdaDdb + 40 * nlb + 25 * m.lambdaShort + 4 * restarting('lambda_frontend') + n(0.03)),
    lambda_sqs_backlog_m: pos(0.05 * m.sqsBacklog + n(0.01)),
    sts_error_pct: pos(0.05 + 70 * churn * (internalDdbOk(m, t, 240) ? 0 : 1) + 35 * m.stsNlb + 5 * restarting('sts_frontend') + n(0.02)),
    signin_failure_pct: pos(0.2 + 85 * churn * (internalDdbOk(m, t, 600) ? 0 : 1) + n(0.05)),
    container_task_failure_pct: pos(Math.min(100, m.ecsBacklog) + 0.3 + n(0.1)),
    connect_error_pct: pos(0.2 + (sinceRace >= 32 ? 30 * ddb : 0) + 80 * nlb + 12 * throttled + n(0.05)),
    redshift_modifying: Math.round(pos(3 + m.redshiftStuck + n(0.6))),
    support_case_error_pct: pos(0.3 + (sinceRace >= 63 && ddb > 0.05 ? 85 : 0) + n(0.1)),
    open_pages: openPages(m),
  };
}
