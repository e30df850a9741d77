/**
 * The change-management log of us-east-1 for the last day (§6: routine changes; the outage was not
 * a change). Illustrative rows in the style of a real log: many teams, several in progress at any
 * moment, none marked out. Rows with a `lead` can be rolled back from the runbook once seen.
 */
import { clock } from '../../server/engine/index.ts';

export interface ChangeRow {
  /** Seconds since 00:00 on 20 October; negative: the evening before. */
  at: number;
  team: string;
  system: string;
  text: string;
  /** Minutes it runs for (staged rollouts). */
  runsMin: number;
  lead?: string;
}

const yesterday = (hhmm: string) => clock(hhmm) - 24 * 3600;

export const CHANGES: readonly ChangeRow[] = [
  { at: yesterday('17:05'), team: 'S3 front end', system: 'deployment pipeline', text: 'Request-router release 2025.10.19-1 (wave 4 of 6)', runsMin: 180 },
  { at: yesterday('18:30'), team: 'EC2 fleet workflows', system: 'config service', text: 'DWFM: state-check jitter window 20s → 30s', runsMin: 60, lead: 'change_dwfm_interval' },
  { at: yesterday('19:10'), team: 'CloudWatch', system: 'deployment pipeline', text: 'Metric ingestion hosts: OS patch set 2025-10', runsMin: 240 },
  { at: yesterday('20:45'), team: 'IAM', system: 'config service', text: 'Policy evaluation cache size +10%', runsMin: 30 },
  { at: yesterday('21:20'), team: 'Kinesis', system: 'deployment pipeline', text: 'Shard-map service release (wave 2 of 5)', runsMin: 120 },
  { at: yesterday('22:40'), team: 'ELB', system: 'deployment pipeline', text: 'NLB health-check subsystem release 4.81 (all AZs)', runsMin: 150, lead: 'change_nlb_hc_release' },
  { at: yesterday('23:15'), team: 'Networking', system: 'network change', text: 'Border router maintenance IAD-55 (drained, traffic shifted)', runsMin: 90 },
  { at: clock('00:10'), team: 'RDS', system: 'deployment pipeline', text: 'Instance agent 9.3.1 (canary AZ)', runsMin: 60 },
  { at: clock('00:55'), team: 'Lambda', system: 'capacity', text: 'Worker pool rebalancing use1-az1 → use1-az6', runsMin: 45 },
  { at: clock('01:30'), team: 'DynamoDB', system: 'deployment pipeline', text: 'Request-router release 2025.10.20 (wave 1 of 4: one cell)', runsMin: 120 },
  { at: clock('02:05'), team: 'CloudTrail', system: 'config service', text: 'Delivery batch size 512 → 768', runsMin: 20 },
  { at: clock('02:40'), team: 'EC2 control plane', system: 'deployment pipeline', text: 'DescribeInstances pagination fix (wave 3 of 6)', runsMin: 150 },
  { at: clock('03:15'), team: 'Route 53', system: 'deployment pipeline', text: 'Resolver endpoint fleet: kernel update (rolling)', runsMin: 180 },
  { at: clock('03:50'), team: 'SQS', system: 'capacity', text: 'Add 120 hosts to the long-poll fleet', runsMin: 60 },
  { at: clock('04:15'), team: 'Lambda', system: 'deployment pipeline', text: 'Event-source poller fleet release 3.14 (SQS, Kinesis)', runsMin: 120, lead: 'change_lambda_poller' },
  { at: clock('04:45'), team: 'Connect', system: 'deployment pipeline', text: 'Contact-flow engine release (wave 1 of 3)', runsMin: 90 },
  { at: clock('05:12'), team: 'DynamoDB', system: 'config service', text: 'DNS Planner: add weights for the new load-balancer fleet (use1-az6)', runsMin: 30, lead: 'change_planner_weights' },
  { at: clock('05:30'), team: 'DynamoDB', system: 'deployment pipeline', text: 'Storage nodes: OS patch set 2025-10 in use1-az4 (rolling)', runsMin: 300, lead: 'change_ddb_storage_patch' },
  { at: clock('05:45'), team: 'ECS', system: 'deployment pipeline', text: 'Agent 1.98.0 for Fargate platform 1.4 (wave 2 of 4)', runsMin: 120 },
  { at: clock('06:05'), team: 'Route 53', system: 'deployment pipeline', text: 'Health-checker fleet release 7.2 (rolling, all regions)', runsMin: 120, lead: 'change_route53_hc' },
  { at: clock('06:12'), team: 'EC2 control plane', system: 'config service', text: 'RunInstances API: per-account burst bucket refill 10/s → 12/s', runsMin: 15 },
  { at: clock('06:20'), team: 'EC2 networking', system: 'deployment pipeline', text: 'Network Manager fleet release in use1-az2 (rolling)', runsMin: 90, lead: 'change_network_manager' },
  { at: clock('06:35'), team: 'IAM', system: 'deployment pipeline', text: 'Authorization service release (wave 1 of 5)', runsMin: 150, lead: 'change_iam_authz' },
  { at: clock('06:26'), team: 'Redshift', system: 'deployment pipeline', text: 'Query-editor front end release', runsMin: 40 },
  { at: clock('06:41'), team: 'Support', system: 'config service', text: 'Case routing rules update (APAC queues)', runsMin: 5 },
  { at: clock('06:44'), team: 'S3 front end', system: 'deployment pipeline', text: 'Request-router release 2025.10.19-1 (wave 5 of 6)', runsMin: 180 },
  { at: clock('06:46'), team: 'Glue', system: 'capacity', text: 'Scale job-coordinator fleet 40 → 48 hosts', runsMin: 20 },
];
