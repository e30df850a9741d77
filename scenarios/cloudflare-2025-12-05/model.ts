/**
 * Causal model of the Cloudflare outage of 5 December 2025 (facts: /work/shared/facts/cloudflare-2025-12-05.md).
 *
 * The only scripted event is the premise: at 08:47 a killswitch change for an internal WAF test-tool
 * rule (a rule whose action is `execute`) is sent through the global configuration system. Every
 * symptom after that is computed from state: the change reaches each region within seconds, and from
 * then on the requests of FL1 customers using the Managed Ruleset fail with HTTP 500 (FL1's Lua rules
 * engine reads `rule_result.execute` of the skipped rule), except `/cdn-cgi/trace`-style test
 * endpoints. FL2 and the China network never see the bug. Nothing ends it but a team action.
 */
import { clock, formatClockSeconds, type ModelContext, type ScenarioModel } from '../../server/engine/index.ts';
import {
  BASELINE_5XX_PCT, BASELINE_RPS, DASHBOARD_AFFECTED_SHARE, FL1_SHARE, FL2_MANAGED_SHARE, REGIONS, TEST_ENDPOINT_SHARE,
} from './traffic-profile.ts';
import {
  averageBroken, bufferRollout, fl1TrafficShare, FL2_MIGRATION_SECONDS, FL1_RESTART_SECONDS, globalFailingShare, managedCompletingShare,
  movedToFl2, regionFailingShare, restarting, withState, type Dec05State, type StatusMessage,
} from './state.ts';
import { emitReports } from './feed-reports.ts';
import { NO_UNDO, reopened, undoChange, undoEffects } from './change-log.ts';
import { affectedCustomers, dashboardCheck, proxyLogs, recentChanges, searchFrom, traceCheck, trafficAnalysis, wafStats } from './evidence.ts';

/** When the killswitch change goes out (PM5: 08:47). */
const KILLSWITCH_SENT_AT = clock('08:47');

const STATUS_TEXT: Record<StatusMessage, string> = {
  investigating_dashboard_api: 'Investigating issues with the Cloudflare Dashboard and related APIs.',
  investigating_widespread_errors: 'Investigating widespread HTTP 500 errors for customer sites.',
  fix_implemented: 'A fix has been implemented and we are monitoring the results.',
  resolved: 'Resolved: the network was unavailable for several minutes for some customers; this was not an attack.',
};

/** Relative sample-to-sample noise of a region's failing share (the 18 Nov model uses ±3 %). */
const REGION_MIX_NOISE = 0.025;

const drawLags = (ctx: ModelContext): number[] => REGIONS.map(() => Math.round(ctx.rng.range(2, 20)));

export const model: ScenarioModel<Dec05State> = {
  init(ctx) {
    return {
      killswitchLags: drawLags(ctx),
      revertLags: drawLags(ctx),
      disableLags: drawLags(ctx),
      killswitchSentAt: null,
      killswitchRevertedAt: null,
      managedRulesDisabledAt: null,
      movedToFl2At: null,
      bufferRevertedAt: null,
      ddosModeSince: null,
      fl1RestartAt: null,
      dashboardFailoverAt: null,
      impactSince: null,
      recoveredAt: null,
      reportsSent: [],
      statusPosts: [],
      rollbacks: [],
      queuedFeed: [],
    };
  },

  step(m, ctx) {
    const { t, dt } = ctx;
    const sent = m.killswitchSentAt === null && t - dt < KILLSWITCH_SENT_AT && t >= KILLSWITCH_SENT_AT;
    const next = emitReports(sent ? withState(m, { killswitchSentAt: KILLSWITCH_SENT_AT }) : m, ctx);
    if (next.queuedFeed.length === 0 || next.queuedFeed[0]!.at > t) return next;
    // Owners' notices and customer reports an undo queued, once their time has come.
    const due = next.queuedFeed.filter((f) => f.at <= t);
    for (const { kind, title, text } of due) ctx.emit({ kind, title, text });
    return withState(next, { queuedFeed: next.queuedFeed.slice(due.length) });
  },

  signals(m, { t, rng }) {
    const restart = restarting(m, t);
    // What undone changes brought back (change-log.ts); nothing, and no cost, until one is undone.
    const fx = m.rollbacks.length > 0 ? undoEffects(m, t) : NO_UNDO;
    const noise = (sd: number) => rng.normal(0, sd);
    const ddos = m.ddosModeSince !== null && t >= m.ddosModeSince;
    const migrating = m.movedToFl2At !== null && t >= m.movedToFl2At && t < m.movedToFl2At + FL2_MIGRATION_SECONDS;
    const regions: Record<string, number> = {};
    // Each region's failing share moves with its customer mix from sample to sample (relative noise,
    // as on every real dashboard); the global share is their traffic-weighted sum, so it is smoother.
    let failing = 0;
    REGIONS.forEach((r, i) => {
      const share = regionFailingShare(m, i, t) * (1 + noise(REGION_MIX_NOISE));
      failing += r.weight * share;
      regions[r.signal] = Math.max(0, BASELINE_5XX_PCT + 100 * share + 100 * restart * r.fl1Share + fx.all_5xx + fx.fl2_5xx * (1 - r.fl1Share) + noise(0.03));
    });
    // Clients retry failed requests, so volume rises a little with the failing share; challenges shed some.
    const rps = BASELINE_RPS * (1 + 0.12 * failing) * (ddos ? 0.96 : 1) * (1 + noise(0.004));
    const dashboardBroken = averageBroken(m, t) * DASHBOARD_AFFECTED_SHARE * (1 - movedToFl2(m, t)) * (1 - TEST_ENDPOINT_SHARE);
    return {
      http_5xx_pct: Math.max(0, BASELINE_5XX_PCT + 100 * failing + 100 * restart * FL1_SHARE + fx.all_5xx + fx.fl2_5xx * (1 - fl1TrafficShare(m, t)) + noise(0.03)),
      fl1_5xx_pct: Math.max(0, BASELINE_5XX_PCT + (100 * failing) / fl1TrafficShare(m, t) + 100 * restart + fx.all_5xx + noise(0.04)),
      fl2_5xx_pct: Math.max(0, BASELINE_5XX_PCT * 0.8 + (migrating ? 0.1 : 0) + fx.all_5xx + fx.fl2_5xx + noise(0.03)),
      ...regions,
      dashboard_api_error_pct: Math.max(0, 0.3 + 100 * dashboardBroken + fx.dash_err + noise(0.1)),
      latency_p50_ms: Math.max(1, 42 * (1 - 0.35 * failing) + (ddos ? 9 : 0) + noise(0.8)),
      latency_p99_ms: Math.max(1, 780 * (1 - 0.1 * failing) + (ddos ? 140 : 0) + (migrating ? 60 : 0) + restart * 2500 + fx.p99 + noise(12)),
      requests_rps: Math.round(rps),
      waf_managed_executions_rps: Math.round(rps * managedCompletingShare(m, t, FL2_MANAGED_SHARE)),
      probe_trace_success_pct: Math.min(100, 99.98 - 100 * restart * 0.5 + noise(0.01)),
    };
  },

  act(m, action, { t }) {
    switch (action.id) {
      case 'revert_change':
        return undoChange(m, 'global_config', String(action.params.change), t);
      case 'rollback_deployment':
        return undoChange(m, 'gradual_deployment', String(action.params.change), t);
      case 'move_to_fl2':
        if (m.movedToFl2At !== null) return { model: m, outcome: 'Affected customers are already being moved to FL2.', changed: false };
        return { model: withState(m, { movedToFl2At: t }), outcome: `FL2 parity checks passed; moving FL1 customers that use the Managed Ruleset to FL2 in batches over the next ${FL2_MIGRATION_SECONDS / 60} minutes.` };
      case 'disable_managed_rules':
        if (m.managedRulesDisabledAt !== null) return { model: m, outcome: 'The Managed Ruleset is already disabled for the affected zones.', changed: false };
        return { model: withState(m, { managedRulesDisabledAt: t }), outcome: 'Managed Ruleset disabled for FL1 zones through the global configuration system. Those zones are no longer protected by managed WAF rules, including the CVE-2025-55182 rules.' };
      case 'enable_ddos_mode':
        return { model: withState(m, { ddosModeSince: m.ddosModeSince ?? t }), outcome: 'Advanced DDoS mitigation mode enabled: suspicious clients are challenged. Volume dips slightly; there is no attack traffic to drop.' };
      case 'restart_fl1':
        return { model: withState(m, { fl1RestartAt: t }), outcome: `Rolling restart of FL1 started; every FL1 node restarts within ${FL1_RESTART_SECONDS / 60} minutes and reloads the current configuration.` };
      case 'failover_dashboard_api':
        return { model: withState(m, { dashboardFailoverAt: t }), outcome: 'Dashboard and API backends failed over to the secondary core data centre. Backend health was green before and after.' };
      case 'post_status_update': {
        const message = String(action.params.message);
        const text = message in STATUS_TEXT ? STATUS_TEXT[message as StatusMessage] : message;
        return { model: withState(m, { statusPosts: [...m.statusPosts, { at: t, message }] }), outcome: `Status page updated: ${text}` };
      }
      default:
        return { model: m, outcome: `No effect: unknown action ${action.id}.`, changed: false };
    }
  },

  investigate(m, inv, { t }) {
    // Searches and metric queries cover the last 15 minutes to completion (or from the request, if earlier).
    const from = Math.min(searchFrom(t), inv.requestedAt);
    switch (inv.id) {
      case 'proxy_logs': return proxyLogs(m, String(inv.params.proxy), from, t);
      case 'recent_changes': return recentChanges(m, String(inv.params.system), t);
      case 'affected_customers': return affectedCustomers(m, from, t);
      case 'traffic_analysis': return trafficAnalysis(m, from, t);
      case 'dashboard_api_check': return dashboardCheck(m, from, t);
      case 'trace_endpoint_check': return traceCheck(m, t);
      case 'waf_ruleset_stats': return wafStats(m, from, t);
      default: return { summary: 'Nothing found.', detail: `Unknown investigation ${inv.id}.` };
    }
  },

  truth(m, { t }) {
    const failing = globalFailingShare(m, t);
    const at = (v: number | null) => (v === null ? 'no' : formatClockSeconds(v));
    return {
      headline: failing > 0.01
        ? `${(failing * 100).toFixed(1)}% of HTTP traffic fails: FL1 + Managed Ruleset customers hit a Lua nil index on the killswitched "execute" rule`
        : m.killswitchSentAt === null ? 'Before the killswitch change: healthy' : 'No request fails on the killswitched rule',
      facts: [
        { label: 'Killswitch change sent (global configuration)', value: at(m.killswitchSentAt) },
        { label: 'Killswitch reverted', value: at(m.killswitchRevertedAt) },
        { label: 'Failing share of HTTP traffic', value: `${(failing * 100).toFixed(2)}%` },
        { label: 'Body-buffer rollout (red herring)', value: `${Math.round(bufferRollout(m, t) * 100)}% of the fleet${m.bufferRevertedAt !== null ? ', rolling back' : ''}` },
        { label: 'Managed Ruleset disabled (customers unprotected)', value: at(m.managedRulesDisabledAt) },
        { label: 'Affected customers moved to FL2', value: at(m.movedToFl2At) },
        { label: 'Status posts', value: m.statusPosts.map((p) => `${formatClockSeconds(p.at)} ${p.message}`).join('; ') || 'none' },
        { label: 'Changes undone', value: m.rollbacks.map((r) => `${r.change} at ${formatClockSeconds(r.at)}`).join(', ') || 'none' },
        { label: 'Reopened by undos (security)', value: reopened(m).join('; ') || 'nothing' },
      ],
    };
  },
};
