/**
 * What the team's changes do, through the model (§4): each has a delay (scenario.json), an effect on
 * state and side effects; a change that finds nothing to change says so (`changed: false`).
 */
import { formatClock, type ActResult, type ModelContext, type ParamValues } from '../../server/engine/index.ts';
import {
  RACE_AT, RELAX_STEP, RESTORE_SLOW_FACTOR, RESTORE_WORK_MIN, THROTTLE_CAP, copyState, withState, type AwsState,
} from './model-state.ts';
import { flapPressure, internalDdbOk, recordEmpty } from './derive.ts';

type Result = ActResult<AwsState>;

const ADVICE_FIELD = { flush_dns_caches: 'flushAdviceAt', launch_without_az: 'azAdviceAt', retry_with_backoff: 'backoffAdviceAt' } as const;
const ADVICE_TEXT: Record<keyof typeof ADVICE_FIELD, string> = {
  flush_dns_caches: 'Customers told to flush DNS caches (resolvers and long-running processes).',
  launch_without_az: 'Customers told to launch without targeting a specific Availability Zone and to spread Auto Scaling groups across AZs.',
  retry_with_backoff: 'Customers told to retry failed requests with exponential backoff rather than tight loops.',
};

const CHANGE_LABEL: Record<string, string> = {
  change_planner_weights: 'the DNS Planner weighting change for the new load-balancer fleet',
  change_route53_hc: 'the Route 53 health-checker fleet deployment',
  change_nlb_hc_release: 'the NLB health-check subsystem release',
  change_network_manager: 'the Network Manager fleet deployment in use1-az2',
  change_dwfm_interval: 'the DWFM state-check interval change',
  change_ddb_storage_patch: 'the DynamoDB storage-node OS patching in use1-az4',
  change_iam_authz: 'the IAM authorization service deployment',
  change_lambda_poller: 'the Lambda event-source poller fleet deployment',
};

const RESTART_LABEL: Record<string, string> = { dynamodb_frontend: 'DynamoDB request routers', sts_frontend: 'STS front ends', lambda_frontend: 'Lambda front ends' };

const noChange = (m: AwsState, outcome: string): Result => ({ model: m, outcome, changed: false });

export function act(m: AwsState, action: { id: string; params: ParamValues }, { t }: ModelContext): Result {
  const p = action.params;
  switch (action.id) {
    case 'post_health_dashboard': {
      // What the post claims (state, services) is judged by the debrief against the signals; the model only keeps it.
      const message = String(p.message ?? '');
      const state = String(p.state ?? 'investigating');
      return { model: withState(m, { hdPosts: [...m.hdPosts, { at: t, message }] }), outcome: `AWS Health Dashboard updated (${state[0]!.toUpperCase()}${state.slice(1)}): ${message}` };
    }
    case 'advise_customers': {
      const advice = String(p.advice) as keyof typeof ADVICE_FIELD;
      const field = ADVICE_FIELD[advice];
      if (!field) return noChange(m, `No effect: unknown advice ${advice}.`);
      if (m[field] !== null) return noChange(m, 'That advice was already given.');
      const next = copyState(m);
      next[field] = t;
      return { model: next, outcome: `${ADVICE_TEXT[advice]} Account teams relay it to the largest customers.` };
    }
    case 'repair_recovery_tooling':
      if (!recordEmpty(m, t)) return noChange(m, 'The recovery tooling runs: the regional endpoint resolves, nothing to bypass.');
      if (m.toolingAt !== null) return noChange(m, 'The temporary internal endpoint is already up.');
      return { model: withState(m, { toolingAt: t }), outcome: 'Temporary internal DynamoDB endpoint up; internal services (STS, IAM sign-in, the recovery tooling) are being pointed at it. The recovery tooling no longer goes through the Enactors.' };
    case 'restore_dns_by_hand': {
      if (m.raceAt === null || m.restoredAt !== null) return noChange(m, 'The regional record resolves: nothing to restore.');
      if (m.restoreWork !== null) return noChange(m, 'A hand restore of the record tree is already in progress.');
      const fast = internalDdbOk(m, t);
      const minutes = Math.round(RESTORE_WORK_MIN / (fast ? 1 : RESTORE_SLOW_FACTOR));
      return {
        model: withState(m, { restoreWork: 0 }),
        outcome: fast
          ? `Rebuilding a healthy record tree from the newest plan with the repaired tooling, then pointing the endpoint's alias and rollback record at it: about ${minutes} minutes for hundreds of thousands of records.`
          : `Rebuilding the record tree by hand: the recovery tooling fails (it runs through the Enactors), so each change batch is written and checked by hand against UUID-named records. About ${minutes} minutes.`,
      };
    }
    case 'freeze_dns_automation':
      if (m.frozenAt !== null) return noChange(m, 'The DNS automation is already frozen.');
      return { model: withState(m, { frozenAt: t }), outcome: `DNS Planner and Enactors disabled in every region at ${formatClock(t)}. DNS plans no longer follow load-balancer capacity changes until the automation is re-enabled.` };
    case 'throttle_ec2_work':
      if (m.throttleCap !== null) return noChange(m, 'Incoming EC2 work is already throttled.');
      return { model: withState(m, { throttleCap: THROTTLE_CAP, throttledAt: t, relaxLastStep: null }), outcome: `Incoming EC2 work throttled to ${THROTTLE_CAP * 100}% of the normal launch rate; requests over the limit get "Request limit exceeded".` };
    case 'restart_dwfm_hosts':
      return restartDwfm(m, String(p.scope), t);
    case 'relax_ec2_throttles': {
      if (m.throttleCap === null) return noChange(m, 'No throttle on incoming EC2 work to relax.');
      if (p.pace === 'all_at_once') return { model: withState(m, { throttleCap: null, relaxLastStep: null }), outcome: 'EC2 throttles removed: every waiting launch request is admitted.' };
      if (m.relaxLastStep !== null) return noChange(m, 'The throttles are already being relaxed step by step.');
      return { model: withState(m, { throttleCap: m.throttleCap + RELAX_STEP, relaxLastStep: t }), outcome: 'EC2 throttles raised one step; the next step follows when DWFM queues and propagation times stay healthy.' };
    }
    case 'disable_nlb_auto_failover':
      if (!m.autoFailover) return noChange(m, 'Automatic health-check failover is already disabled.');
      return { model: withState(m, { autoFailover: false }), outcome: 'Automatic health-check DNS failover disabled for NLB: nodes and targets removed by failover return to service; health checks keep reporting but no longer remove capacity.' };
    case 'enable_nlb_auto_failover':
      if (m.autoFailover) return noChange(m, 'Automatic health-check failover is on.');
      return { model: withState(m, { autoFailover: true }), outcome: 'Automatic health-check DNS failover re-enabled for NLB.' };
    case 'restore_lambda_sqs_poller':
      if (!m.pollerFailed) return noChange(m, 'The SQS pollers are running.');
      if (!internalDdbOk(m, t)) return noChange(m, 'SQS pollers restarted; they fail again at start-up: their state store (DynamoDB) is unreachable.');
      return { model: withState(m, { pollerFailed: false, pollerRestoredAt: t }), outcome: 'SQS pollers restored by hand; event-source mappings resume and start working through the queued messages.' };
    case 'rollback_change':
      return rollback(m, String(p.change), t);
    case 'enable_ddos_protection':
      if (m.shieldAt !== null) return noChange(m, 'Edge protections are already tightened.');
      return { model: withState(m, { shieldAt: t }), outcome: 'Edge DDoS protections tightened on the regional API endpoints: stricter per-source rate limits. The response team sees no attack signature.' };
    case 'add_ec2_capacity':
      if (m.reserveAdded) return noChange(m, 'The reserve hosts are already in the launch pools.');
      return { model: withState(m, { reserveAdded: true }), outcome: 'Reserve hosts added to the us-east-1 launch pools (about 4% more droplets). Each needs a DWFM lease before it can take a launch.' };
    case 'raise_account_limits':
      return { model: m, outcome: 'EC2 API rate limits raised for the 1,240 accounts that asked. Their refused requests were not refused by account limits.' };
    case 'replace_unhealthy_targets': {
      const flapping = flapPressure(m, t) > 0.1;
      return {
        model: withState(m, { replacements: m.replacements + 0.6 }),
        outcome: flapping
          ? 'Replacement instances launched for NLB targets marked unhealthy; the new instances join while their network state is still propagating.'
          : 'Replacement instances launched for NLB targets marked unhealthy.',
      };
    }
    case 'restart_service_fleet': {
      const service = String(p.service);
      // This small map keeps its spread: its keys' order (which fleets, in which order) is part of the pinned state.
      return {
        model: withState(m, { restartUntil: { ...m.restartUntil, [service]: t + 20 * 60 } }),
        outcome: `Rolling restart of the ${RESTART_LABEL[service] ?? service} started (about 20 minutes); each host drops its connections as it restarts.`,
      };
    }
    default:
      return noChange(m, `No effect: unknown action ${action.id}.`);
  }
}

/** §3.2: selective restarts clear queues host by host; all at once, the whole fleet re-leases together. */
function restartDwfm(m: AwsState, scope: string, t: number): Result {
  const cleared = { leaseQueue: 0, launchQueue: 0, collapsed: false };
  if (recordEmpty(m, t)) {
    return { model: withState(m, { ...cleared, readmit: 0 }), outcome: 'DWFM hosts restarted; their droplet state checks still fail: the DynamoDB endpoint does not resolve.' };
  }
  const unleased = Math.max(0, 1 + (m.reserveAdded ? 0.04 : 0) - m.leased);
  if (scope === 'all_at_once') {
    return { model: withState(m, { ...cleared, readmit: 0, leaseQueue: unleased }), outcome: `Every DWFM host restarted at once with an empty queue; all of them start re-establishing leases with their droplets together (${Math.round(unleased * 100)}% of the fleet without a lease).` };
  }
  return { model: withState(m, { ...cleared, readmit: unleased }), outcome: `Restarting DWFM hosts a few at a time: each comes back with an empty queue and re-establishes leases for its droplets before the next one goes (${Math.round(unleased * 100)}% of the fleet without a lease).` };
}

function rollback(m: AwsState, change: string, t: number): Result {
  const label = CHANGE_LABEL[change] ?? change;
  if (change === 'change_planner_weights' && recordEmpty(m, t) && m.frozenAt === null) {
    return noChange(m, `The rollback of ${label} is a new DNS plan: the Enactors accept it from the Planner and fail to apply it to the regional endpoint, as every plan since ${formatClock(RACE_AT)}.`);
  }
  return { model: m, outcome: `Rolled back ${label}. The rollback completed without errors.` };
}
