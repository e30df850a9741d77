/**
 * The change-management log of 17–18 November as this model has it: a morning of changes from
 * many teams. One is from the fact sheet (§1 11:05, the ClickHouse grants) and one is the FL2
 * release the team may suspect; every other row is an illustrative routine change (assumption,
 * docs/model.md "Change log"). Each is a `change` lead, named as a trigger and rolled back by id.
 *
 * What rolling one back does is part of the model: it takes time, and it undoes what the change
 * did (a fix comes undone, a hardening reopens, restarts drop traffic in flight), as `rollback`
 * says. Effects are in the units of the signals they move; `during` holds while the rollback
 * runs, `after` ramps in as it completes and stays.
 */
import { clock } from '../../server/engine/index.ts';

/** Signal deltas a rollback causes (docs/model.md "What a rollback does"). */
export interface ChangeEffects {
  /** Points of 5xx on FL2 traffic (each region's 5xx moves by this × its FL2 share). */
  fl2_5xx?: number;
  /** Points of 5xx on all traffic. */
  all_5xx?: number;
  /** Points of Workers KV errors. */
  kv_err?: number;
  /** Edge p99 latency, ms. */
  p99?: number;
  /** Points of requests challenged. */
  challenge?: number;
  /** Points of WARP connection success lost. */
  warp?: number;
  /** Dashboard p95 latency, ms. */
  dash_p95?: number;
}
export type EffectKey = keyof ChangeEffects;
export const EFFECT_KEYS: readonly EffectKey[] = ['fl2_5xx', 'all_5xx', 'kv_err', 'p99', 'challenge', 'warp', 'dash_p95'];

export interface RollbackSpec {
  /** How long the rollback takes once it starts (after the action's own delay). */
  minutes: number;
  during?: ChangeEffects;
  after?: ChangeEffects;
  /** What the owning team posts when it is done (every rollback gets one). */
  owner: string;
  /** What customers report once the undone fix or feature is missed. */
  report?: { title: string; text: string };
  /** What a security change closed and its rollback reopens (outside the model: scoring prices it). */
  reopens?: string;
}

/** How a change's rollout progress reads in the log. */
export type Progress =
  | { kind: 'percent'; of: string }
  | { kind: 'count'; n: number; of: string }
  | { kind: 'stages'; n: number }
  /** Node by node on the ClickHouse cluster: the model's own rollout (nodeUpdated). */
  | { kind: 'grant-nodes' };

export interface ChangeEntry {
  /** Its lead id. */
  id: string;
  ref: string;
  /** When it started (sim seconds; yesterday's are negative). */
  at: number;
  team: string;
  system: string;
  text: string;
  /** Short name for leads and the rollback option. */
  short: string;
  rolloutMinutes: number;
  progress: Progress;
  rollback: RollbackSpec;
}

const DAY = 24 * 3600;
const yesterday = (hhmm: string) => clock(hhmm) - DAY;

export const GRANT_CHANGE = 'change_clickhouse_grants';

export const CHANGES: readonly ChangeEntry[] = [
  {
    id: 'change_dash_billing', ref: 'CHG-48102', at: yesterday('12:40'), team: 'Dashboard', system: 'dashboard feature flags',
    text: 'Dashboard: new billing overview page enabled for 10% of accounts', short: 'Dashboard billing overview page for 10% of accounts',
    rolloutMinutes: 20, progress: { kind: 'percent', of: 'accounts' },
    rollback: { minutes: 2, owner: 'Dashboard team: the billing overview flag is off again; the 10% of accounts that had it see the old page.', report: { title: 'Where did the billing page go?', text: 'A few customers ask why the new billing overview they used this morning has disappeared.' } },
  },
  {
    id: 'change_fl2_release', ref: 'CHG-48117', at: yesterday('16:10'), team: 'Edge Proxy', system: 'FL2 fleet, staged release',
    text: 'FL2 release 2025.11.17.2: fix for 502s on HTTP/2 uploads above 100 MB', short: 'FL2 proxy release 2025.11.17.2',
    rolloutMinutes: 360, progress: { kind: 'stages', n: 5 },
    rollback: {
      minutes: 45, during: { all_5xx: 0.6, p99: 60 }, after: { fl2_5xx: 0.35, p99: 25 },
      owner: 'Edge Proxy team: FL2 is back on release 2025.11.16.4 across the fleet; every FL2 process was restarted on the way.',
      report: { title: 'Large uploads fail again', text: 'Customers report uploads above about 100 MB over HTTP/2 failing with 502 again, as they did until yesterday.' },
    },
  },
  {
    id: 'change_logs_retention', ref: 'CHG-48121', at: yesterday('19:05'), team: 'Data Platform', system: 'log pipeline (Kafka)',
    text: 'Log pipeline: retention of the request-log topics raised from 3 to 4 days', short: 'Log pipeline retention 3 → 4 days',
    rolloutMinutes: 15, progress: { kind: 'percent', of: 'brokers' },
    rollback: { minutes: 10, owner: 'Data Platform: request-log topics are back to 3 days of retention; the fourth day of logs was deleted.' },
  },
  {
    id: 'change_kernel_batch', ref: 'CHG-48126', at: clock('02:00'), team: 'Infrastructure', system: 'edge hosts, rolling reboot',
    text: 'Kernel security update on edge hosts, batch 7 of 12, one reboot per host', short: 'Edge host kernel security update, batch 7',
    rolloutMinutes: 840, progress: { kind: 'percent', of: 'hosts of the batch' },
    rollback: {
      minutes: 90, during: { all_5xx: 0.3, p99: 40 },
      owner: 'Infrastructure: batch 7 hosts are back on the previous kernel; each was rebooted again.',
      reopens: 'the kernel vulnerability the update patched, on batch 7 hosts',
    },
  },
  {
    id: 'change_workers_v8', ref: 'CHG-48131', at: clock('06:30'), team: 'Workers Runtime', system: 'Workers runtime, staged release',
    text: 'Workers runtime release with a V8 security patch, staged over 8 hours', short: 'Workers runtime release with a V8 security patch',
    rolloutMinutes: 480, progress: { kind: 'stages', n: 5 },
    rollback: {
      minutes: 30, during: { all_5xx: 0.2, kv_err: 0.5 },
      owner: 'Workers Runtime: the previous runtime is back everywhere; isolates were recycled during the rollback.',
      reopens: 'the V8 vulnerability the release patched',
    },
  },
  {
    id: 'change_api_validation', ref: 'CHG-48133', at: clock('07:10'), team: 'API', system: 'public API gateway',
    text: 'Public API: stricter validation of zone settings payloads (schema v12)', short: 'Public API zone-settings validation v12',
    rolloutMinutes: 20, progress: { kind: 'percent', of: 'API nodes' },
    rollback: { minutes: 5, owner: 'API team: zone settings are validated against schema v11 again; malformed payloads are accepted as before.', reopens: 'malformed zone-settings payloads accepted again' },
  },
  {
    id: 'change_metrics_retention', ref: 'CHG-48140', at: clock('07:45'), team: 'Observability', system: 'metrics pipeline',
    text: 'Metrics: shorter retention for high-cardinality series (30 → 14 days)', short: 'Metrics retention for high-cardinality series',
    rolloutMinutes: 30, progress: { kind: 'percent', of: 'storage nodes' },
    rollback: { minutes: 10, owner: 'Observability: high-cardinality retention is back to 30 days; metrics storage is at 91% and climbing again.' },
  },
  {
    id: 'change_access_locales', ref: 'CHG-48144', at: clock('08:20'), team: 'Zero Trust', system: 'Access login pages',
    text: 'Access: login page translations for four new locales', short: 'Access login page translations',
    rolloutMinutes: 15, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, owner: 'Zero Trust: the four new locales are removed from Access login pages.', report: { title: 'Access login page in English again', text: 'Access customers in four countries ask why their staff see the login page in English again.' } },
  },
  {
    id: 'change_email_classifier', ref: 'CHG-48150', at: clock('08:55'), team: 'Email Security', system: 'Email Security, gradual',
    text: 'Email Security: phishing classifier model update, gradual over 6 hours', short: 'Email Security phishing classifier update',
    rolloutMinutes: 360, progress: { kind: 'percent', of: 'mail scanners' },
    rollback: {
      minutes: 20, owner: 'Email Security: scanners are back on the previous classifier; the new detections are off.',
      report: { title: 'Phishing campaign reaching inboxes', text: 'An Email Security customer reports messages from this morning\'s phishing campaign reaching inboxes again after a few quiet hours.' },
      reopens: 'the phishing detections the new model added',
    },
  },
  {
    id: 'change_pg_upgrade', ref: 'CHG-48152', at: clock('09:10'), team: 'Database Platform', system: 'control-plane Postgres',
    text: 'Control-plane Postgres minor version upgrade, one replica at a time', short: 'Control-plane Postgres minor upgrade',
    rolloutMinutes: 300, progress: { kind: 'count', n: 3, of: 'replicas' },
    rollback: { minutes: 40, during: { dash_p95: 180 }, owner: 'Database Platform: control-plane Postgres replicas are back on the previous minor version; each failed over once.' },
  },
  {
    id: 'change_ddos_profile', ref: 'CHG-48155', at: clock('09:30'), team: 'DDoS Protection', system: 'DDoS mitigation rules',
    text: 'DDoS: new HTTP flood fingerprint profile for a large botnet', short: 'DDoS HTTP flood fingerprint profile',
    rolloutMinutes: 10, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, after: { challenge: -0.4 }, owner: 'DDoS Protection: the new fingerprint profile is off; floods matching it are no longer mitigated by it.', reopens: 'mitigation of the botnet HTTP floods the profile matched' },
  },
  {
    id: 'change_kv_gateway_pool', ref: 'CHG-48158', at: clock('09:45'), team: 'Workers KV', system: 'KV front-end gateway',
    text: 'KV front-end gateway: upstream connection pool raised from 64 to 128', short: 'Workers KV gateway connection-pool tuning',
    rolloutMinutes: 30, progress: { kind: 'percent', of: 'gateway nodes' },
    rollback: {
      minutes: 10, after: { kv_err: 0.6 },
      owner: 'Workers KV: gateway pools are back to 64 upstream connections; we see pool-exhaustion errors at peak again.',
    },
  },
  {
    id: 'change_warp_captive', ref: 'CHG-48161', at: clock('10:05'), team: 'WARP', system: 'WARP client configuration',
    text: 'WARP: new captive-portal detection endpoint in the client config', short: 'WARP captive-portal detection endpoint',
    rolloutMinutes: 240, progress: { kind: 'percent', of: 'clients' },
    rollback: {
      minutes: 10, after: { warp: 1.2 },
      owner: 'WARP team: clients are back on the old captive-portal check.',
      report: { title: 'WARP stuck behind hotel and airport Wi-Fi', text: 'WARP users report that the client no longer gets past captive portals on hotel and airport Wi-Fi.' },
    },
  },
  {
    id: 'change_waf_rules', ref: 'CHG-48163', at: clock('10:12'), team: 'WAF', system: 'WAF managed rules',
    text: 'WAF managed rules: new detections for a CMS plugin vulnerability', short: 'WAF managed rules update',
    rolloutMinutes: 15, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, owner: 'WAF team: the managed ruleset is back on the previous version; the new CMS plugin detections are gone.', reopens: 'exploitation of the CMS plugin vulnerability the new detections blocked' },
  },
  {
    id: 'change_dns_any', ref: 'CHG-48166', at: clock('10:20'), team: 'DNS', system: 'authoritative DNS',
    text: 'Authoritative DNS: rate-limit profile for ANY queries on all zones', short: 'Authoritative DNS rate limit for ANY queries',
    rolloutMinutes: 20, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, owner: 'DNS team: ANY queries are no longer rate-limited.', reopens: 'use of our authoritative DNS for ANY-query amplification' },
  },
  {
    id: 'change_lb_interval', ref: 'CHG-48169', at: clock('10:30'), team: 'Load Balancing', system: 'health checks',
    text: 'Load Balancing: default health-check interval 60 s → 30 s for new pools', short: 'Load Balancing default health-check interval',
    rolloutMinutes: 10, progress: { kind: 'percent', of: 'health checkers' },
    rollback: { minutes: 5, owner: 'Load Balancing: new pools default to 60-second health checks again.' },
  },
  {
    id: 'change_resolver_config', ref: 'CHG-48172', at: clock('10:40'), team: 'Resolver', system: '1.1.1.1 resolver, gradual',
    text: '1.1.1.1: DNSSEC trust-anchor update and a new serve-stale TTL', short: '1.1.1.1 resolver configuration update',
    rolloutMinutes: 90, progress: { kind: 'percent', of: 'data centres' },
    rollback: {
      minutes: 30, owner: 'Resolver team: 1.1.1.1 is back on the previous trust anchors and serve-stale TTL.',
      report: { title: '1.1.1.1 failing DNSSEC for a few domains', text: 'Users of 1.1.1.1 report DNSSEC validation failures (SERVFAIL) for a handful of domains that resolved fine this morning.' },
    },
  },
  {
    id: 'change_images_avif', ref: 'CHG-48175', at: clock('10:48'), team: 'Images', system: 'image resizing',
    text: 'Images: AVIF output enabled by default for newly created zones', short: 'Images AVIF output by default',
    rolloutMinutes: 20, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, owner: 'Images team: AVIF is off by default again for new zones.' },
  },
  {
    id: 'change_tls_rotation', ref: 'CHG-48178', at: clock('10:58'), team: 'Edge TLS', system: 'edge certificates',
    text: 'Scheduled rotation of edge TLS certificates and keys, batch 3 of 6', short: 'Edge TLS certificate rotation, batch 3',
    rolloutMinutes: 240, progress: { kind: 'percent', of: 'certificates' },
    rollback: { minutes: 30, owner: 'Edge TLS: batch 3 is back on the previous certificates and keys.', reopens: 'the rotated-out keys are back in service past their rotation date' },
  },
  {
    id: GRANT_CHANGE, ref: 'CHG-48181', at: clock('11:05'), team: 'Database Platform', system: 'ClickHouse analytics cluster',
    text: 'ClickHouse access control: explicit grants on the underlying r0 tables', short: 'ClickHouse access control: explicit grants on r0 tables',
    rolloutMinutes: 100, progress: { kind: 'grant-nodes' },
    rollback: {
      minutes: 40, owner: 'Database Platform: the access-control change is reverted on every ClickHouse node; users are back on the previous grants.',
      reopens: 'the previous, implicit access model on the analytics cluster',
    },
  },
  {
    id: 'change_clickhouse_column', ref: 'CHG-48183', at: clock('11:09'), team: 'Data Platform', system: 'ClickHouse analytics cluster',
    text: 'ClickHouse: new column on the sampled request table for Logpush jobs', short: 'ClickHouse new column for Logpush',
    rolloutMinutes: 15, progress: { kind: 'count', n: 24, of: 'nodes' },
    rollback: {
      minutes: 10, owner: 'Data Platform: the new column is dropped from the sampled request table.',
      report: { title: 'Logpush jobs failing', text: 'Customers report Logpush jobs that use the new field failing since a few minutes ago.' },
    },
  },
  {
    id: 'change_tiered_cache', ref: 'CHG-48186', at: clock('11:12'), team: 'Cache', system: 'Tiered Cache, gradual',
    text: 'Tiered Cache: new upper-tier selection for Asia-Pacific data centres', short: 'Tiered Cache upper tiers for Asia-Pacific',
    rolloutMinutes: 180, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 20, after: { p99: 8 }, owner: 'Cache team: Asia-Pacific is back on the previous upper tiers; cache hit ratio there drops by about a point.' },
  },
  {
    id: 'change_stream_autoscale', ref: 'CHG-48188', at: clock('11:15'), team: 'Stream', system: 'Stream transcoders',
    text: 'Stream: lower autoscaling thresholds for the transcoder pools', short: 'Stream transcoder autoscaling thresholds',
    rolloutMinutes: 10, progress: { kind: 'percent', of: 'pools' },
    rollback: { minutes: 5, owner: 'Stream team: transcoder autoscaling is back on the old thresholds; queue times rise at peak.' },
  },
  {
    id: 'change_anycast_sin', ref: 'CHG-48190', at: clock('11:18'), team: 'Network Engineering', system: 'anycast announcements',
    text: 'Anycast: announce customer prefixes from the new Singapore capacity', short: 'Anycast prefixes for new Singapore capacity',
    rolloutMinutes: 10, progress: { kind: 'percent', of: 'prefixes' },
    rollback: { minutes: 10, after: { p99: 12 }, owner: 'Network Engineering: the new Singapore capacity no longer announces customer prefixes; its traffic goes to neighbouring sites.' },
  },
  {
    id: 'change_billing_scheduler', ref: 'CHG-48192', at: clock('11:21'), team: 'Billing', system: 'batch jobs',
    text: 'Billing: usage export job moved to the new job scheduler', short: 'Billing usage export on the new scheduler',
    rolloutMinutes: 5, progress: { kind: 'percent', of: 'jobs' },
    rollback: { minutes: 5, owner: 'Billing: the usage export runs on the old scheduler again; today\'s run will start an hour late.' },
  },
  {
    id: 'change_turnstile_widget', ref: 'CHG-48194', at: clock('11:24'), team: 'Turnstile', system: 'Turnstile, staged',
    text: 'Turnstile: widget script v3 on the dashboard login page, staged', short: 'Turnstile widget v3 on the dashboard login page',
    rolloutMinutes: 120, progress: { kind: 'stages', n: 4 },
    rollback: { minutes: 15, owner: 'Turnstile team: the dashboard login page loads widget script v2 again.' },
  },
  {
    id: 'change_fl_logformat', ref: 'CHG-48195', at: clock('11:26'), team: 'Edge Proxy', system: 'FL configuration push',
    text: 'FL: access-log format change for the upstream timing fields', short: 'FL access-log format change',
    rolloutMinutes: 10, progress: { kind: 'percent', of: 'data centres' },
    rollback: { minutes: 5, owner: 'Edge Proxy team: FL writes the old access-log format again; the new upstream timing fields are gone from log-based dashboards.' },
  },
  {
    id: 'change_alert_routing', ref: 'CHG-48197', at: clock('11:29'), team: 'Observability', system: 'alerting',
    text: 'Alert routing: new escalation policy for the edge on-call rotation', short: 'Alert routing escalation policy for the edge on-call',
    rolloutMinutes: 5, progress: { kind: 'percent', of: 'routes' },
    rollback: { minutes: 2, owner: 'Observability: edge alerts escalate under the old policy again.' },
  },
  {
    id: 'change_object_index', ref: 'CHG-48199', at: clock('11:33'), team: 'Storage', system: 'object storage metadata',
    text: 'Object storage: background rebuild of a metadata index, throttled', short: 'Object storage metadata index rebuild',
    rolloutMinutes: 240, progress: { kind: 'percent', of: 'partitions' },
    rollback: { minutes: 10, owner: 'Storage team: the index rebuild is stopped and the old index kept; listing requests stay slow for large buckets.' },
  },
];

export const changeById = (id: string): ChangeEntry | undefined => CHANGES.find((c) => c.id === id);
