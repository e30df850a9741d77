/**
 * Ways to play 20 October for the scoring tests (scenarios/scoring-practice.test.ts), three
 * responders in realistic mode: a careful team that follows the evidence, a reckless one, and the
 * same fix begun at different moments (before the race, the one prevention the model allows).
 */
import { clock, formatClock, type PlanStep } from '../../server/engine/index.ts';
import { RACE_AT } from './model-state.ts';

const post = (at: string, state: string, components: string[], message: string, by?: string): PlanStep => ({
  at, action: 'post_health_dashboard', params: { state, components, message }, ...(by ? { by } : {}),
});

/**
 * Careful: `dig` and the zone's history before anything else, a Health Dashboard post naming what
 * fails, the hand restore started at once and the tooling repaired beside it, a diagnosis citing
 * its findings, the automation frozen; the leases and the throttle read from launch failures,
 * selective restarts once DNS is back, failover off only once the health-check history shows
 * healthy nodes failing for want of network state, the throttle relaxed step by step, an honest
 * post every hour and "Resolved" only when nothing fails.
 */
export const CAREFUL_AWS: PlanStep[] = [
  { at: '06:51', investigate: 'triage_pages', params: {}, by: 'r1' },
  { at: '06:51', investigate: 'dns_lookup', params: { name: 'dynamodb', resolver: 'authoritative' }, by: 'r2' },
  { at: '06:51', investigate: 'api_errors_by_service', params: {}, by: 'r3' },
  { at: '06:54', investigate: 'record_history', params: { window: 'last_hour' }, by: 'r2' },
  post('06:56', 'investigating', ['dynamodb', 'iam_sts', 'lambda'], 'We are investigating elevated error rates for DynamoDB in US-EAST-1, and for IAM sign-in, STS and Lambda, which depend on it.', 'r3'),
  { at: '06:58', action: 'restore_dns_by_hand', params: {}, by: 'r3' },
  {
    at: '07:04', by: 'r2', diagnose: {
      trigger: 'event_enactor_plan_overwrite', component: 'artefact_ddb_endpoint_record', mechanism: 'race_condition', evidence: ['dns_lookup', 'record_history'],
      text: 'The DynamoDB regional record resolves to nothing since 06:48: an Enactor applied plan 12108 over 12163 and the other Enactor\'s cleanup deleted its tree.',
    },
  },
  { at: '07:04', action: 'freeze_dns_automation', params: {}, by: 'r2' },
  { at: '07:06', action: 'repair_recovery_tooling', params: {}, by: 'r1' },
  { at: '07:14', investigate: 'ec2_launch_errors', params: {}, by: 'r2' },
  { at: '07:24', action: 'throttle_ec2_work', params: {}, by: 'r2' },
  { at: '07:29', investigate: 'lambda_health', params: {}, by: 'r2' },
  post('07:35', 'identified', ['dynamodb', 'ec2', 'iam_sts', 'lambda', 'containers', 'support'], 'We have identified the cause: the DNS record of the DynamoDB endpoint in US-EAST-1 is empty, and we are restoring it. EC2 launches fail meanwhile, and so do services that depend on DynamoDB.', 'r2'),
  { at: '07:44', action: 'restore_lambda_sqs_poller', params: {}, by: 'r2' },
  { at: '07:44', investigate: 'dwfm_status', params: {}, by: 'r1' },
  post('08:30', 'identified', ['dynamodb', 'ec2', 'lambda', 'containers', 'connect', 'support'], 'DynamoDB DNS records are being restored; some clients may keep failing until DNS caches expire. EC2 launches, and services that launch instances, still fail.', 'r1'),
  { at: '08:34', investigate: 'dwfm_status', params: {}, by: 'r2' },
  { at: '08:35', action: 'restart_dwfm_hosts', params: { scope: 'selective' }, by: 'r1' },
  { at: '08:35', action: 'advise_customers', params: { advice: 'flush_dns_caches' }, by: 'r3' },
  { at: '08:38', action: 'advise_customers', params: { advice: 'launch_without_az' }, by: 'r3' },
  { at: '09:27', investigate: 'nlb_overview', params: {}, by: 'r2' },
  post('09:29', 'identified', ['ec2', 'nlb', 'containers', 'connect'], 'DynamoDB has recovered. EC2 leases are back and launches are throttled while we recover; some Network Load Balancers show connection errors, which we are investigating.', 'r3'),
  { at: '09:37', investigate: 'nlb_health_history', params: {}, by: 'r2' },
  { at: '09:52', action: 'disable_nlb_auto_failover', params: {}, by: 'r2' },
  { at: '09:52', investigate: 'network_manager_status', params: {}, by: 'r1' },
  post('10:25', 'identified', ['ec2', 'containers', 'lambda', 'connect'], 'NLB connection errors have ended. New EC2 launches are still throttled while network configuration catches up; new instances may start without network for several minutes.', 'r3'),
  post('11:20', 'identified', ['ec2', 'containers', 'lambda', 'connect'], 'Network configuration of new instances is catching up. EC2 launches remain throttled; we will relax the throttle step by step once propagation is back to normal.', 'r3'),
  { at: '11:55', action: 'relax_ec2_throttles', params: { pace: 'stepwise' }, by: 'r1' },
  post('12:15', 'identified', ['ec2', 'containers', 'lambda', 'connect'], 'We are relaxing the EC2 launch throttle step by step. Launches succeed at a growing rate; ECS, EKS and Fargate tasks start as capacity comes back.', 'r3'),
  post('13:10', 'identified', ['ec2', 'containers', 'connect'], 'The EC2 launch throttle is being raised step by step while queues and network propagation stay healthy. Most launches succeed; container tasks are catching up.', 'r3'),
  post('13:50', 'monitoring', ['containers'], 'EC2 launches are back to normal. ECS, EKS and Fargate are working through their backlog of pending tasks; we are monitoring.', 'r3'),
  post('14:25', 'resolved', [], 'All services in US-EAST-1 have recovered and are operating normally. We will publish a post-event summary.', 'r3'),
  { at: '14:25', action: 'enable_nlb_auto_failover', params: {}, by: 'r2' },
];

/**
 * Reckless: a post before anything broke, front-end fleets restarted and edge limits tightened at
 * the first page, every change of the log rolled back, "Resolved" at 07:00, then every DWFM host
 * restarted at once and the throttle lifted at once.
 */
export const RECKLESS_AWS: PlanStep[] = [
  post('06:40', 'investigating', ['dynamodb'], 'We are investigating reports of errors in US-EAST-1.'),
  { at: '06:50', action: 'restart_service_fleet', params: { service: 'dynamodb_frontend' } },
  { at: '06:50', action: 'enable_ddos_protection', params: {} },
  { at: '06:50', investigate: 'change_log', params: {} },
  ...['change_planner_weights', 'change_route53_hc', 'change_network_manager', 'change_iam_authz', 'change_ddb_storage_patch', 'change_lambda_poller']
    .map((change): PlanStep => ({ at: '06:56', action: 'rollback_change', params: { change } })),
  post('07:00', 'resolved', [], 'This issue has been resolved. It was not an attack.'),
  { at: '07:02', investigate: 'capacity_report', params: {} },
  { at: '07:40', action: 'restart_service_fleet', params: { service: 'sts_frontend' } },
  { at: '07:40', action: 'restart_dwfm_hosts', params: { scope: 'all_at_once' } },
  { at: '07:40', action: 'throttle_ec2_work', params: {} },
  { at: '07:50', action: 'relax_ec2_throttles', params: { pace: 'all_at_once' } },
];

/**
 * The fix, begun at `at`: `dig` and the zone's history, the hand restore at once with the tooling
 * repaired beside it, the automation frozen, the leases found missing and the throttle set, DWFM
 * restarted selectively once the records are back (the restore takes about 98 minutes when begun
 * this way), the throttle relaxed step by step once the backlog has had time to drain.
 *
 * Before the race (06:48) only the freeze has anything to do, and it prevents the outage. No
 * evidence can warrant it then in realistic mode (nothing is wrong yet, and only the Enactors' or
 * the Planner's lead unlocks it): it is the earliest prevention the model allows, in guided mode.
 */
export function awsFixAt(at: string): PlanStep[] {
  const t = clock(at);
  if (t < RACE_AT) return [{ at, action: 'freeze_dns_automation', params: {} }];
  const then = (minutes: number) => formatClock(t + minutes * 60);
  return [
    { at, investigate: 'dns_lookup', params: { name: 'dynamodb', resolver: 'authoritative' }, by: 'r2' },
    { at: then(3), investigate: 'record_history', params: { window: 'since_midnight' }, by: 'r2' },
    { at: then(3), action: 'restore_dns_by_hand', params: {}, by: 'r3' },
    { at: then(13), action: 'repair_recovery_tooling', params: {}, by: 'r1' },
    { at: then(13), action: 'freeze_dns_automation', params: {}, by: 'r2' },
    { at: then(23), investigate: 'capacity_report', params: {}, by: 'r2' },
    { at: then(28), action: 'throttle_ec2_work', params: {}, by: 'r2' },
    { at: then(100), action: 'restart_dwfm_hosts', params: { scope: 'selective' }, by: 'r1' },
    { at: then(290), action: 'relax_ec2_throttles', params: { pace: 'stepwise' }, by: 'r1' },
  ];
}
