/**
 * The alarm storm (§1 "not timed (first minutes)", RI): within minutes of 06:48 hundreds of alarms
 * page across services, each owning team's alarms grouped as its pager groups them. One group holds
 * a single alarm that points straight at the cause; nothing marks it out. Pages are derived from
 * state (a group fires while its condition holds, resolves when it stops) and put on the feed as
 * the engine's model pages; `open_pages` counts the alarms firing.
 */
import type { StepContext } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import {
  ddbFailShare, flapPressure, iceShare, internalDdbOk, launchErrorShare, nlbErrorShare, propagationSeconds, recordEmpty, throttledShare,
} from './derive.ts';

interface Health {
  sinceRace: number;
  ddb: number;
  internalDown: boolean;
  stsDown: boolean;
  ice: number;
  launchErr: number;
  throttled: number;
  lat: number;
  nlb: number;
  flaps: number;
  poller: boolean;
  empty: boolean;
}

interface PageGroup {
  key: string;
  severity: 'critical' | 'warning' | 'info';
  /** Alarms in the group (what `open_pages` counts). */
  count: number;
  /** Minutes after the onset before the group first pages (the storm unfolds over a quarter of an hour). */
  delayMin: number;
  title: string;
  /** Alarm names as the pager lists them. */
  alarms: string;
  when: (h: Health) => boolean;
}

const ddbOut = (h: Health) => h.ddb > 0.05;
const internalOut = (h: Health) => h.internalDown;

/** Order is the bit order in `AwsState.pages`: append, never reorder (at most 30 groups). */
export const PAGE_GROUPS: readonly PageGroup[] = [
  { key: 'page:ddb-frontend', severity: 'critical', count: 41, delayMin: 1, title: 'dynamodb-use1-frontend: 41 alarms', alarms: 'RequestRouter.5xxRate (use1-az1…az6), GetItem.ErrorRate, PutItem.ErrorRate, Query.ErrorRate, SuccessfulRequestLatency.p99, ConnectionAcceptRate.low, TableCreate.Failures, and 34 more', when: ddbOut },
  { key: 'page:ddb-streams', severity: 'warning', count: 12, delayMin: 3, title: 'dynamodb-use1-streams: 12 alarms', alarms: 'GetRecords.IteratorAge, ShardConsumer.Lag, KinesisAdapter.Errors, and 9 more', when: ddbOut },
  { key: 'page:ddb-global-tables', severity: 'warning', count: 9, delayMin: 6, title: 'dynamodb-global-tables: 9 alarms', alarms: 'ReplicationLatency us-east-1→us-west-2, ReplicationLatency us-east-1→eu-west-1, PendingReplicationCount, and 6 more', when: ddbOut },
  { key: 'page:ddb-dns', severity: 'warning', count: 1, delayMin: 2, title: 'ddb-dns-automation-use1: 1 alarm', alarms: 'EnactorPlanApplyFailure >= 1 for 3 of 3 datapoints (endpoint: dynamodb.us-east-1.amazonaws.com)', when: (h) => h.empty },
  { key: 'page:sts', severity: 'critical', count: 16, delayMin: 3, title: 'sts-use1: 16 alarms', alarms: 'AssumeRole.ErrorRate, GetCallerIdentity.Latency.p99, RegionalEndpoint.5xx, TokenService.DependencyErrors, and 12 more', when: (h) => h.stsDown },
  { key: 'page:signin', severity: 'critical', count: 14, delayMin: 4, title: 'console-signin: 14 alarms', alarms: 'IAMUserSignIn.FailureRate, RootSignIn.FailureRate (eu-west-1, ap-southeast-2), Federation.ErrorRate, and 11 more', when: internalOut },
  { key: 'page:lambda-frontend', severity: 'critical', count: 22, delayMin: 3, title: 'lambda-use1-frontend: 22 alarms', alarms: 'Invoke.ErrorRate, CreateFunction.Failures, UpdateFunctionCode.Failures, ControlPlane.DependencyErrors, and 18 more', when: internalOut },
  { key: 'page:lambda-pollers', severity: 'warning', count: 11, delayMin: 8, title: 'lambda-use1-event-sources: 11 alarms', alarms: 'SQSPoller.ActivePollers.low, SQSPoller.HeartbeatMissing, ESM.StateTransitionFailures, KinesisPoller.IteratorAge, and 7 more', when: (h) => h.poller },
  { key: 'page:ec2-control-plane', severity: 'warning', count: 24, delayMin: 4, title: 'ec2-use1-control-plane: 24 alarms', alarms: 'RunInstances.Latency.p99, DescribeInstances.DependencyErrors, CreateTags.Errors, InstanceStateChange.Delay, and 20 more', when: (h) => h.launchErr > 0.02 || h.empty },
  { key: 'page:ec2-dwfm', severity: 'warning', count: 18, delayMin: 12, title: 'ec2-use1-fleet-workflows: 18 alarms', alarms: 'dwfm-use1-az1…az6 LeaseRenewal.FailureRate, StateCheck.DependencyErrors, WorkQueue.Age, and 12 more', when: (h) => h.ice > 0.05 },
  { key: 'page:cloudtrail', severity: 'warning', count: 10, delayMin: 7, title: 'cloudtrail-use1: 10 alarms', alarms: 'Delivery.Lag, EventBus.Backlog, LookupEvents.Errors, and 7 more', when: ddbOut },
  { key: 'page:cloudwatch', severity: 'warning', count: 19, delayMin: 5, title: 'cloudwatch-use1: 19 alarms', alarms: 'MetricIngestion.Delay, AlarmEvaluation.Lag, Logs.PutLogEvents.Errors, and 16 more', when: internalOut },
  { key: 'page:sqs', severity: 'warning', count: 8, delayMin: 9, title: 'sqs-use1: 8 alarms', alarms: 'ReceiveMessage.EmptyResponses.high, ApproximateAgeOfOldestMessage (internal consumers), and 6 more', when: (h) => h.poller },
  { key: 'page:ecs', severity: 'warning', count: 17, delayMin: 9, title: 'ecs-use1: 17 alarms', alarms: 'RunTask.CapacityErrors, ServiceScheduler.PendingTasks, AgentConnect.Errors, and 14 more', when: (h) => h.launchErr > 0.1 || internalOut(h) },
  { key: 'page:eks-fargate', severity: 'warning', count: 17, delayMin: 10, title: 'eks-fargate-use1: 17 alarms', alarms: 'Fargate.TaskLaunch.Failures, EKS.NodeGroupScale.Errors, ControlPlane.DependencyErrors, and 14 more', when: (h) => h.launchErr > 0.1 || internalOut(h) },
  { key: 'page:redshift', severity: 'warning', count: 11, delayMin: 2, title: 'redshift-use1: 11 alarms', alarms: 'QueryProcessing.Errors, CreateCluster.Failures, ModifyCluster.Failures, and 8 more', when: ddbOut },
  { key: 'page:connect', severity: 'critical', count: 13, delayMin: 32, title: 'connect-use1: 13 alarms', alarms: 'InboundCall.Failures, Chat.Errors, Case.CreateErrors, ContactFlow.LambdaErrors, and 9 more', when: (h) => ddbOut(h) || h.nlb > 0.02 },
  { key: 'page:support', severity: 'warning', count: 6, delayMin: 62, title: 'support-console: 6 alarms', alarms: 'CreateCase.ErrorRate, DescribeCases.ErrorRate, AccountMetadata.InvalidResponses, and 3 more', when: ddbOut },
  { key: 'page:route53', severity: 'info', count: 7, delayMin: 5, title: 'route53-resolver-use1: 7 alarms', alarms: 'QueryVolume.high (retries), NOERROR-NODATA share.high, ResolverEndpoint.Throughput.high, and 4 more', when: (h) => h.empty },
  { key: 'page:kinesis', severity: 'warning', count: 9, delayMin: 6, title: 'kinesis-use1: 9 alarms', alarms: 'ControlPlane.DependencyErrors, Enhanced FanOut.Errors, and 7 more', when: ddbOut },
  { key: 'page:rds', severity: 'warning', count: 12, delayMin: 14, title: 'rds-use1: 12 alarms', alarms: 'CreateDBInstance.Failures, Failover.HostReplacementErrors, and 10 more', when: (h) => h.launchErr > 0.1 },
  { key: 'page:glue', severity: 'info', count: 5, delayMin: 15, title: 'glue-use1: 5 alarms', alarms: 'JobRun.StartFailures, and 4 more', when: (h) => h.launchErr > 0.2 },
  { key: 'page:apigw', severity: 'warning', count: 14, delayMin: 5, title: 'apigateway-use1: 14 alarms', alarms: 'Integration.5xx (Lambda, DynamoDB), Authorizer.Errors, and 12 more', when: internalOut },
  { key: 'page:stepfunctions', severity: 'warning', count: 7, delayMin: 7, title: 'states-use1: 7 alarms', alarms: 'ExecutionsFailed.high, TaskTimedOut.high, and 5 more', when: ddbOut },
  { key: 'page:organizations', severity: 'info', count: 4, delayMin: 11, title: 'organizations: 4 alarms', alarms: 'PolicyUpdate.Propagation.Delay, and 3 more', when: internalOut },
  { key: 'page:billing', severity: 'info', count: 4, delayMin: 13, title: 'billing-metering-use1: 4 alarms', alarms: 'UsageRecord.Ingestion.Delay, and 3 more', when: ddbOut },
  { key: 'page:nlb-healthcheck', severity: 'critical', count: 26, delayMin: 0, title: 'elb-nlb-use1-healthcheck: 26 alarms', alarms: 'HealthCheck.StateChanges.high, DNSFailover.AZRemoved, HealthChecker.Latency.p99, TargetHealth.Flapping, and 22 more', when: (h) => h.flaps > 0.5 },
  { key: 'page:network-propagation', severity: 'warning', count: 14, delayMin: 0, title: 'ec2-use1-network-propagation: 14 alarms', alarms: 'Propagation.Latency.p50, Propagation.Latency.p99, ChangeQueue.Depth, and 11 more', when: (h) => h.lat > 60 },
  { key: 'page:ec2-throttle', severity: 'info', count: 6, delayMin: 0, title: 'ec2-use1-api-throttling: 6 alarms', alarms: 'RunInstances.Throttled.high, RequestLimitExceeded.share, and 4 more', when: (h) => h.throttled > 0.3 },
  { key: 'page:nlb-connections', severity: 'warning', count: 21, delayMin: 0, title: 'elb-nlb-use1-dataplane: 21 alarms', alarms: 'NewFlow.Errors (sampled load balancers), TCP.ResetCount.high, HealthyHostCount.low, and 18 more', when: (h) => h.nlb > 0.01 },
];

/** Pages a quiet night has open anyway (routine tickets, a noisy canary). */
export const BASELINE_PAGES = 5;

function health(m: AwsState, t: number): Health {
  return {
    sinceRace: m.raceAt === null ? -Infinity : (t - m.raceAt) / 60,
    ddb: ddbFailShare(m, t),
    internalDown: !internalDdbOk(m, t),
    stsDown: !internalDdbOk(m, t, 240) || m.stsNlb > 0.3,
    ice: iceShare(m, t),
    launchErr: launchErrorShare(m, t),
    throttled: throttledShare(m, t),
    lat: propagationSeconds(m),
    nlb: nlbErrorShare(m),
    flaps: flapPressure(m, t),
    poller: m.pollerFailed,
    empty: recordEmpty(m, t),
  };
}

/** Fire and resolve page groups from state; mutates its own copy `m`. */
export function updatePages(m: AwsState, ctx: StepContext): void {
  const h = health(m, ctx.t);
  let pages = m.pages;
  const first = m.pageFirst;
  PAGE_GROUPS.forEach((g, i) => {
    const bit = 1 << i;
    const firing = (pages & bit) !== 0;
    const should = g.when(h) && h.sinceRace >= g.delayMin;
    if (should && !firing) {
      pages |= bit;
      if (m.pageFirst[i] === -1) {
        if (m.pageFirst === first) m.pageFirst = m.pageFirst.slice();
        m.pageFirst[i] = ctx.t;
      }
      ctx.emit({ kind: 'alert', severity: g.severity, rule: g.key, title: g.title, text: g.alarms });
    } else if (!should && firing) {
      pages &= ~bit;
      ctx.emit({ kind: 'alert-resolved', severity: g.severity, rule: g.key, title: g.title, text: 'All alarms of the group are back to OK.' });
    }
  });
  m.pages = pages;
}

/** Alarms firing now. */
export function openPages(m: AwsState): number {
  let n = BASELINE_PAGES;
  PAGE_GROUPS.forEach((g, i) => { if ((m.pages & (1 << i)) !== 0) n += g.count; });
  return n;
}
