/**
 * The two change logs of 4–5 December as this model has them. The gradual deployment system stages
 * a change behind health gates over hours; the global configuration system reaches every data
 * centre within seconds (PM5). Two rows are from the fact sheet: the body-buffer increase (gradual,
 * before 08:47) and the killswitch (global, 08:47); the IP list update was already a decoy; every
 * other row is an illustrative routine change (assumption, docs/model.md). Each is a `change` lead.
 *
 * What undoing one does is part of the model (`undo`): a global revert propagates in about a minute,
 * a gradual rollback stage by stage; effects are in the units of the signals they move, `during`
 * while it runs and `after` ramping in as it completes.
 */
import { clock } from '../../server/engine/index.ts';

export type DeploySystem = 'gradual_deployment' | 'global_config';

export interface UndoEffects {
  /** Points of 5xx on all HTTP traffic. */
  all_5xx?: number;
  /** Points of 5xx on FL2 traffic (FL2's own signal; the global one by FL2's share). */
  fl2_5xx?: number;
  /** p99 latency, ms. */
  p99?: number;
  /** Points of dashboard and API errors. */
  dash_err?: number;
}
export const UNDO_KEYS: readonly (keyof UndoEffects)[] = ['all_5xx', 'fl2_5xx', 'p99', 'dash_err'];

export interface Undo {
  minutes: number;
  during?: UndoEffects;
  after?: UndoEffects;
  /** What the owning team posts when it is done. */
  owner: string;
  report?: { title: string; text: string };
  /** What a security change closed and undoing it reopens (outside the model: scoring prices it). */
  reopens?: string;
}

export interface Dec05Change {
  id: string;
  ref: string;
  system: DeploySystem;
  /** Sent (global) or started (gradual), sim seconds; yesterday's are negative. */
  at: number;
  team: string;
  text: string;
  /** Short name for leads and the undo option. */
  short: string;
  /** Gradual only: stages and how long the whole rollout takes. */
  stages?: number;
  rolloutMinutes?: number;
  undo: Undo;
}

const DAY = 24 * 3600;
const at = (hhmmss: string) => clock(hhmmss.slice(0, 5)) + Number(hhmmss.slice(6) || 0);
const yesterday = (hhmmss: string) => at(hhmmss) - DAY;

export const KILLSWITCH = 'change_waf_killswitch';
export const BODY_BUFFER = 'change_body_buffer';
/** PM5: the body-buffer increase started before 08:47; its start and pace are illustrative. */
export const BODY_BUFFER_STARTED = clock('08:05');

export const CHANGES: readonly Dec05Change[] = [
  // The gradual deployment system: staged, health-gated, hours per change.
  {
    id: 'change_logging_sampling', ref: 'DEP-20931', system: 'gradual_deployment', at: yesterday('21:30'), team: 'Observability',
    text: 'Access-log sampling on FL1 and FL2 from 1:100 to 1:50', short: 'Access-log sampling 1:100 → 1:50', stages: 4, rolloutMinutes: 180,
    undo: { minutes: 20, owner: 'Observability: access-log sampling is back to 1:100 on both proxies.' },
  },
  {
    id: 'change_edge_os_patch', ref: 'DEP-20944', system: 'gradual_deployment', at: at('05:00'), team: 'Infrastructure',
    text: 'Edge OS security patch, rolling reboot of edge hosts', short: 'Edge OS security patch (rolling reboot)', stages: 6, rolloutMinutes: 360,
    undo: { minutes: 25, during: { all_5xx: 0.2, p99: 30 }, owner: 'Infrastructure: hosts that had the patch are back on the previous image; each was rebooted again.', reopens: 'the OS vulnerability the patch fixed' },
  },
  {
    id: 'change_fl2_release', ref: 'DEP-20950', system: 'gradual_deployment', at: at('06:40'), team: 'Edge Proxy',
    text: 'FL2 release 2025.12.04.1: fix for 502s on long-lived WebSocket upgrades', short: 'FL2 release 2025.12.04.1', stages: 5, rolloutMinutes: 300,
    undo: {
      minutes: 15, during: { fl2_5xx: 0.5, p99: 40 }, after: { fl2_5xx: 0.25 },
      owner: 'Edge Proxy: FL2 is back on release 2025.11.27.3 where the new one had reached; FL2 processes restarted on the way.',
      report: { title: 'WebSockets dropping again', text: 'Customers report long-lived WebSocket connections failing with 502 again, as they did until this morning.' },
    },
  },
  {
    id: 'change_fl1_tls_cache', ref: 'DEP-20953', system: 'gradual_deployment', at: at('07:15'), team: 'Edge Proxy',
    text: 'FL1: larger TLS session cache for busy data centres', short: 'FL1 TLS session cache size', stages: 3, rolloutMinutes: 90,
    undo: { minutes: 10, after: { p99: 15 }, owner: 'Edge Proxy: FL1 TLS session caches are back to the previous size; more full handshakes at peak.' },
  },
  {
    id: 'change_image_codec', ref: 'DEP-20957', system: 'gradual_deployment', at: at('07:50'), team: 'Images',
    text: 'Image resizing: new AVIF encoder library version', short: 'Image resizing AVIF encoder library', stages: 4, rolloutMinutes: 60,
    undo: { minutes: 10, owner: 'Images: image resizing is back on the previous encoder library.' },
  },
  {
    id: BODY_BUFFER, ref: 'DEP-20961', system: 'gradual_deployment', at: BODY_BUFFER_STARTED, team: 'WAF',
    text: 'WAF request-body buffer 128 KB → 1 MB (CVE-2025-55182)', short: 'WAF body buffer 128 KB → 1 MB', stages: 10, rolloutMinutes: 150,
    undo: {
      minutes: 33, owner: 'WAF team: the request-body buffer is back to 128 KB where the increase had reached.',
      report: { title: 'Exploit attempts above 128 KB', text: 'The security team sees CVE-2025-55182 exploit attempts with bodies above 128 KB passing uninspected on zones where the buffer was rolled back.' },
      reopens: 'CVE-2025-55182 payloads above 128 KB uninspected',
    },
  },
  {
    id: 'change_workers_release', ref: 'DEP-20964', system: 'gradual_deployment', at: at('08:20'), team: 'Workers Runtime',
    text: 'Workers runtime release with an updated V8 version', short: 'Workers runtime release (V8 update)', stages: 5, rolloutMinutes: 240,
    undo: { minutes: 15, during: { all_5xx: 0.1 }, owner: 'Workers Runtime: the previous runtime is back where the release had reached.', reopens: 'the V8 fixes the release carried' },
  },
  {
    id: 'change_cache_eviction', ref: 'DEP-20967', system: 'gradual_deployment', at: at('08:35'), team: 'Cache',
    text: 'Cache: new eviction policy for objects above 512 MB', short: 'Cache eviction policy for large objects', stages: 4, rolloutMinutes: 200,
    undo: { minutes: 10, after: { p99: 6 }, owner: 'Cache: large objects are evicted under the old policy again.' },
  },
  {
    id: 'change_resolver_release', ref: 'DEP-20970', system: 'gradual_deployment', at: at('08:44'), team: 'Resolver',
    text: '1.1.1.1 resolver release: faster negative caching', short: '1.1.1.1 resolver release', stages: 5, rolloutMinutes: 240,
    undo: { minutes: 10, owner: 'Resolver: 1.1.1.1 is back on the previous release where the new one had reached.' },
  },
  // The global configuration system: every data centre within seconds.
  {
    id: 'change_ratelimit_default', ref: 'CFG-771204', system: 'global_config', at: yesterday('17:02:11'), team: 'Rate Limiting',
    text: 'Rate limiting: default threshold for new zones 1,000 → 800 req/min', short: 'Rate limiting default for new zones',
    undo: { minutes: 1, owner: 'Rate Limiting: new zones get the 1,000 req/min default again.' },
  },
  {
    id: 'change_dns_ttl', ref: 'CFG-771318', system: 'global_config', at: at('06:12:05'), team: 'DNS',
    text: 'DNS: TTL of internal service records 300 s → 60 s', short: 'DNS TTL of internal service records',
    undo: { minutes: 1, owner: 'DNS: internal service records are back to a 300-second TTL.' },
  },
  {
    id: 'change_page_shield', ref: 'CFG-771355', system: 'global_config', at: at('07:30:44'), team: 'Page Shield',
    text: 'Page Shield: script classifier allowlist update', short: 'Page Shield classifier allowlist',
    undo: { minutes: 1, owner: 'Page Shield: the classifier allowlist is back to yesterday\'s version.' },
  },
  {
    id: 'change_purge_limit', ref: 'CFG-771390', system: 'global_config', at: at('07:58:09'), team: 'Cache',
    text: 'Cache: purge-by-tag rate limit for Enterprise zones raised', short: 'Purge-by-tag rate limit for Enterprise',
    undo: { minutes: 1, owner: 'Cache: Enterprise purge-by-tag limits are back to the old rate.', report: { title: 'Purges throttled', text: 'Enterprise customers report purge-by-tag requests throttled with 429 again.' } },
  },
  {
    id: 'change_verified_bots', ref: 'CFG-771402', system: 'global_config', at: at('08:09:31'), team: 'Bot Management',
    text: 'Bot Management: verified-bots list refresh', short: 'Verified-bots list refresh',
    undo: { minutes: 1, owner: 'Bot Management: the verified-bots list is back to yesterday\'s; two new crawlers are unverified again.' },
  },
  {
    id: 'change_ip_list', ref: 'CFG-771415', system: 'global_config', at: at('08:21:40'), team: 'Corporate Security',
    text: 'IP list update: corporate VPN egress ranges', short: 'IP list update',
    undo: {
      minutes: 1, owner: 'Corporate Security: the corporate VPN IP list is back to yesterday\'s ranges.',
      report: { title: 'Staff locked out of internal tools', text: 'IT: staff connected through the new VPN egress ranges can no longer reach internal tools that allowlist the corporate list.' },
    },
  },
  {
    id: 'change_kv_flag', ref: 'CFG-771431', system: 'global_config', at: at('08:33:52'), team: 'Workers KV',
    text: 'Workers KV: feature flag for a new read path, 5% of accounts', short: 'Workers KV read-path flag',
    undo: { minutes: 1, owner: 'Workers KV: the new read path is off again for the 5% of accounts that had it.' },
  },
  {
    id: 'change_lb_steering', ref: 'CFG-771440', system: 'global_config', at: at('08:41:17'), team: 'Load Balancing',
    text: 'Load Balancing: steering policy change for one customer migration', short: 'Load Balancing steering policy',
    undo: { minutes: 1, owner: 'Load Balancing: the customer\'s pools steer traffic as before their migration step.', report: { title: 'Migration step undone', text: 'A customer asks why traffic went back to the origin pool they were migrating away from.' } },
  },
  {
    id: 'change_waf_quota', ref: 'CFG-771446', system: 'global_config', at: at('08:44:20'), team: 'WAF',
    text: 'WAF: custom-rule quota for Enterprise accounts 1,000 → 1,500', short: 'WAF custom-rule quota for Enterprise',
    undo: { minutes: 1, owner: 'WAF team: the Enterprise custom-rule quota is back to 1,000; accounts above it cannot add rules.' },
  },
  {
    id: KILLSWITCH, ref: 'CFG-771452', system: 'global_config', at: at('08:47:00'), team: 'WAF',
    text: 'WAF: killswitch on the internal WAF testing tool\'s rule', short: 'WAF rule killswitch',
    undo: { minutes: 1, owner: 'WAF team: the killswitch is off again; the internal testing tool\'s rule runs as before.' },
  },
  {
    id: 'change_ddos_threshold', ref: 'CFG-771458', system: 'global_config', at: at('08:49:12'), team: 'DDoS Protection',
    text: 'DDoS: per-data-centre SYN threshold tuning in South America', short: 'DDoS SYN threshold tuning',
    undo: { minutes: 1, owner: 'DDoS Protection: South American SYN thresholds are back to their previous values.', reopens: 'the tighter SYN-flood thresholds in South America' },
  },
  {
    id: 'change_email_spf', ref: 'CFG-771463', system: 'global_config', at: at('08:52:40'), team: 'Email Routing',
    text: 'Email Routing: new SPF include for a forwarding partner', short: 'Email Routing SPF include',
    undo: { minutes: 1, owner: 'Email Routing: the partner\'s SPF include is removed; its forwarded mail fails SPF again.' },
  },
  {
    id: 'change_posture_interval', ref: 'CFG-771470', system: 'global_config', at: at('08:55:03'), team: 'Zero Trust',
    text: 'Zero Trust: device posture check interval 5 min → 2 min', short: 'Device posture check interval',
    undo: { minutes: 1, owner: 'Zero Trust: device posture is checked every 5 minutes again.' },
  },
  {
    id: 'change_tcp_ports', ref: 'CFG-771482', system: 'global_config', at: at('09:02:30'), team: 'TCP Proxy',
    text: 'TCP proxy: new port range for one gaming customer', short: 'TCP proxy port range',
    undo: { minutes: 1, owner: 'TCP Proxy: the customer\'s new port range is closed again.', report: { title: 'Game servers unreachable', text: 'A gaming customer reports players cannot reach servers on the new port range.' } },
  },
];

export const changeById = (id: string): Dec05Change | undefined => CHANGES.find((c) => c.id === id);
