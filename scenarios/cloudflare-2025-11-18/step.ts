/**
 * The dynamics: feature-file generation and propagation, the dashboard's dependency on Workers KV,
 * downstream services wedging, the login backlog, and the feed items the world produces by itself.
 * Returns a shallow copy; arrays are replaced only when they change (cheap, and the input stays intact).
 */
import type { FeedItem, StepContext } from '../../server/engine/index.ts';
import {
  CLICKHOUSE_NODES, GEN_EVERY, GEN_PHASE, GROUPS, NORMAL_FEATURES, R0_EXTRA_FEATURES, REGIONS, SCL_MAINTENANCE, START, WARP_LABELS,
  clamp01, copyState, coreShares, isBadFile, keyedUnit, kvFail, accessFail, nodeUpdated, regionBad, turnstileFail,
  type CfState, type FeatureFile,
} from './model-state.ts';

/** Login backlog parameters (assumptions, docs/model.md): units are "normal login demand per minute". */
export const LOGIN = {
  /** Pent-up demand added per minute of full FL2 failure (customers who will come back to the dashboard). */
  pentPerMin: 1.2,
  /** Minutes over which customers notice their sites work again and come back. */
  rampMin: 15,
  /** Time constant of the release of pent-up demand. */
  tauMin: 60,
  /** Extra attempts per failed attempt (retries, reloads). */
  retry: 1.0,
  /** Minutes a user waits in the login queue before giving up. */
  patienceMin: 3,
  normalCapacity: 1.6,
  scaledCapacity: 4.5,
  /** New login/control-plane instances come online over this many minutes. */
  scaleRampMin: 10,
};

export function loginCapacity(m: CfState, t: number): number {
  if (m.loginScaleAt === null) return LOGIN.normalCapacity;
  const k = clamp01((t - m.loginScaleAt) / (LOGIN.scaleRampMin * 60));
  return LOGIN.normalCapacity + (LOGIN.scaledCapacity - LOGIN.normalCapacity) * k;
}

/** Publish a file to the edge: every region moves from its current share to the new file's. */
export function publish(m: CfState, prev: CfState, t: number, file: FeatureFile, durS: number): void {
  m.files = [...prev.files, file];
  m.edgeFrom = REGIONS.map((_, r) => regionBad(prev, r, t));
  m.edgeTo = isBadFile(file) ? 1 : 0;
  m.edgeStart = t;
  m.edgeDur = durS;
  m.edgeLog = [...prev.edgeLog, { at: t, dur: durS, to: m.edgeTo, from: m.edgeFrom }];
}

const SAID = {
  errors: 1, botScore: 2, recovered: 4, statusProvider: 8, santiago: 16, warp: 32, challenges: 64,
  dashboard: 128, email: 256, access: 512, press: 1024,
} as const;

export function step(prev: CfState, ctx: StepContext): CfState {
  const { t, dt } = ctx;
  const m = copyState(prev);

  // Feature-file generation (§3): the query runs on one node; bad if that node already has the grant.
  if (m.generating && t > START && (t - START - GEN_PHASE) % GEN_EVERY === 0) {
    const slot = (t - START - GEN_PHASE) / GEN_EVERY + 1;
    const node = Math.floor(keyedUnit(m.salt, slot, 0) * CLICKHOUSE_NODES);
    const features = nodeUpdated(m, node, t) ? NORMAL_FEATURES + R0_EXTRA_FEATURES : NORMAL_FEATURES;
    // Propagation network-wide within 1–3 minutes (§3 "seconds to minutes").
    publish(m, prev, t, { at: t, node, features }, 60 + 120 * keyedUnit(m.salt, slot, 1));
  }

  const { bad, fl2Fail } = coreShares(m, t);
  const dtMin = dt / 60;

  // The dashboard control plane trips its breaker on KV errors and re-closes after 5 healthy minutes.
  const kf = kvFail(m, bad);
  if (kf > 0.2) {
    m.breakerOpen = true;
    m.kvOkSince = null;
  } else if (kf < 0.05) {
    m.kvOkSince = m.kvOkSince ?? t;
    if (m.breakerOpen && t - m.kvOkSince >= 300) m.breakerOpen = false;
  } else {
    m.kvOkSince = null;
  }

  // Downstream groups wedge after enough failing traffic; a rolling restart clears them when done.
  // Arrays are copied only when they change (this runs every step).
  if (anyRestarting(m)) {
    for (let g = 0; g < GROUPS.length; g++) {
      const end = m.restartEnd[g];
      if (end === null || end === undefined || t < end) continue;
      if (m.restartEnd === prev.restartEnd) { m.restartEnd = m.restartEnd.slice(); m.stuck = m.stuck.slice(); m.exposure = m.exposure.slice(); }
      m.stuck[g] = false;
      m.exposure[g] = 0;
      m.restartEnd[g] = null;
    }
  }
  if (bad > 0) {
    if (m.exposure === prev.exposure) m.exposure = m.exposure.slice();
    for (let g = 0; g < GROUPS.length; g++) {
      m.exposure[g] = m.exposure[g]! + bad * dtMin;
      if (!m.stuck[g] && m.exposure[g]! >= GROUPS[g]!.exposureMin) {
        if (m.stuck === prev.stuck) m.stuck = m.stuck.slice();
        m.stuck[g] = true;
      }
    }
  }

  // Dashboard logins: Turnstile and the KV breaker gate the path; a queue with retries and abandonment.
  const pathUp = (1 - turnstileFail(m, bad)) * (m.breakerOpen ? 0.05 : 1);
  m.pentUp += LOGIN.pentPerMin * fl2Fail * dtMin;
  m.coreOkSince = fl2Fail < 0.05 ? (m.coreOkSince ?? t) : null;
  let release = 0;
  if (m.coreOkSince !== null && pathUp > 0.5) {
    release = (m.pentUp / LOGIN.tauMin) * clamp01((t - m.coreOkSince) / (LOGIN.rampMin * 60));
    m.pentUp -= release * dtMin;
  }
  const offered = (1 + release) * pathUp * (1 + LOGIN.retry * (1 - m.loginOk));
  const cap = loginCapacity(m, t);
  m.loginQueue = Math.max(0, m.loginQueue + (offered - cap - m.loginQueue / LOGIN.patienceMin) * dtMin);
  const wait = m.loginQueue / cap;
  m.loginOk = 0.985 * pathUp / (1 + (wait / 0.75) ** 2);

  say(m, ctx, t, bad, pathUp);
  if (m.queuedFeed.length > 0 && m.queuedFeed[0]!.at <= t) emitQueued(m, ctx, t);
  return m;
}

/** Feed items a rollback's consequences queued (sorted by time), once their time has come. */
function emitQueued(m: CfState, ctx: StepContext, t: number): void {
  let i = 0;
  for (; i < m.queuedFeed.length && m.queuedFeed[i]!.at <= t; i++) {
    const { kind, title, text } = m.queuedFeed[i]!;
    ctx.emit({ kind, title, text });
  }
  m.queuedFeed = m.queuedFeed.slice(i);
}

function anyRestarting(m: CfState): boolean {
  for (const e of m.restartEnd) if (e !== null) return true;
  return false;
}

/** Put an item on the feed once (a bit in `said` remembers it). No closures: this runs every step. */
function once(m: CfState, ctx: StepContext, flag: number, when: boolean, item: () => FeedItem): void {
  if (when && (m.said & flag) === 0) {
    m.said |= flag;
    ctx.emit(item());
  }
}

/** Customer reports and third-party notices, each once, driven by state. None names the cause. */
function say(m: CfState, ctx: StepContext, t: number, bad: number, pathUp: number): void {
  if (m.said === ALL_SAID) return;
  const badMinutes = m.exposure[0]!;
  once(m, ctx, SAID.errors, badMinutes >= 3, errorsReport);
  once(m, ctx, SAID.access, badMinutes >= 6 && accessFail(m, bad) > 0.4, accessReport);
  once(m, ctx, SAID.botScore, badMinutes >= 9, botScoreReport);
  once(m, ctx, SAID.press, badMinutes >= 22, pressNotice);
  once(m, ctx, SAID.recovered, (m.said & SAID.errors) !== 0 && bad < 0.02, recoveredReport);
  const [downFrom, downTo] = m.statusDown[0]!;
  once(m, ctx, SAID.statusProvider, t >= downFrom + 240 && t < downTo, statusProviderNotice);
  once(m, ctx, SAID.santiago, t >= SCL_MAINTENANCE.from, santiagoNotice);
  if (m.warpOff.length > 0 && (m.said & SAID.warp) === 0) {
    m.said |= SAID.warp;
    ctx.emit({ kind: 'customer-report', title: 'WARP users cannot connect', text: `Users of the WARP client in ${m.warpOff.map((r) => WARP_LABELS[r] ?? r).join(', ')} report they cannot connect.` });
  }
  once(m, ctx, SAID.challenges, m.ddos, challengesReport);
  once(m, ctx, SAID.dashboard, pathUp > 0.5 && m.loginOk < 0.6, dashboardReport);
  once(m, ctx, SAID.email, m.exposure[4]! >= 30, emailReport);
}

const ALL_SAID = Object.values(SAID).reduce((a, b) => a | b, 0);
const errorsReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Customers report error pages',
  text: 'Support queue spiking: customers in several countries see Cloudflare-branded 5xx error pages on their sites. Some say it comes and goes.',
});
const accessReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Zero Trust customers locked out',
  text: 'Several Access customers say their staff cannot log into internal applications; people already logged in are fine.',
});
const botScoreReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Bot rules blocking real users',
  text: 'Enterprise customers with bot-blocking rules report large numbers of legitimate visitors being blocked. One sends a log export: every request in the last few minutes has a bot score of 0.',
});
const pressNotice = (): FeedItem => ({
  kind: 'notice', title: 'Press enquiry',
  text: 'A tech reporter asks whether the Aisuru botnet, behind record-size attacks in recent weeks, is hitting Cloudflare right now.',
});
const recoveredReport = (): FeedItem => ({
  kind: 'customer-report', title: '"Working again?"',
  text: 'A few customers report their sites are loading again and ask whether the incident is over.',
});
const statusProviderNotice = (): FeedItem => ({
  kind: 'notice', title: 'Status page provider notice',
  text: 'The third-party provider hosting the public status page posts that it is investigating elevated errors on some hosted status pages.',
});
const santiagoNotice = (): FeedItem => ({
  kind: 'notice', title: 'Scheduled maintenance started: SCL (Santiago)',
  text: 'Scheduled maintenance in the Santiago (SCL) datacenter has started (12:00–15:00 UTC). Traffic may be re-routed to nearby locations and some users may see slightly higher latency.',
});
const challengesReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Visitors stuck on challenge pages',
  text: 'Customers report many legitimate visitors now get interstitial challenge pages, and some cannot get past them.',
});
const dashboardReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Dashboard logins hanging',
  text: 'Customers trying to log into the dashboard report spinning login pages and timeouts; many are retrying.',
});
const emailReport = (): FeedItem => ({
  kind: 'customer-report', title: 'Phishing got through Email Security',
  text: 'An Email Security customer reports several phishing messages from newly registered domains reached inboxes, and some Auto Move actions failed.',
});
