/**
 * What each investigation shows, computed from the state when it completes (`t`) over the window
 * its tool covered: searches and metric queries look back over the last 15 minutes to completion
 * (`searchFrom`), probes and change logs show the moment. Data only — grouped log messages with
 * their counts and times, metric tables, change records — never a conclusion the real responders
 * reached afterwards. Leads and `shows` only when the data holds them (docs/model.md).
 */
import { byMinute, clockLabel, formatClockSeconds, seenWithin, windowLabel, type EvidenceBody } from '../../server/engine/index.ts';
import { changeLog } from './change-log.ts';
import { KILLSWITCH, changeById } from './change-catalog.ts';
import { BASELINE_RPS, FL1_MANAGED_SHARE, FL1_SHARE, REGIONS, TEST_ENDPOINT_SHARE } from './traffic-profile.ts';
import { averageBroken, brokenFraction, fl1TrafficShare, globalFailingShare, movedToFl2, type Dec05State } from './state.ts';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
export const LUA_ERROR = "[lua] Failed to run module rulesets callback late_routing: /usr/local/nginx-fl/lua/modules/init.lua:314: attempt to index field 'execute' (a nil value)";
const ORIGIN_ERROR = 'upstream connect error (origin)';
/** Searches and metric queries cover the last 15 minutes up to when they complete. */
const SEARCH_SPAN_S = 15 * 60;
/** Below this traffic-weighted share of broken nodes, the bug's traces are lost in the noise. */
const VISIBLE = 0.05;
const KILLSWITCH_REF = changeById(KILLSWITCH)!.ref;

export const searchFrom = (t: number): number => t - SEARCH_SPAN_S;

const count = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} billion` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : String(Math.round(n)));

export function proxyLogs(m: Dec05State, proxy: string, from: number, t: number): EvidenceBody {
  const window = windowLabel(from, t);
  const origin = proxy === 'fl2' ? 9_400 : 8_100;
  const originRow = ['warn', ORIGIN_ERROR, count(origin * (t - from)), formatClockSeconds(from), formatClockSeconds(t)];
  if (proxy === 'fl2') {
    return {
      summary: `FL2 error log, ${window}, grouped by message: 1 group`,
      detail: `FL2 served ${pct(1 - fl1TrafficShare(m, t))} of HTTP traffic at ${clockLabel(t)}.`,
      table: { columns: ['level', 'message', 'lines', 'first seen', 'last seen'], rows: [originRow] },
    };
  }
  const perSecond = (tau: number) => BASELINE_RPS * globalFailingShare(m, tau);
  const burst = seenWithin(from, t, 5, (tau) => perSecond(tau) > 1000);
  if (!burst) {
    return {
      summary: `FL1 error log, ${window}, grouped by message: 1 group`,
      detail: 'No other message at level error in the window.',
      table: { columns: ['level', 'message', 'lines', 'first seen', 'last seen'], rows: [originRow] },
    };
  }
  const minutes = byMinute(from, t, perSecond);
  const total = minutes.reduce((s, x) => s + x.value * 60, 0);
  return {
    leads: ['component_fl1_rules_engine'],
    shows: ['fl1_lua_execute_nil'],
    summary: `FL1 error log, ${window}, grouped by message: 2 groups`,
    detail: `"${LUA_ERROR}" per second, by minute: ${minutes.map((x) => `${clockLabel(x.minute)} ${count(x.value)}`).join(' · ')}. `
      + 'Requests that logged it were answered with HTTP 500; none of them under /cdn-cgi/.',
    table: {
      columns: ['level', 'message', 'lines', 'first seen', 'last seen'],
      rows: [['error', LUA_ERROR, count(total), formatClockSeconds(burst.first), formatClockSeconds(burst.last)], originRow],
    },
  };
}

export function recentChanges(m: Dec05State, system: string, t: number): EvidenceBody {
  return changeLog(m, system === 'gradual_deployment' ? 'gradual_deployment' : 'global_config', t);
}

/** Share of FL1 + Managed Ruleset requests (outside China) failing at τ. */
function segmentFailing(m: Dec05State, tau: number): number {
  const global = REGIONS.filter((r) => r.receivesGlobalConfig).reduce((s, r) => s + r.weight, 0);
  return (averageBroken(m, tau) / global) * (1 - TEST_ENDPOINT_SHARE);
}

export function affectedCustomers(m: Dec05State, from: number, t: number): EvidenceBody {
  const moved = movedToFl2(m, t);
  const minutes = byMinute(from, t, (tau) => segmentFailing(m, tau));
  const windowMean = minutes.reduce((s, x) => s + x.value, 0) / minutes.length;
  const last = segmentFailing(m, t);
  const visible = Math.max(...minutes.map((x) => x.value), last) > VISIBLE;
  const china = REGIONS.find((r) => !r.receivesGlobalConfig)!;
  const base = '0.1%';
  return {
    ...(visible ? { leads: ['segment_fl1_managed'], shows: ['only_fl1_managed_failing'] } : {}),
    summary: `HTTP 5xx by customer segment, ${windowLabel(from, t)}`,
    detail: `Segments by proxy, WAF configuration and network; 5xx averaged over the window and over the last minute. Free, Pro, Business and Enterprise zones appear in every segment in about their usual proportions.${moved > 0 ? ` ${pct(moved)} of the FL1 + Managed Ruleset zones are now served by FL2.` : ''}`,
    table: {
      columns: ['segment', 'share of HTTP traffic', '5xx (window)', '5xx (last minute)'],
      rows: [
        ['FL1 + Managed Ruleset (outside China)', pct((FL1_MANAGED_SHARE - china.weight * china.fl1Share * china.managedShare) * (1 - moved)), pct(windowMean + 0.001), pct(last + 0.001)],
        ['FL1 without Managed Ruleset', pct(FL1_SHARE - FL1_MANAGED_SHARE), base, base],
        ['FL2 (all customers)', pct(1 - FL1_SHARE + FL1_MANAGED_SHARE * moved), base, base],
        [`${china.label}`, pct(china.weight), base, base],
      ],
    },
  };
}

export function trafficAnalysis(m: Dec05State, from: number, t: number): EvidenceBody {
  const failing = byMinute(from, t, (tau) => globalFailingShare(m, tau));
  const mean = failing.reduce((s, x) => s + x.value, 0) / failing.length;
  return {
    summary: `Traffic sources, ${windowLabel(from, t)}, against the same window last week`,
    detail: `Window averages. Requests that are client retries of a failed request: ${pct(0.12 * mean)}.`,
    table: {
      columns: ['measure', 'this window', 'same window last week'],
      rows: [
        ['requests per second', `${((BASELINE_RPS * (1 + 0.12 * mean)) / 1e6).toFixed(1)} M`, `${(BASELINE_RPS / 1e6).toFixed(1)} M`],
        ['share of likely-automated requests', '31%', '31%'],
        ['top source ASN share', '4.2%', '4.1%'],
        ['DDoS mitigations triggered', 12, 11],
        ['open attack alerts', 0, 0],
      ],
    },
  };
}

export function dashboardCheck(m: Dec05State, from: number, t: number): EvidenceBody {
  const edge = byMinute(from, t, (tau) => averageBroken(m, tau) > VISIBLE ? 1 : 0).some((x) => x.value > 0);
  return {
    summary: `Dashboard and API backends, ${windowLabel(from, t)}`,
    detail: 'Backends in the core data centres; requests traced from the edge. Deploys to the dashboard or API today: none.',
    table: {
      columns: ['component', 'errors (window)', 'p99 latency', 'answered by'],
      rows: [
        ['API backend (core)', '0.2%', '210 ms', 'backend'],
        ['Dashboard backend (core)', '0.2%', '180 ms', 'backend'],
        ['dashboard/API requests at the edge', edge ? 'HTTP 500 on FL1 + Managed Ruleset data centres' : '0.3%', edge ? '—' : '95 ms', edge ? 'edge, before the backend' : 'backend'],
      ],
    },
  };
}

export function traceCheck(m: Dec05State, t: number): EvidenceBody {
  const europe = REGIONS.findIndex((r) => r.id === 'europe');
  const broken = brokenFraction(m, europe, t) * (1 - movedToFl2(m, t)) > 0.5;
  return {
    summary: `Probes from European data centres at ${clockLabel(t)}: 3 zones, 2 paths each`,
    detail: 'One zone on FL1 with the Managed Ruleset, one on FL1 without it, one on FL2.',
    table: {
      columns: ['zone', 'proxy', 'GET /cdn-cgi/trace', 'GET /'],
      rows: [
        ['shop.example (Managed Ruleset)', 'FL1', '200 (fl=…, h=shop.example)', broken ? '500 Internal Server Error' : '200'],
        ['blog.example (no Managed Ruleset)', 'FL1', '200', '200'],
        ['news.example (Managed Ruleset)', 'FL2', '200', '200'],
      ],
    },
  };
}

export function wafStats(m: Dec05State, from: number, t: number): EvidenceBody {
  const failing = (tau: number) => averageBroken(m, tau) > VISIBLE;
  const burst = seenWithin(from, t, 5, failing);
  const inForce = (tau: number) => m.killswitchSentAt !== null && tau >= m.killswitchSentAt && (m.killswitchRevertedAt === null || tau < m.killswitchRevertedAt);
  const killswitched = seenWithin(from, t, 5, inForce) !== null;
  const override = m.killswitchSentAt === null || m.killswitchSentAt > t
    ? 'Overrides in force: none.'
    : `Overrides: killswitch on the managed rule that runs the internal WAF testing tool (rule action: execute), ${KILLSWITCH_REF}, on since ${formatClockSeconds(m.killswitchSentAt)}${m.killswitchRevertedAt !== null && m.killswitchRevertedAt <= t ? `, off since ${formatClockSeconds(m.killswitchRevertedAt)}` : ''}.`;
  return {
    leads: [...(killswitched ? [KILLSWITCH] : []), ...(burst ? ['component_fl1_rules_engine'] : [])],
    ...(killswitched ? { shows: ['execute_rule_killswitched'] } : {}),
    summary: `Managed Ruleset execution by proxy, ${windowLabel(from, t)}`,
    detail: override,
    table: {
      columns: ['proxy', 'executions completed', 'callback failures', 'failing from', 'to'],
      rows: [
        ['FL1', burst ? 'almost none on affected data centres' : 'all', burst ? 'late_routing' : 'none', burst ? formatClockSeconds(burst.first) : '—', burst ? formatClockSeconds(burst.last) : '—'],
        ['FL2', 'all', 'none', '—', '—'],
      ],
    },
  };
}
