/**
 * Ways to play the real scenarios, for the scoring tests (scoring-practice.test.ts): a careful
 * team that follows the evidence, a team that clicks every investigation and guesses, a reckless
 * team (posts before the incident, says "Resolved" early, restarts the fleet, rolls everything
 * back), and one fix made at different moments. Only ids that exist in the scenarios.
 */
import {
  available, clock, createWorld, DEFAULT_RESPONDERS, formatClock, planToCommands, runCommands, type PlanStep, type Scenario,
} from '../server/engine/index.ts';
import { awsFixAt } from './aws-us-east-1-2025-10-20/practice-plans.ts';
export { CAREFUL_AWS, RECKLESS_AWS } from './aws-us-east-1-2025-10-20/practice-plans.ts';

const post = (at: string, state: string, components: string[], message: string): PlanStep => ({ at, action: 'post_status_update', params: { state, components, message } });

const NOV_FAILING = ['cdn', 'workers_kv', 'access', 'turnstile', 'dashboard', 'bot_management'];

/** 18 November: read the change log and the proxy logs when the errors are high, bypass, diagnose with the findings, fix. */
export const CAREFUL_18: PlanStep[] = [
  { at: '11:32', investigate: 'change_log', params: {} },
  post('11:33', 'investigating', NOV_FAILING, 'We are investigating widespread errors on sites using our CDN, and failures of Workers KV, Access, Turnstile and dashboard logins.'),
  { at: '11:36', investigate: 'proxy_logs', params: { proxy: 'fl2' } },
  { at: '11:46', action: 'kv_bypass', params: {} },
  { at: '11:46', investigate: 'feature_file_history', params: {} },
  { at: '11:46', action: 'access_bypass', params: {} },
  {
    at: '11:56', diagnose: {
      trigger: 'change_clickhouse_grants', component: 'artefact_feature_file', mechanism: 'generated_file_over_limit', evidence: ['proxy_logs', 'feature_file_history', 'change_log'],
      text: 'The feature file grew past the proxy\'s 200-feature limit after the 11:05 ClickHouse grant change; FL2 panics loading it.',
    },
  },
  { at: '11:56', action: 'stop_feature_generation', params: {} },
  { at: '11:59', action: 'push_known_good_file', params: {} },
  { at: '12:01', action: 'rollback_change', params: { change: 'change_clickhouse_grants' } },
  { at: '12:04', action: 'restart_core_proxy', params: {} },
  post('12:04', 'identified', NOV_FAILING, 'We have identified a faulty configuration file and are rolling out a known-good version across the network.'),
  post('12:30', 'monitoring', ['dashboard'], 'A fix has been deployed and error rates are back to normal. Dashboard logins are recovering; we are monitoring.'),
  post('13:00', 'resolved', [], 'This incident has been resolved. All services are operating normally.'),
];

/** 18 November: a status post before anything broke, a fleet restart and service restarts at the alert, every change rolled back, "Resolved" at once. */
export const RECKLESS_18: PlanStep[] = [
  post('11:10', 'investigating', ['cdn'], 'We are investigating reports of errors on our network.'),
  { at: '11:31', action: 'restart_core_proxy', params: {} },
  { at: '11:31', investigate: 'change_log', params: {} },
  { at: '11:33', action: 'restart_downstream', params: { group: 'workers_runtime' } },
  { at: '11:33', action: 'restart_downstream', params: { group: 'zero_trust' } },
  ...['change_fl2_release', 'change_kv_gateway_pool', 'change_waf_rules', 'change_resolver_config', 'change_tls_rotation', 'change_clickhouse_grants']
    .map((change): PlanStep => ({ at: '11:37', action: 'rollback_change', params: { change } })),
  post('11:45', 'resolved', [], 'This incident has been resolved. It was not an attack.'),
];

/** 5 December: the change log and the FL1 logs at the alert, an honest first post, a supported diagnosis, the revert. */
export const CAREFUL_05: PlanStep[] = [
  { at: '08:50', investigate: 'recent_changes', params: { system: 'global_config' } },
  { at: '08:50', investigate: 'proxy_logs', params: { proxy: 'fl1' } },
  { at: '08:50', investigate: 'affected_customers', params: {} },
  post('08:51', 'investigating', ['cdn', 'dashboard_api'], 'We are investigating HTTP 500 errors on many customer sites and on the dashboard and API.'),
  {
    at: '08:53', diagnose: {
      trigger: 'change_waf_killswitch', component: 'component_fl1_rules_engine', mechanism: 'config_reaches_code_bug', evidence: ['proxy_logs', 'recent_changes'],
      text: 'The 08:47 killswitch change reached FL1\'s Lua rules engine, which fails on the skipped execute rule.',
    },
  },
  { at: '08:53', action: 'revert_change', params: { change: 'change_waf_killswitch' } },
  post('08:54', 'identified', ['cdn', 'dashboard_api'], 'We identified a configuration change as the cause and have reverted it. Traffic is recovering.'),
  post('09:00', 'resolved', [], 'This incident has been resolved. A configuration change caused errors for some customers for a few minutes. It was not an attack.'),
];

/** 5 December: a post before the incident, a fleet restart, a failover of healthy backends, every change seen reverted, "Resolved" while sites still fail. */
export const RECKLESS_05: PlanStep[] = [
  post('08:42', 'investigating', ['cdn'], 'We are investigating reports of errors on our network.'),
  { at: '08:50', action: 'restart_fl1', params: {} },
  { at: '08:50', action: 'failover_dashboard_api', params: {} },
  { at: '08:50', investigate: 'recent_changes', params: { system: 'global_config' } },
  { at: '08:50', investigate: 'recent_changes', params: { system: 'gradual_deployment' } },
  post('08:52', 'resolved', [], 'This incident has been resolved. It was not an attack.'),
  { at: '08:53', action: 'revert_change', params: { change: 'change_ip_list' } },
  { at: '08:53', action: 'revert_change', params: { change: 'change_waf_killswitch' } },
];

/**
 * One fix, made at `at`. Cloudflare: the change log read at `at`, the change rolled back when the log
 * is in. 20 October: the DNS record restored and DWFM recovered (its own file says how).
 */
export function fixAt(scenario: Scenario, at: string): PlanStep[] {
  const t = clock(at);
  const then = (minutes: number) => formatClock(t + minutes * 60);
  switch (scenario.data.id) {
    case 'cloudflare-2025-11-18': return [{ at, investigate: 'change_log', params: {} }, { at: then(5), action: 'rollback_change', params: { change: 'change_clickhouse_grants' } }];
    case 'aws-us-east-1-2025-10-20': return awsFixAt(at);
    default: return [{ at, investigate: 'recent_changes', params: { system: 'global_config' } }, { at: then(2), action: 'revert_change', params: { change: 'change_waf_killswitch' } }];
  }
}

/**
 * "Click every investigation at the first alert, then guess": every generic investigation (each
 * option) at `at`, then, as soon as a component can be named, the first trigger, component and
 * mechanism offered (alphabetical), with no findings attached.
 */
export function clickerPlan(scenario: Scenario, seed: number, at: string): PlanStep[] {
  const book = available(scenario, createWorld(scenario, seed));
  const clicks: PlanStep[] = book.investigations.flatMap((inv) => {
    const choice = inv.params.find((p) => p.type === 'enum');
    if (!choice || choice.type !== 'enum') return [{ at, investigate: inv.id, params: {} }];
    // Every option of the first choice; any other choice left at its first option (a `dig` asks which name and which resolver).
    const rest = Object.fromEntries(inv.params.filter((p) => p !== choice && p.type === 'enum').map((p) => [p.name, p.type === 'enum' ? p.options[0]!.value : '']));
    return choice.options.map((o): PlanStep => ({ at, investigate: inv.id, params: { ...rest, [choice.name]: o.value } }));
  });
  const played = runCommands(scenario, seed, planToCommands(clicks), clock(scenario.data.clock.end), { responders: DEFAULT_RESPONDERS }).world;
  // The guess: at the first minute after the alert when a trigger, a component and a mechanism are all offered.
  for (let t = clock(at) + 60; t < clock(scenario.data.clock.end); t += 60) {
    const options = available(scenario, { ...played, leads: played.leads.filter((l) => l.at <= t) }).diagnosis;
    const needsComponent = scenario.data.diagnosis.correct.component !== undefined;
    if (options.triggers.length === 0 || options.mechanisms.length === 0 || (needsComponent && options.components.length === 0)) continue;
    const guess: PlanStep = {
      at: formatClock(t),
      diagnose: { trigger: options.triggers[0]!.id, ...(needsComponent ? { component: options.components[0]!.id } : {}), mechanism: options.mechanisms[0]!.id, text: 'Our best guess.' },
    };
    return [...clicks, guess];
  }
  return clicks;
}
