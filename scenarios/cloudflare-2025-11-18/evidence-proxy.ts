/**
 * Evidence from the proxies and the Workers KV path, over the window each query covered (asked at
 * `from`, done at `to`): log lines with their times, counts by minute, traced requests by hop.
 * A window with no failure in it shows none, and gives no lead: the team can ask again.
 */
import { byMinute, clockLabel, formatClockSeconds, seenWithin, windowLabel, type EvidenceBody } from '../../server/engine/index.ts';
import { kvFailAt, regionBadAt, sharesAt } from './history.ts';
import { REGIONS, START, keyedUnit, type CfState } from './model-state.ts';

/** §3: the panic FL2 logs for every request it cannot serve with the oversized file. */
export const PANIC = 'thread fl2_worker_thread panicked: called Result::unwrap() on an Err value';
/** §3: where it is raised (third-party transcriptions of PM18's code image agree). */
export const PANIC_LOCATION = 'fetch_features → append_with_names(...).unwrap()';

const COLOS: Record<string, readonly string[]> = {
  na: ['iad', 'ord', 'dfw', 'sjc', 'ewr'], eu: ['lhr', 'fra', 'ams', 'cdg', 'mad'], apac: ['sin', 'nrt', 'syd', 'hkg', 'bom'],
  latam: ['gru', 'bog', 'eze', 'lim'], mea: ['jnb', 'dxb', 'cai', 'los'],
};
/** Below this share of all requests panicking, no panic line is sampled (assumption: a sampled log). */
const PANIC_VISIBLE = 0.002;
/** Origin errors FL2 logs at level error on a healthy day, per second (assumption). */
const FL2_BACKGROUND_PER_S = 3_800;
const FL_BACKGROUND_PER_S = 2_600;

const diurnal = (t: number) => 1 + 0.08 * Math.sin((Math.PI * (t - START)) / (8 * 3600));
/** Requests per second across the network (signals.ts `request_volume`, without noise). */
export const requestsPerSecond = (t: number) => 44e6 * diurnal(t);

export function perSecond(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** A colo where FL2 was panicking at τ, drawn deterministically from the seed's salt. */
function panickingColo(m: CfState, tau: number): string {
  const shares = REGIONS.map((reg, r) => reg.weight * reg.fl2 * regionBadAt(m, r, tau));
  let u = keyedUnit(m.salt, tau, 3) * shares.reduce((a, b) => a + b, 0);
  let r = 0;
  while (r < REGIONS.length - 1 && u > shares[r]!) { u -= shares[r]!; r++; }
  const colos = COLOS[REGIONS[r]!.id]!;
  return colos[Math.floor(keyedUnit(m.salt, tau, 4) * colos.length)]!;
}

export function fl2Logs(m: CfState, from: number, to: number): EvidenceBody {
  const window = windowLabel(from, to);
  const panicking = (tau: number) => sharesAt(m, tau).fl2Fail > PANIC_VISIBLE;
  const burst = seenWithin(from, to, 10, panicking);
  const minutes = byMinute(from, to, (tau) => FL2_BACKGROUND_PER_S + (panicking(tau) ? sharesAt(m, tau).fl2Fail * requestsPerSecond(tau) : 0));
  const rates = `Lines per second at level error, by minute: ${minutes.map((x) => `${clockLabel(x.minute)} ${perSecond(x.value)}`).join(' · ')}.`;
  if (!burst) {
    return {
      summary: `FL2 error log, ${window}: 4 sampled lines`,
      detail: `${rates}\nMessage groups: upstream connect error (origin) ${perSecond(FL2_BACKGROUND_PER_S)}/s; TLS handshake with origin failed, a few per second.`,
      table: {
        columns: ['time', 'colo', 'level', 'message'],
        rows: [0.2, 0.45, 0.7, 0.95].map((k, i) => {
          const tau = Math.round(from + k * (to - from));
          return [formatClockSeconds(tau), COLOS.eu![i]!, 'error', i === 2 ? 'TLS handshake with origin failed: certificate has expired' : 'upstream connect error or disconnect/reset before headers (origin)'];
        }),
      },
    };
  }
  // Five panic lines spread over the stretch of the window in which FL2 was panicking.
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 5; i++) {
    let tau = Math.round(burst.first + ((burst.last - burst.first) * (i + 0.5)) / 5);
    while (tau > burst.first && !panicking(tau)) tau -= 10;
    tau = Math.max(from, tau - Math.floor(keyedUnit(m.salt, tau, 5) * 9));
    rows.push([formatClockSeconds(tau), panickingColo(m, tau), 'error', PANIC]);
  }
  const stretch = burst.first === burst.last ? clockLabel(burst.first) : `${formatClockSeconds(burst.first)}–${formatClockSeconds(burst.last)}`;
  return {
    leads: ['component_core_proxy', 'module_bot_management'],
    shows: ['fl2_bot_module_panic'],
    summary: `FL2 error log, ${window}: 5 sampled lines`,
    detail: `${rates}\nMessage groups: "${PANIC}" seen ${stretch}, module bot_management, location ${PANIC_LOCATION}; upstream connect error (origin) ${perSecond(FL2_BACKGROUND_PER_S)}/s.`,
    table: { columns: ['time', 'colo', 'level', 'message'], rows },
  };
}

export function flLogs(m: CfState, from: number, to: number): EvidenceBody {
  const flShare = REGIONS.reduce((s, r) => s + r.weight * (1 - r.fl2), 0);
  // A background of 0.4 % scored 0 on a healthy day; the rest of the share as FL scores everything 0.
  const zero = byMinute(from, to, (tau) => 0.004 + 0.996 * Math.min(1, sharesAt(m, tau).flZero / flShare));
  const peak = Math.max(...zero.map((x) => x.value));
  return {
    ...(peak > 0.3 ? { leads: ['module_bot_management'], shows: ['fl_bot_score_zero'] } : {}),
    summary: `FL error and access logs, ${windowLabel(from, to)}: ${zero.length} minutes`,
    detail: `Error lines: upstream connect error (origin) about ${perSecond(FL_BACKGROUND_PER_S)}/s, nothing else at level error. Access-log sample (1 request in 10,000), bot score field, share of requests by minute:`,
    table: {
      columns: ['minute', 'bot score 0', '1–29', '30–99'],
      rows: zero.map((x) => [clockLabel(x.minute), pct(x.value), pct((1 - x.value) * 0.08), pct((1 - x.value) * 0.92)]),
    },
  };
}

/** Requests the KV tracer samples per minute (1 in 100,000 of about 1.8 M/s; assumption). */
const KV_SAMPLED_PER_MIN = 1_080;

export function kvTrace(m: CfState, from: number, to: number): EvidenceBody {
  const minutes = byMinute(from, to, (tau) => ({ fail: kvFailAt(m, tau), bypassed: m.kvBypassAt !== null && tau >= m.kvBypassAt }));
  let viaCore = 0;
  let viaPrevious = 0;
  let failed = 0;
  for (const { value } of minutes) {
    const n = Math.round(KV_SAMPLED_PER_MIN * (1 + 0.35 * value.fail));
    if (value.bypassed) viaPrevious += n; else viaCore += n;
    failed += Math.round(n * value.fail);
  }
  const rows: (string | number)[][] = [];
  if (viaCore > 0) rows.push(['client → core proxy (FL2)', viaCore, failed, pct(failed / viaCore)]);
  if (viaPrevious > 0) rows.push(['client → previous proxy version', viaPrevious, 0, pct(0)]);
  const reached = viaCore + viaPrevious - failed;
  rows.push(['proxy → KV front-end gateway', reached, 0, pct(0)], ['KV gateway → storage', reached, 0, pct(0)]);
  const byMin = minutes.map((x) => `${clockLabel(x.minute)} ${pct(x.value.fail)}`).join(' · ');
  return {
    ...(failed > 0 ? { leads: ['component_core_proxy'], shows: ['kv_5xx_at_core_proxy'] } : {}),
    summary: `Workers KV request trace, ${windowLabel(from, to)}: ${viaCore + viaPrevious} sampled requests, ${failed} answered 5xx`,
    detail: `Sampled requests by hop, with the hop that returned the 5xx. 5xx share at the first hop by minute: ${byMin}. Storage read/write latency p99 4 ms, as last week.`,
    table: { columns: ['hop', 'sampled requests', '5xx returned here', 'share'], rows },
  };
}
