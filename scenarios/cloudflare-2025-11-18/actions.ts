/**
 * What each action does once its declared delay has run out (delays live in scenario.json).
 * Outcomes say what an operator would see happen, never why the outage happens.
 */
import type { ModelContext, ParamValues } from '../../server/engine/index.ts';
import { rollbackChange } from './change-log.ts';
import {
  GROUPS, REGIONS, WARP_LABELS, copyState, coreShares, isBadFile, keyedUnit, withState, type CfState,
} from './model-state.ts';
import { publish } from './step.ts';

type Result = { model: CfState; outcome: string; changed?: false };

export function act(m: CfState, action: { id: string; params: ParamValues }, { t }: ModelContext): Result {
  const done = (model: CfState, outcome: string): Result => ({ model, outcome });
  switch (action.id) {
    case 'kv_bypass':
      return done(withState(m, { kvBypass: true, kvBypassAt: m.kvBypassAt ?? t }), 'Workers KV front-end gateway now sends its traffic through the previous proxy version instead of the core proxy.');
    case 'access_bypass':
      return done(withState(m, { accessBypass: true }), 'Access authentication now runs through the previous proxy version instead of the core proxy.');
    case 'ddos_mitigation_mode':
      return done(withState(m, { ddos: true }), 'Network-wide DDoS mitigation mode enabled: stricter rate limits and more challenges for suspicious traffic.');
    case 'ddos_mitigation_off':
      return done(withState(m, { ddos: false }), 'Network-wide DDoS mitigation mode disabled.');
    case 'kv_account_limiting':
      return done(withState(m, { kvLimited: true }), 'Rate limits and traffic shaping applied to the heaviest Workers KV accounts; KV request volume drops by about a tenth.');
    case 'disable_warp': {
      const region = String(action.params.region);
      const label = WARP_LABELS[region] ?? region;
      if (m.warpOff.includes(region)) return done(m, `WARP was already disabled in ${label}.`);
      return done(withState(m, { warpOff: [...m.warpOff, region].sort() }), `WARP disabled in ${label}: new WARP connections there are refused.`);
    }
    case 'enable_warp': {
      const region = String(action.params.region);
      return done(withState(m, { warpOff: m.warpOff.filter((r) => r !== region) }), `WARP re-enabled in ${WARP_LABELS[region] ?? region}.`);
    }
    case 'stop_feature_generation':
      return done(withState(m, { generating: false }), 'The Bot Management feature-file job is stopped: no new files are created or propagated.');
    case 'resume_feature_generation':
      return done(withState(m, { generating: true }), 'The Bot Management feature-file job is running again (every five minutes).');
    case 'push_known_good_file':
      return pushKnownGood(m, t);
    case 'restart_core_proxy':
      return restartProxy(m, t);
    case 'rollback_change': {
      const result = rollbackChange(m, String(action.params.change), t);
      return { model: result.model, outcome: result.outcome, ...(result.changed === false ? { changed: false } : {}) };
    }
    case 'scale_login_capacity':
      if (m.loginScaleAt !== null) return done(m, 'Dashboard login capacity is already scaled up.');
      return done(withState(m, { loginScaleAt: t }), 'Dashboard login and control-plane concurrency being raised to about three times normal; new instances come online over the next ten minutes.');
    case 'restart_downstream':
      return restartGroup(m, String(action.params.group), t);
    case 'post_status_update':
      return done(m, 'Status update published.');
    default:
      return done(m, 'Nothing happened: unknown action.');
  }
}

/** The last good file goes into the distribution queue by hand; proxies pick it up on their next config poll. */
function pushKnownGood(m: CfState, t: number): Result {
  const good = [...m.files].reverse().find((f) => !isBadFile(f) && f.node >= 0) ?? m.files[0]!;
  const next = copyState(m);
  // No pipeline notification for a hand-pushed file: proxies load it on their 8–12 min poll unless restarted.
  publish(next, m, t, { at: t, node: -1, features: good.features }, 480 + 240 * keyedUnit(m.salt, next.files.length, 2));
  const generating = m.generating ? ' The feature-file job is still running.' : '';
  return {
    model: next,
    outcome: `Known-good feature file (generated ${hhmm(good.at)}, ${good.features} features) is in the distribution queue and on the edge; proxies load it on their next configuration poll.${generating}`,
  };
}

/** A forced restart makes every proxy load the file currently on the edge at once; connections in flight are reset (signals.ts). */
function restartProxy(m: CfState, t: number): Result {
  const edgeFrom = REGIONS.map(() => m.edgeTo);
  const next = withState(m, {
    proxyRestartAt: t, edgeFrom, edgeStart: t, edgeDur: 60,
    edgeLog: [...m.edgeLog, { at: t, dur: 60, to: m.edgeTo, from: edgeFrom }],
  });
  const after = coreShares(next, t).fl2Fail;
  return {
    model: next,
    outcome: after > 0.05
      ? 'Core proxy restarted across the fleet: processes came back up and loaded their current configuration; error rates did not improve.'
      : 'Core proxy restarted across the fleet: processes came back up and loaded their current configuration.',
  };
}


function restartGroup(m: CfState, id: string, t: number): Result {
  const g = GROUPS.findIndex((x) => x.id === id);
  if (g < 0) return { model: m, outcome: `Unknown service group ${id}.` };
  const group = GROUPS[g]!;
  if (m.restartEnd[g] !== null) return { model: m, outcome: `${group.label}: a rolling restart is already in progress.` };
  const restartEnd = m.restartEnd.slice();
  restartEnd[g] = t + group.restartMin * 60;
  const note = m.stuck[g] ? '' : ' Its instances were passing health checks; each batch is out of service while it restarts.';
  return { model: withState(m, { restartEnd }), outcome: `${group.label}: rolling restart started (about ${group.restartMin} minutes).${note}` };
}

function hhmm(t: number): string {
  const min = Math.floor(t / 60);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}
