/**
 * Evidence, computed from the hidden state at the moment an investigation completes. Red herrings
 * are real findings that point away from the cause (as on the day). No noise: a query returns facts.
 * `leads` are what a responder learns to look at next; the lead graph is in docs/model.md.
 */
import type { EvidenceBody, ModelContext, ParamValues } from '../../server/engine/index.ts';
import {
  CLICKHOUSE_NODES, FEATURE_LIMIT, NORMAL_FEATURES, R0_EXTRA_FEATURES, REGIONS, SCL_MAINTENANCE, START,
  coreShares, isBadFile, kvFail, nodeUpdated, regionBad, residual5xx, statusPageDown, updatedCount, type CfState,
} from './model-state.ts';
import { BASE_5XX } from './signals.ts';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
function hhmm(t: number): string {
  const min = Math.floor(t / 60);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
function hhmmss(t: number): string {
  const s = Math.floor(t);
  return `${hhmm(s)}:${String(s % 60).padStart(2, '0')}`;
}

export function investigate(m: CfState, inv: { id: string; params: ParamValues }, { t }: ModelContext): EvidenceBody {
  const shares = coreShares(m, t);
  switch (inv.id) {
    case 'traffic_analysis': return trafficAnalysis(m, t, shares.fl2Fail);
    case 'status_page_host': return statusPageHost(m, t);
    case 'datacenter_maintenance': return { ...maintenance(m, t), leads: ['event_scl_maintenance'] };
    case 'kv_gateway_errors': return kvGateway(m, t, shares.bad);
    case 'proxy_logs': return inv.params.proxy === 'fl' ? flLogs(m, t, shares.flZero) : fl2Logs(m, t);
    case 'feature_file_history': return { ...fileHistory(m), leads: ['artefact_feature_file', 'pipeline_feature_generation', 'component_clickhouse'] };
    case 'change_log': return { ...changeLog(m, t), leads: CHANGE_LEADS, shows: ['grant_change_listed'] };
    case 'generation_query': return { ...generationQuery(m, t), leads: ['component_clickhouse'] };
    case 'clickhouse_cluster': return { ...clickhouse(m, t), leads: ['change_clickhouse_grants'], shows: ['grant_change_listed'] };
    case 'cpu_profile': return cpuProfile(m, t, shares.fl2Fail);
    case 'bgp_routing': return bgp();
    case 'bot_score_distribution': return botScores(m, t);
    default: return { summary: 'Nothing found.', detail: `No such investigation: ${inv.id}.` };
  }
}

function trafficAnalysis(m: CfState, t: number, fl2Fail: number): EvidenceBody {
  const diurnal = 1 + 0.08 * Math.sin((Math.PI * (t - START)) / (8 * 3600));
  const now = 44 * diurnal * (1 + 0.04 * fl2Fail);
  const lastWeek = 44 * diurnal * 0.99;
  return {
    summary: 'Request volume and sources look normal: no attack signature, no unusual source concentration.',
    detail: `Total requests are within ${pct(Math.abs(now / lastWeek - 1))} of the same time last week. Top source networks and countries match the usual mix; `
      + `L3/L4 and L7 attack classifiers see background levels only. Retries of failed requests add ${pct(0.04 * fl2Fail)} to volume.`
      + (m.ddos ? ' DDoS mitigation mode is currently adding challenges to traffic that would not normally be challenged.' : ''),
    table: {
      columns: ['metric', 'now', 'same time last week'],
      rows: [
        ['requests (M rps)', round1(now), round1(lastWeek)],
        ['top-10 ASNs share of requests', '31%', '31%'],
        ['L7 attack-rule matches (k rps)', m.ddos ? 41 : 12, 11],
        ['SYN flood / volumetric alerts', 0, 0],
        ['new source IPs per minute (k)', 380, 372],
      ],
    },
  };
}

function statusPageHost(m: CfState, t: number): EvidenceBody {
  const down = statusPageDown(m, t);
  const [from, to] = m.statusDown[0]!;
  return {
    summary: 'The public status page is hosted by a third-party provider, entirely off Cloudflare: no Cloudflare DNS, CDN or proxy in its path.',
    detail: (down
      ? 'It is returning errors right now. The errors come from the provider\'s own edge, which reports an incident affecting some of its hosted pages.'
      : t >= from ? `It was unreachable from ${hhmm(from)} to ${hhmm(to)}, served errors from the provider's own edge; it is reachable now.` : 'It is reachable.')
      + ' Nothing it depends on runs on Cloudflare infrastructure.',
    table: {
      columns: ['check', 'result'],
      rows: [
        ['DNS for the status page', 'third-party nameservers'],
        ['HTTP path', 'provider CDN → provider origin'],
        ['Cloudflare in path', 'no'],
        ['current probe result', down ? 'HTTP 5xx from provider' : 'reachable'],
      ],
    },
    leads: down || t >= from ? ['event_status_page_down'] : [],
  };
}

function maintenance(m: CfState, t: number): EvidenceBody {
  const active = t >= SCL_MAINTENANCE.from && t < SCL_MAINTENANCE.to;
  return {
    summary: `One scheduled maintenance today: SCL (Santiago), 12:00–15:00 UTC, ${active ? 'in progress' : t < SCL_MAINTENANCE.from ? 'not started yet' : 'finished'}. Errors are not concentrated around it.`,
    detail: 'SCL traffic is re-routed to neighbouring Latin American locations during the window. The 5xx rate by region below is computed over the last minute; Latin America is not worse than other regions.',
    table: {
      columns: ['region', 'HTTP 5xx (last minute)', 'maintenance'],
      rows: REGIONS.map((reg, r) => [reg.id, pct((BASE_5XX + 100 * regionBad(m, r, t) * reg.fl2 + residual5xx(m, t)) / 100), reg.id === 'latam' ? 'SCL 12:00–15:00' : 'none']),
    },
  };
}

function kvGateway(m: CfState, t: number, bad: number): EvidenceBody {
  const kf = kvFail(m, bad);
  if (m.kvBypass) {
    return {
      summary: 'Workers KV gateway errors are at baseline since it was switched to the previous proxy version.',
      detail: 'Storage backends healthy; requests reach the gateway through the previous proxy version without errors.',
      table: { columns: ['hop', '5xx share'], rows: [['client → proxy (previous version)', '0.0%'], ['gateway → storage', '0.0%']] },
    };
  }
  // Either way the trace points at the hop in front of the gateway: the core proxy.
  const leads = ['component_core_proxy'];
  return kf < 0.05
    ? {
      leads,
      summary: 'Workers KV gateway and storage look healthy at the moment.',
      detail: `KV error rate is near baseline right now (${pct(kf)}). Earlier error bursts line up with the core proxy's own 5xx bursts.`,
      table: { columns: ['hop', '5xx share'], rows: [['client → core proxy', pct(kf)], ['core proxy → KV gateway', '0.0%'], ['KV gateway → storage', '0.0%']] },
    }
    : {
      leads,
      summary: 'Workers KV storage is healthy: the 5xx are produced before requests reach the KV front-end gateway, at the core proxy hop in front of it.',
      detail: 'Gateway logs show the failing requests never arrived; the core proxy in front of the gateway answered them with 5xx. Storage read/write latency and error rates are normal.',
      table: {
        columns: ['hop', 'requests (k rps)', '5xx share'],
        rows: [
          ['client → core proxy (FL2)', Math.round(1800 * (1 + 0.35 * kf)), pct(kf)],
          ['core proxy → KV front-end gateway', Math.round(1800 * (1 - kf)), '0.0%'],
          ['KV gateway → storage', Math.round(1800 * (1 - kf)), '0.0%'],
        ],
      },
    };
}

function fl2Logs(m: CfState, t: number): EvidenceBody {
  const { bad } = coreShares(m, t);
  const recentBad = m.files.filter((f) => f.at > t - 3600 && isBadFile(f)).map((f) => hhmm(f.at));
  if (bad < 0.3) {
    return {
      summary: 'FL2 error logs are quiet right now: worker threads healthy.',
      detail: recentBad.length > 0
        ? `Earlier bursts of worker-thread crashes started around ${recentBad.join(', ')}; the detailed log lines have rotated out of the 5-minute hot buffer.`
        : 'No worker-thread crashes in the last hour.',
    };
  }
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 5; i++) {
    rows.push([hhmmss(t - 7 * i - 3), ['lhr', 'iad', 'fra', 'sin', 'gru'][i]!, 'thread fl2_worker_thread panicked: called Result::unwrap() on an Err value']);
  }
  return {
    leads: ['component_core_proxy', 'module_bot_management'],
    shows: ['fl2_bot_module_panic'],
    summary: `FL2 worker threads are panicking at a high rate (${pct(bad)} of FL2 machines affected); each panic turns into a 5xx.`,
    detail: 'Sampled FL2 error log lines. The panic is raised in the bot-management module while loading its features (fetch_features → append_with_names(...).unwrap()).',
    table: { columns: ['time', 'colo', 'message'], rows },
  };
}

function flLogs(m: CfState, t: number, flZero: number): EvidenceBody {
  const share = flZero / REGIONS.reduce((s, r) => s + r.weight * (1 - r.fl2), 0);
  return share > 0.3
    ? {
      leads: ['module_bot_management'],
      summary: 'FL (the older proxy) serves requests without errors, but its bot-management module gives every request a bot score of 0.',
      detail: `${pct(share)} of FL requests in the last minute carry bot score 0 (normally well under 1%). Customers with rules blocking low scores block those requests.`,
      table: { columns: ['bot score', 'share of FL requests'], rows: [['0', pct(share)], ['1–29', pct((1 - share) * 0.08)], ['30–99', pct((1 - share) * 0.92)]] },
    }
    : {
      summary: 'FL (the older proxy) logs are clean; bot scores look normal.',
      detail: `Bot score 0 on ${pct(share)} of FL requests in the last minute.`,
      table: { columns: ['bot score', 'share of FL requests'], rows: [['0', pct(share)], ['1–29', pct((1 - share) * 0.08)], ['30–99', pct((1 - share) * 0.92)]] },
    };
}

function fileHistory(m: CfState): EvidenceBody {
  const recent = m.files.slice(-14);
  const counts = [...new Set(recent.map((f) => f.features))].sort((a, b) => a - b);
  return {
    ...(recent.some((f) => f.features > FEATURE_LIMIT) ? { shows: ['feature_file_over_limit'] } : {}),
    summary: counts.length > 1
      ? `The Bot Management feature file changes size between versions: ${counts.join(' or ')} features; the proxy software that loads it preallocates for 200, so the larger versions exceed its hard limit.`
      : `Every recent feature file has ${counts[0]} features (the proxy software that loads it preallocates for 200).`,
    detail: 'A generated configuration file: regenerated every five minutes from a ClickHouse query and pushed to the whole network. Last versions, newest last:',
    table: {
      columns: ['generated', 'query ran on', 'features'],
      rows: recent.map((f) => [hhmm(f.at), f.node < 0 ? '(pushed by hand)' : `clickhouse-${String(f.node + 1).padStart(2, '0')}`, f.features]),
    },
  };
}

const CHANGE_LEADS = ['change_fl2_release', 'change_kv_gateway_pool', 'change_waf_rules', 'change_resolver_config', 'change_tls_rotation', 'change_clickhouse_grants'];

function changeLog(m: CfState, t: number): EvidenceBody {
  const n = updatedCount(m, t);
  const grant = m.revertFrom !== null
    ? `rolling back since ${hhmm(m.revertFrom)} (${n}/${CLICKHOUSE_NODES} nodes still with new grants)`
    : n < CLICKHOUSE_NODES ? `rolling out (${n}/${CLICKHOUSE_NODES} nodes)` : `complete (${CLICKHOUSE_NODES}/${CLICKHOUSE_NODES} nodes)`;
  return {
    summary: `Six changes in the last 24 hours; ${n < CLICKHOUSE_NODES || m.revertFrom !== null ? 'one still rolling' : 'all complete'}.`,
    detail: 'From the change-management log. Routine changes only; none flagged as risky.',
    table: {
      columns: ['time (UTC)', 'change', 'status'],
      rows: [
        ['yesterday 16:10', 'FL2 proxy release (routine; no bot-management changes)', 'complete, 100%'],
        ['09:45', 'Workers KV front-end gateway: connection-pool tuning', 'complete'],
        ['10:12', 'WAF managed rules update', 'complete'],
        ['10:40', '1.1.1.1 resolver config update', 'complete'],
        ['10:58', 'Scheduled edge TLS certificate rotation', 'complete'],
        ['11:05', 'ClickHouse access control: users get explicit grants on underlying r0 tables', grant],
      ],
    },
  };
}

function generationQuery(m: CfState, t: number): EvidenceBody {
  const rows: (string | number)[][] = [];
  for (let i = 0; i < CLICKHOUSE_NODES; i += 4) {
    const up = nodeUpdated(m, i, t);
    rows.push([`clickhouse-${String(i + 1).padStart(2, '0')}`, up ? 'yes' : 'no', NORMAL_FEATURES, up ? R0_EXTRA_FEATURES : 0]);
  }
  return {
    ...(rows.some((r) => r[1] === 'yes') ? { shows: ['query_returns_r0_rows'] } : {}),
    summary: 'The feature-file job runs a metadata query with no database filter; its result differs between ClickHouse nodes.',
    detail: "Query: SELECT name, type FROM system.columns WHERE table = 'http_requests_features' order by name; — run on whichever node answers. Rows returned by database, per node right now:",
    table: { columns: ['node', 'new grants', 'rows from default', 'rows from r0'], rows },
  };
}

function clickhouse(m: CfState, t: number): EvidenceBody {
  const n = updatedCount(m, t);
  return {
    summary: `ClickHouse cluster healthy: all ${CLICKHOUSE_NODES} nodes up, replication in sync. ${n}/${CLICKHOUSE_NODES} nodes run the new access-control configuration.`,
    detail: 'No query errors, normal latency and disk usage. The access-control change from 11:05 (users get explicit grants on the underlying r0 tables) is applied node by node.',
    table: { columns: ['nodes', 'count'], rows: [['with new grants', n], ['without', CLICKHOUSE_NODES - n], ['unhealthy', 0]] },
  };
}

function cpuProfile(m: CfState, t: number, fl2Fail: number): EvidenceBody {
  const enrich = Math.round(62 * (fl2Fail + residual5xx(m, t) / 100));
  return {
    summary: enrich > 5
      ? `Edge CPU is dominated by error handling: debugging and observability systems enriching uncaught errors use about ${enrich} points of CPU.`
      : 'Edge CPU profile is normal.',
    detail: 'Fleet-wide sampled profile, percentage points of CPU by component.',
    table: {
      columns: ['component', 'CPU points'],
      rows: [['request handling', 24], ['TLS', 8], ['bot management', 4], ['error reporting / debug enrichment', enrich], ['DDoS mitigation', m.ddos ? 7 : 0]],
    },
  };
}

function bgp(): EvidenceBody {
  return {
    summary: 'Routing is stable: BGP sessions up, anycast prefixes announced normally, no leaks or hijacks detected.',
    detail: 'Peering and transit sessions show no flaps beyond background; external looking glasses see our prefixes as usual.',
    table: { columns: ['region', 'sessions down', 'prefix changes (1h)'], rows: REGIONS.map((r) => [r.id, 0, 2]) },
  };
}

function botScores(m: CfState, t: number): EvidenceBody {
  const rows = REGIONS.map((reg, r) => {
    const b = regionBad(m, r, t);
    return [reg.id, pct(b * (1 - reg.fl2) + 0.003), pct(b * reg.fl2)];
  });
  return {
    summary: 'Bot scores by region: share of all requests scored 0, and share answered with 5xx before scoring.',
    detail: 'Requests served by FL get a score; requests on FL2 that fail get no score at all.',
    table: { columns: ['region', 'bot score 0', 'failed before scoring'], rows },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
