/**
 * Evidence about the edge as a whole, over the window each tool covered: traffic sources against
 * last week, the status page's hosting and probes, the maintenance calendar with errors by region,
 * the CPU profile, routing and bot scores. Tables of numbers with their times; no verdicts.
 */
import { byMinute, clock, clockLabel, formatClock, windowLabel, type EvidenceBody } from '../../server/engine/index.ts';
import { changeById } from './change-catalog.ts';
import { regionBadAt, sharesAt } from './history.ts';
import { BASE_5XX } from './signals.ts';
import { REGIONS, SCL_MAINTENANCE, residual5xx, statusPageDown, type CfState } from './model-state.ts';
import { requestsPerSecond } from './evidence-proxy.ts';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function trafficAnalysis(m: CfState, from: number, to: number): EvidenceBody {
  const fail = mean(byMinute(from, to, (tau) => sharesAt(m, tau).fl2Fail).map((x) => x.value));
  const now = mean(byMinute(from, to, (tau) => requestsPerSecond(tau) / 1e6).map((x) => x.value)) * (1 + 0.04 * fail);
  const lastWeek = mean(byMinute(from, to, (tau) => requestsPerSecond(tau) / 1e6).map((x) => x.value)) * 0.99;
  return {
    summary: `Traffic sources, ${windowLabel(from, to)}, against the same window last week`,
    detail: `Window averages. Requests retried by clients after a 5xx: ${pct(0.04 * fail)} of requests.`
      + (m.ddos ? ' DDoS mitigation mode on: challenges issued network-wide (see the L7 row).' : ''),
    table: {
      columns: ['measure', 'this window', 'same window last week'],
      rows: [
        ['requests (M rps)', round1(now), round1(lastWeek)],
        ['top-10 source ASNs, share of requests', '31%', '31%'],
        ['top-5 source countries, share of requests', '47%', '48%'],
        ['L7 attack-rule matches (k rps)', m.ddos ? 41 : 12, 11],
        ['L3/L4 volumetric alerts', 0, 0],
        ['new source IPs per minute (k)', 380, 372],
      ],
    },
  };
}

export function statusPageHost(m: CfState, from: number, to: number): EvidenceBody {
  const probes = byMinute(from, to, (tau) => statusPageDown(m, tau));
  const failing = probes.filter((p) => p.value).length;
  const today = m.statusDown.filter(([a]) => a <= to).map(([a, b]) => `${formatClock(a)}–${b <= to ? formatClock(b) : 'now'}`);
  const notice = m.statusDown[0]![0] + 240;
  return {
    ...(today.length > 0 ? { leads: ['event_status_page_down'] } : {}),
    summary: `Status page checks, ${windowLabel(from, to)}: probe failing ${failing} of ${probes.length} minutes`,
    detail: `Probe results by minute: ${probes.map((p) => `${clockLabel(p.minute)} ${p.value ? 'HTTP 5xx' : '200'}`).join(' · ')}. `
      + `Probe failures today: ${today.join(', ') || 'none'}.`,
    table: {
      columns: ['check', 'result'],
      rows: [
        ['nameservers of the status page domain', 'the status page provider\'s'],
        ['HTTP path (traceroute, response headers)', 'provider CDN → provider origin'],
        ['our IP ranges or proxies in the path', 'none'],
        ['provider\'s own status page', to >= notice ? `"investigating elevated errors on some hosted status pages" (posted ${formatClock(notice)})` : 'all systems operational'],
      ],
    },
  };
}

/** The maintenance calendar of the day (SCL: §5, secondary; the two others are illustrative). */
const CALENDAR = [
  { site: 'MAD (Madrid)', from: clock('01:00'), to: clock('03:00') },
  { site: 'SCL (Santiago)', from: SCL_MAINTENANCE.from, to: SCL_MAINTENANCE.to },
  { site: 'YUL (Montréal)', from: clock('20:00'), to: clock('23:00') },
];

export function maintenance(m: CfState, from: number, to: number): EvidenceBody {
  const state = (a: number, b: number) => (to < a ? 'scheduled' : to < b ? 'in progress' : 'complete');
  return {
    leads: ['event_scl_maintenance'],
    summary: `Maintenance calendar for today and HTTP 5xx by region, ${windowLabel(from, to)}`,
    detail: `Scheduled maintenance today (UTC): ${CALENDAR.map((c) => `${c.site} ${clockLabel(c.from)}–${clockLabel(c.to)}, ${state(c.from, c.to)}`).join('; ')}. `
      + 'Traffic of a site in maintenance is re-routed to its neighbours. 5xx below: window averages.',
    table: {
      columns: ['region', 'HTTP 5xx', 'sites in maintenance in the window'],
      rows: REGIONS.map((reg, r) => {
        const fail = mean(byMinute(from, to, (tau) => regionBadAt(m, r, tau)).map((x) => x.value)) * reg.fl2;
        const inMaintenance = reg.id === 'latam' && from < SCL_MAINTENANCE.to && to > SCL_MAINTENANCE.from ? 'SCL' : 'none';
        return [reg.id, pct((BASE_5XX + 100 * fail + residual5xx(m, to)) / 100), inMaintenance];
      }),
    },
  };
}

export function cpuProfile(m: CfState, from: number, to: number): EvidenceBody {
  const fail = mean(byMinute(from, to, (tau) => sharesAt(m, tau).fl2Fail).map((x) => x.value));
  const enrich = Math.round(62 * (fail + residual5xx(m, to) / 100));
  return {
    summary: `Edge CPU profile, ${windowLabel(from, to)}: fleet sample, points of CPU by component`,
    detail: 'Sampled profile across the fleet, averaged over the window; a component is the top-level frame group of the samples.',
    table: {
      columns: ['component', 'CPU points'],
      rows: [['request handling', 24], ['TLS', 8], ['bot management', 4], ['error reporting / debug enrichment', enrich], ['DDoS mitigation', m.ddos ? 7 : 0]],
    },
  };
}

/** The anycast change of the day announces prefixes; it and its rollback show in the prefix churn. */
const ANYCAST = changeById('change_anycast_sin')!;

export function bgp(m: CfState, from: number, to: number): EvidenceBody {
  const events = [ANYCAST.at, ...m.rollbacks.filter((r) => r.change === ANYCAST.id).map((r) => r.at)];
  const recent = events.filter((at) => at <= to && at > to - 3600).length;
  return {
    summary: `BGP and routing, ${windowLabel(from, to)}: sessions, announcements and external looking glasses`,
    detail: `Peering and transit session flaps in the window: 0 beyond background. Route leaks or hijacks reported by external monitors: none. Anycast changes in the change log in the last hour: ${recent}.`,
    table: {
      columns: ['region', 'sessions down', 'prefix updates (last hour)'],
      rows: REGIONS.map((r) => [r.id, 0, 2 + (r.id === 'apac' ? 14 * recent : 0)]),
    },
  };
}

export function botScores(m: CfState, from: number, to: number): EvidenceBody {
  return {
    summary: `Bot scores and failed requests by region, ${windowLabel(from, to)}`,
    detail: 'Window averages, share of all requests in the region. "No score (5xx)": requests answered with a 5xx before a score was recorded.',
    table: {
      columns: ['region', 'bot score 0', 'no score (5xx)'],
      rows: REGIONS.map((reg, r) => {
        const b = mean(byMinute(from, to, (tau) => regionBadAt(m, r, tau)).map((x) => x.value));
        return [reg.id, pct(b * (1 - reg.fl2) + 0.003), pct(b * reg.fl2)];
      }),
    },
  };
}

