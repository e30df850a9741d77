/**
 * What a responder's dashboards show, computed from the hidden state at sample time, plus noise
 * from the world's RNG. Levels follow §4: 5xx = (share on a bad file) × (FL2 share) + noise.
 */
import type { ModelContext, Rng } from '../../server/engine/index.ts';
import {
  REGIONS, SCL_MAINTENANCE, START, WARP_REGIONS, accessFail, coreShares, kvFail, regionBad, residual5xx,
  statusPageDown, turnstileFail, type CfState,
} from './model-state.ts';
import { NO_EFFECTS, rollbackEffects } from './change-log.ts';
import type { ChangeEffects } from './change-catalog.ts';
import { loginCapacity } from './step.ts';
import { hypot2 } from './hypot2.ts';

/** Baseline 5xx share (percent) of a healthy network (assumption). */
export const BASE_5XX = 0.12;
const RESTART_BLIP_S = 120;

function region5xx(m: CfState, r: number, t: number, residual: number, restarting: boolean, fx: Required<ChangeEffects>, rng: Rng): number {
  const reg = REGIONS[r]!;
  const fail = 100 * regionBad(m, r, t) * reg.fl2;
  const sd = Math.sqrt((0.03 * fail) ** 2 + (0.05 * residual) ** 2 + 0.025 ** 2);
  return Math.max(0, BASE_5XX + fail + residual + (restarting ? 3 : 0) + fx.all_5xx + fx.fl2_5xx * reg.fl2 + rng.normal(0, sd));
}

export function signals(m: CfState, { t, rng }: ModelContext): Record<string, number> {
  const { bad, fl2Fail, flZero } = coreShares(m, t);
  const restarting = m.proxyRestartAt !== null && t >= m.proxyRestartAt && t - m.proxyRestartAt < RESTART_BLIP_S;
  const residual = residual5xx(m, t);
  // What rollbacks of changes undid (change-log.ts); nothing to add, and no cost, until one is made.
  const fx = m.rollbacks.length > 0 ? rollbackEffects(m, t) : NO_EFFECTS;

  // Per-region and global 5xx: FL2 traffic on a bad file panics; wedged downstream services add a tail.
  // Independent noise terms are drawn as one normal with the combined spread (fewer draws per sample).
  // The draws happen in a fixed order (regions first), so each value is computed into a local and the
  // result is one object literal: a fixed shape, cheaper than adding 21 keys one by one.
  const na = region5xx(m, 0, t, residual, restarting, fx, rng);
  const eu = region5xx(m, 1, t, residual, restarting, fx, rng);
  const apac = region5xx(m, 2, t, residual, restarting, fx, rng);
  const latam = region5xx(m, 3, t, residual, restarting, fx, rng);
  const mea = region5xx(m, 4, t, residual, restarting, fx, rng);
  // Summed in region order, as the per-region values were drawn.
  let global = 0;
  global += REGIONS[0].weight * na;
  global += REGIONS[1].weight * eu;
  global += REGIONS[2].weight * apac;
  global += REGIONS[3].weight * latam;
  global += REGIONS[4].weight * mea;

  const kf = kvFail(m, bad);
  const kvErrorRate = Math.max(0, 0.05 + 100 * kf + fx.kv_err + rng.normal(0, hypot2(3 * kf, 0.02)));
  // Clients retry failed KV reads; account limiting trims the heaviest accounts (no effect on errors).
  const kvRequestRate = 1800 * (1 + 0.35 * kf) * (m.kvLimited ? 0.88 : 1) * (1 + rng.normal(0, 0.015));
  const af = accessFail(m, bad);
  const accessAuthFailureRate = Math.max(0, 0.3 + 100 * af + rng.normal(0, hypot2(3 * af, 0.08)));
  const tf = turnstileFail(m, bad);
  const turnstileFailureRate = Math.max(0, 0.2 + 100 * tf + rng.normal(0, hypot2(3 * tf, 0.06)));
  const dashboardLoginSuccess = Math.min(100, Math.max(0, 100 * m.loginOk + rng.normal(0, 0.6)));
  const dashboardLatencyP95 = Math.max(50, 420 * (1 + m.loginQueue / loginCapacity(m, t)) * (1 + rng.normal(0, 0.04)) + fx.dash_p95);

  // Latency and CPU track error volume: uncaught errors are enriched by debugging/observability (§2).
  const errLoad = fl2Fail + residual / 100;
  const sclDetour = t >= SCL_MAINTENANCE.from && t < SCL_MAINTENANCE.to ? 1 : 0;
  const latencyP50 = Math.max(5, 28 * (1 + 1.1 * errLoad) + (m.ddos ? 4 : 0) + sclDetour * 0.6 + rng.normal(0, 0.8));
  const latencyP99 = Math.max(50, 320 * (1 + 5.5 * errLoad) * (1 + rng.normal(0, 0.04)) + (m.ddos ? 90 : 0) + (restarting ? 400 : 0) + fx.p99);
  const cpuUtilization = Math.min(100, Math.max(0, 36 + 62 * errLoad + (m.ddos ? 7 : 0) + (restarting ? 9 : 0) + rng.normal(0, 1.2)));

  // Normal traffic with its daily rise; clients retry 5xx a little (§5: volume was not abnormal).
  const diurnal = 1 + 0.08 * Math.sin((Math.PI * (t - START)) / (8 * 3600));
  const requestVolume = 44 * diurnal * (1 + 0.04 * fl2Fail) * (1 + rng.normal(0, 0.012));
  const botScoreZeroShare = Math.max(0, 0.3 + 100 * flZero + rng.normal(0, hypot2(3 * flZero, 0.05)));
  const challengeRate = Math.max(0, 2.5 + (m.ddos ? 11 : 0) + fx.challenge + rng.normal(0, 0.15));

  let warpOff = 0;
  for (const region of m.warpOff) warpOff += WARP_REGIONS[region] ?? 0;
  const warpConnectSuccess = Math.min(100, Math.max(0, 99.3 * (1 - warpOff) - fx.warp + rng.normal(0, 0.15)));
  const emailSecurityDegraded = Math.max(0, 0.5 + 40 * bad + (m.stuck[4] ? 8 : 0) + rng.normal(0, hypot2(2 * bad, 0.1)));
  // One external probe; rare transient failures when up, a rare cached page when down.
  const statusPageUp = statusPageDown(m, t) ? (rng.chance(0.03) ? 1 : 0) : (rng.chance(0.995) ? 1 : 0);
  return {
    http_5xx_na: na, http_5xx_eu: eu, http_5xx_apac: apac, http_5xx_latam: latam, http_5xx_mea: mea,
    http_5xx_global: global,
    kv_error_rate: kvErrorRate,
    kv_request_rate: kvRequestRate,
    access_auth_failure_rate: accessAuthFailureRate,
    turnstile_failure_rate: turnstileFailureRate,
    dashboard_login_success: dashboardLoginSuccess,
    dashboard_latency_p95: dashboardLatencyP95,
    latency_p50: latencyP50,
    latency_p99: latencyP99,
    cpu_utilization: cpuUtilization,
    request_volume: requestVolume,
    bot_score_zero_share: botScoreZeroShare,
    challenge_rate: challengeRate,
    warp_connect_success: warpConnectSuccess,
    email_security_degraded: emailSecurityDegraded,
    status_page_up: statusPageUp,
  };
}
