/**
 * Customer reports and third-party notices, each once, driven by state (§5, §6). None names the
 * cause; several carry the day's wrong readings (an attack, Route 53, out of capacity, our quota).
 */
import type { FeedItem, StepContext } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import {
  ddbFailShare, iceShare, internalDdbOk, nlbErrorShare, recordEmpty, throttledShare, unreachableShare,
} from './derive.ts';

interface Report {
  item: FeedItem;
  when: (m: AwsState, t: number, sinceRace: number) => boolean;
}

const report = (title: string, text: string): FeedItem => ({ kind: 'customer-report', title, text });
const notice = (title: string, text: string): FeedItem => ({ kind: 'notice', title, text });

/** Order is the bit order in `AwsState.said`: append, never reorder. */
const REPORTS: readonly Report[] = [
  { when: (m, t) => ddbFailShare(m, t) > 0.3, item: report('DynamoDB calls failing', 'Several enterprise customers open sev-1 cases: their applications in us-east-1 log "UnknownEndpoint: Inaccessible host: dynamodb.us-east-1.amazonaws.com" and connection errors. Some say requests on already-open connections still work.') },
  { when: (m, t, s) => s >= 8 && !internalDdbOk(m, t), item: report('Console sign-in failing, also outside us-east-1', 'Customers in Europe and Asia cannot sign in to the console with root credentials or through signin.aws.amazon.com federation. One asks whether IAM has been compromised.') },
  { when: (_m, _t, s) => s >= 14, item: notice('Social media: "AWS is down"', 'Outage trackers show a sharp rise in reports for apps and games hosted on AWS. Posts ask whether AWS is under a cyberattack.') },
  { when: (_m, _t, s) => s >= 20, item: notice('Press enquiry', 'A reporter asks whether a DDoS attack or a BGP hijack is behind the outage, and whether Route 53 is down.') },
  { when: (_m, _t, s) => s >= 40, item: notice('Internet measurement firm', 'A network-monitoring company posts that it sees no broader routing anomaly or packet loss towards AWS; failures are application-level errors in us-east-1.') },
  { when: (m, t) => iceShare(m, t) > 0.25 && recordEmpty(m, t), item: report('EC2 launches: insufficient capacity', 'Customers report RunInstances failing with InsufficientInstanceCapacity in several us-east-1 AZs, for many instance types. Running instances are fine.') },
  { when: (m, t) => m.restoredAt !== null && t >= m.restoredAt + 300 && ddbFailShare(m, t) > 0.05, item: report('"DynamoDB still broken for us"', 'A customer says DynamoDB calls from their fleet still fail although others report it working again; their resolvers return no address for the endpoint.') },
  { when: (m, t) => m.restoredAt !== null && t >= m.restoredAt + 1200 && iceShare(m, t) > 0.5, item: report('"Still no capacity after DynamoDB came back"', 'Customers report that EC2 launches still fail with insufficient capacity in every AZ, although DynamoDB works again. Some are retrying in a loop, others ask for capacity in other instance types.') },
  { when: (m, t) => throttledShare(m, t) > 0.4 && iceShare(m, t) < 0.2, item: report('RequestLimitExceeded on RunInstances', 'Customers report RunInstances failing with "Request limit exceeded". One asks whether their account quota was lowered and requests a limit increase.') },
  { when: (m) => unreachableShare(m) > 0.2, item: report('New instances have no network', 'Customers report new instances reach "running" but cannot be reached and cannot reach anything; they suspect their AMI, user data or security groups.') },
  { when: (m) => nlbErrorShare(m) > 0.02, item: report('Load balancer connection errors', 'Customers report connection resets and timeouts through Network Load Balancers; targets flap between healthy and unhealthy although the backends look fine when probed directly.') },
  { when: (m) => m.sqsBacklog > 60, item: report('SQS-triggered Lambda functions not running', 'Customers report their SQS queues growing while the functions subscribed to them are not invoked.') },
  { when: (m) => m.redshiftStuck > 15, item: report('Redshift cluster stuck in "modifying"', 'Customers report Redshift clusters stuck in "modifying" that nobody on their side touched.') },
  { when: (m, t, s) => s >= 63 && ddbFailShare(m, t) > 0.3, item: report('Cannot open support cases', 'Customers and account managers say the Support Center cannot create or show cases.') },
  { when: (m) => m.ecsBacklog > 60, item: report('Container tasks stuck pending', 'ECS and EKS customers report tasks and pods stuck in PENDING; Fargate tasks fail to start.') },
];

const ALL = (1 << REPORTS.length) - 1;

/** Put each report on the feed once, when its condition first holds; mutates its own copy `m`. */
export function sayReports(m: AwsState, ctx: StepContext): void {
  if (m.said === ALL || m.raceAt === null) return;
  const sinceRace = (ctx.t - m.raceAt) / 60;
  let said = m.said;
  REPORTS.forEach((r, i) => {
    const bit = 1 << i;
    if ((said & bit) === 0 && r.when(m, ctx.t, sinceRace)) {
      said |= bit;
      ctx.emit(r.item);
    }
  });
  m.said = said;
}
