/**
 * What each investigation uncovers, computed from the state at the moment it completes, and the
 * leads it gives a team (the lead graph is in docs/model.md).
 */
import { formatClockSeconds, type EvidenceBody } from '../../server/engine/index.ts';
import { BASELINE_RPS, FL1_MANAGED_SHARE, FL1_SHARE, REGIONS, TEST_ENDPOINT_SHARE } from './traffic-profile.ts';
import { averageBroken, brokenFraction, bufferRollout, fl1TrafficShare, globalFailingShare, movedToFl2, type Dec05State } from './state.ts';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
export const LUA_ERROR = "[lua] Failed to run module rulesets callback late_routing: /usr/local/nginx-fl/lua/modules/init.lua:314: attempt to index field 'execute' (a nil value)";
/** Below this traffic-weighted share of broken nodes, the bug's traces are lost in the noise. */
const VISIBLE = 0.05;
/** Log and metric queries look this far back, so a problem fixed minutes ago still shows. */
const LOOKBACK_SECONDS = 30 * 60;

/** The last episode of impact, if it ended within the lookback window: "from … to …". */
function pastEpisode(m: Dec05State, t: number): string | null {
  if (m.impactSince === null || m.recoveredAt === null || t - m.recoveredAt > LOOKBACK_SECONDS) return null;
  return `from ${formatClockSeconds(m.impactSince)} to ${formatClockSeconds(m.recoveredAt)}`;
}

export function proxyLogs(m: Dec05State, proxy: string, t: number): EvidenceBody {
  const perSecond = Math.round(BASELINE_RPS * globalFailingShare(m, t));
  if (proxy === 'fl2') {
    return {
      summary: 'FL2 (Rust) error logs are at their normal background level.',
      detail: `FL2 serves ${pct(1 - fl1TrafficShare(m, t))} of HTTP traffic with its usual ~0.1% of 5xx, all upstream (origin) errors. No rules-engine errors.`,
      table: { columns: ['level', 'message', 'per second'], rows: [['warn', 'upstream connect error (origin)', 9_400]] },
    };
  }
  if (perSecond < 1000) {
    const past = pastEpisode(m, t);
    if (past) {
      return {
        leads: ['component_fl1_rules_engine'],
        shows: ['fl1_lua_execute_nil'],
        summary: `FL1 error logs are back to normal now; ${past} they were dominated by one Lua exception in the rules engine, each answered with HTTP 500.`,
        detail: `${LUA_ERROR}\nOnly requests of zones that use the Managed Ruleset hit it: the rulesets module failed while reading the results of a rule whose action is "execute". None since ${formatClockSeconds(m.recoveredAt!)}.`,
        table: { columns: ['level', 'message', 'per second now'], rows: [['error', LUA_ERROR, 0], ['warn', 'upstream connect error (origin)', 8_100]] },
      };
    }
    return {
      summary: 'FL1 error logs are at their normal background level.',
      detail: 'Only the usual upstream (origin) errors.',
      table: { columns: ['level', 'message', 'per second'], rows: [['warn', 'upstream connect error (origin)', 8_100]] },
    };
  }
  return {
    leads: ['component_fl1_rules_engine'],
    shows: ['fl1_lua_execute_nil'],
    summary: `FL1 logs are dominated by one Lua exception in the rules engine, about ${(perSecond / 1e6).toFixed(1)} million per second, each answered with HTTP 500.`,
    detail: `${LUA_ERROR}\nFirst seen at ${formatClockSeconds(m.killswitchSentAt ?? t)} in the first data centres, everywhere within a minute. Only requests of zones that use the Managed Ruleset hit it: the rulesets module fails while reading the results of a rule whose action is "execute".`,
    table: {
      columns: ['level', 'message', 'per second'],
      rows: [['error', LUA_ERROR, perSecond], ['error', 'status 500 returned to client (rulesets callback failed)', perSecond], ['warn', 'upstream connect error (origin)', 8_100]],
    },
  };
}

export function recentChanges(m: Dec05State, system: string, t: number): EvidenceBody {
  if (system === 'gradual_deployment') {
    const progress = `${Math.round(bufferRollout(m, t) * 100)}% of the fleet${m.bufferRevertedAt !== null ? ', rolling back' : ''}`;
    return {
      leads: ['change_body_buffer'],
      summary: `Gradual deployment system: one change in flight, the WAF request-body buffer raised from 128 KB to 1 MB, now on ${progress}.`,
      detail: 'Started 08:05 to protect customers against the React Server Components RCE (CVE-2025-55182): 1 MB is the default body limit of Next.js. It advances stage by stage behind health gates, on FL1 and FL2 alike; every gate passed so far and its share of the fleet grows slowly, with no jump at any particular minute.',
      table: { columns: ['started', 'change', 'system', 'progress'], rows: [['08:05', 'WAF body buffer 128 KB → 1 MB (CVE-2025-55182)', 'gradual deployment', progress]] },
    };
  }
  const rows: (string | number)[][] = [['08:21:40', 'IP list update: corporate VPN egress ranges', 'global configuration', 'propagated']];
  if (m.killswitchSentAt !== null) {
    rows.push([formatClockSeconds(m.killswitchSentAt), 'Killswitch on the WAF rule that invokes the internal WAF testing tool (rule action: execute): the tool does not support the 1 MB body buffer', 'global configuration', 'propagated within seconds']);
  }
  if (m.killswitchRevertedAt !== null) rows.push([formatClockSeconds(m.killswitchRevertedAt), 'Revert of the killswitch change', 'global configuration', 'propagated']);
  if (m.managedRulesDisabledAt !== null) rows.push([formatClockSeconds(m.managedRulesDisabledAt), 'Managed Ruleset disabled for FL1 zones', 'global configuration', 'propagated']);
  return {
    leads: m.killswitchSentAt === null ? ['change_ip_list'] : ['change_ip_list', 'change_waf_killswitch'],
    ...(m.killswitchSentAt === null ? {} : { shows: ['killswitch_change_at_onset'] }),
    summary: m.killswitchSentAt === null
      ? 'Global configuration system: no WAF change in the last hour.'
      : `Global configuration system: a killswitch change to a WAF rule at ${formatClockSeconds(m.killswitchSentAt)}, propagated to the whole network within seconds (no gradual rollout).`,
    detail: 'Global configuration changes skip staged rollout: they reach every data centre within seconds.'
      + (m.killswitchSentAt === null ? '' : ' The killswitch procedure had never before been applied to a rule whose action is "execute".'),
    table: { columns: ['at', 'change', 'system', 'state'], rows },
  };
}

export function affectedCustomers(m: Dec05State, t: number): EvidenceBody {
  const moved = movedToFl2(m, t);
  const global = REGIONS.filter((r) => r.receivesGlobalConfig).reduce((s, r) => s + r.weight, 0);
  const broken = averageBroken(m, t) / global;
  const failingPct = `${(100 * broken * (1 - TEST_ENDPOINT_SHARE)).toFixed(1)}%`;
  const china = REGIONS.find((r) => !r.receivesGlobalConfig)!;
  return {
    leads: broken > VISIBLE || pastEpisode(m, t) ? ['segment_fl1_managed'] : [],
    ...(broken > VISIBLE || pastEpisode(m, t) ? { shows: ['only_fl1_managed_failing'] } : {}),
    summary: broken > VISIBLE
      ? `Only customers on the FL1 proxy that use the Cloudflare Managed Ruleset fail: ${failingPct} of their requests are HTTP 500. FL2, FL1 without the Managed Ruleset and the China network are unaffected.`
      : pastEpisode(m, t)
        ? `No customer segment shows elevated errors now. ${pastEpisode(m, t)!.replace(/^f/, 'F')}, customers on the FL1 proxy that use the Cloudflare Managed Ruleset got HTTP 500; FL2, FL1 without the Managed Ruleset and the China network were unaffected.`
        : 'No customer segment shows elevated errors.',
    detail: `FL1 + Managed Ruleset is ${pct(FL1_MANAGED_SHARE * (1 - moved))} of HTTP traffic${moved > 0 ? ` (${pct(moved)} of those customers already moved to FL2)` : ''}. Free, Pro, Business and Enterprise plans are all represented: the split follows the proxy and the ruleset, not the plan.`,
    table: {
      columns: ['segment', 'share of HTTP traffic', '5xx'],
      rows: [
        ['FL1 + Managed Ruleset (outside China)', pct((FL1_MANAGED_SHARE - china.weight * china.fl1Share * china.managedShare) * (1 - moved)), failingPct],
        ['FL1 without Managed Ruleset', pct(FL1_SHARE - FL1_MANAGED_SHARE), '0.1%'],
        ['FL2 (all customers)', pct(1 - FL1_SHARE + FL1_MANAGED_SHARE * moved), '0.1%'],
        [`${china.label}`, pct(china.weight), '0.1%'],
      ],
    },
  };
}

export function trafficAnalysis(m: Dec05State, t: number): EvidenceBody {
  const failing = globalFailingShare(m, t);
  return {
    summary: `Request volume is within ${Math.max(1, Math.round(12 * failing))}% of the weekly baseline: no attack signature, no new traffic sources.`,
    detail: 'Top source ASNs, countries and bot-score distribution match the same hour last week. The small rise is clients retrying failed requests. DDoS systems report no attack in progress.',
    table: {
      columns: ['measure', 'now', 'same time last week'],
      rows: [
        ['requests per second', `${((BASELINE_RPS * (1 + 0.12 * failing)) / 1e6).toFixed(1)} M`, `${(BASELINE_RPS / 1e6).toFixed(1)} M`],
        ['share of likely-automated requests', '31%', '31%'],
        ['top source ASN share', '4.2%', '4.1%'],
        ['DDoS mitigations triggered (last 10 min)', 12, 11],
      ],
    },
  };
}

export function dashboardCheck(m: Dec05State, t: number): EvidenceBody {
  const broken = averageBroken(m, t) > VISIBLE;
  return {
    summary: broken
      ? 'The dashboard and API backends are healthy; their errors are HTTP 500s answered at the edge before requests reach them, the same 500s customer sites get.'
      : 'The dashboard and API backends are healthy and so is the edge in front of them.',
    detail: 'Backend error rate 0.2%, latency normal, no deploys today. Dashboard and API requests enter through the same edge as customer traffic'
      + (broken ? '; those crossing FL1 with the Managed Ruleset fail there. The dashboard is a symptom, not the cause.' : '.'),
    table: {
      columns: ['component', 'state'],
      rows: [['API backend (core)', 'healthy'], ['Dashboard backend (core)', 'healthy'], ['Edge requests for dashboard/API', broken ? 'HTTP 500 on FL1 + Managed Ruleset' : 'normal']],
    },
  };
}

export function traceCheck(m: Dec05State, t: number): EvidenceBody {
  const europe = REGIONS.findIndex((r) => r.id === 'europe');
  const broken = brokenFraction(m, europe, t) * (1 - movedToFl2(m, t)) > 0.5;
  return {
    summary: broken
      ? '/cdn-cgi/trace answers 200 on affected zones while every other path returns 500: the edge is up and routing; requests fail in the rules engine.'
      : '/cdn-cgi/trace and normal pages both answer 200 on the probed zones.',
    detail: 'Probed from several European data centres: zones on FL1 with the Managed Ruleset, FL1 without it, and FL2.',
    table: {
      columns: ['zone', 'proxy', 'GET /cdn-cgi/trace', 'GET /'],
      rows: [
        ['shop.example (Managed Ruleset)', 'FL1', '200 (fl=…, h=shop.example)', broken ? '500' : '200'],
        ['blog.example (no Managed Ruleset)', 'FL1', '200', '200'],
        ['news.example (Managed Ruleset)', 'FL2', '200', '200'],
      ],
    },
  };
}

export function wafStats(m: Dec05State, t: number): EvidenceBody {
  const broken = averageBroken(m, t) > VISIBLE;
  const past = pastEpisode(m, t);
  const killswitch = m.killswitchSentAt === null
    ? 'No managed WAF rule is overridden or switched off.'
    : `${m.killswitchRevertedAt === null ? 'One rule in the managed WAF configuration has a killswitch applied' : `Until its revert at ${formatClockSeconds(m.killswitchRevertedAt)}, one rule in the managed WAF configuration had a killswitch applied`}: the rule whose action is "execute" that invokes the internal WAF testing tool. No killswitch had ever been applied to an execute rule before; FL1's Lua code still reads rule_result.execute.results for a skipped rule.`;
  return {
    // The detail names the switched-off rule and FL1's Lua code: both become leads once shown.
    leads: m.killswitchSentAt === null ? [] : ['change_waf_killswitch', 'component_fl1_rules_engine'],
    summary: broken
      ? 'On FL1 the Managed Ruleset no longer completes: the rulesets late_routing callback fails on every request; on FL2 executions are normal.'
      : past
        ? `Managed Ruleset executions complete normally now; ${past} the FL1 rulesets late_routing callback failed on every request of affected zones.`
        : 'Managed Ruleset executions complete normally on FL1 and FL2.',
    detail: killswitch,
    table: {
      columns: ['proxy', 'managed ruleset executions completed', 'callback failures'],
      rows: [['FL1', broken ? 'almost none on affected zones' : 'all', broken ? 'late_routing: nil index on execute' : 'none'], ['FL2', 'all', 'none']],
    },
  };
}
